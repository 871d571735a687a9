package dev.userstream.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the benchmark's peer, the seed tutorial's PySpark job {@code bench/peer/peer_job.py}, the
 * way its users run it: {@code spark-submit --packages} of the Cassandra connector and the Kafka
 * source, here from the project's pinned pyspark virtualenv ({@code tools/python-env.sh spark}).
 *
 * <pre>{@code
 * .userstream/venv/spark/bin/spark-submit --master local[2] --driver-memory 2g \
 *     --conf spark.jars.ivySettings=bench/peer/ivysettings.xml \
 *     --conf spark.jars.ivy=.userstream/peer-ivy --packages CONNECTOR,KAFKA \
 *     bench/peer/peer_job.py --bootstrap-servers ... --topic ... --table ...
 * }</pre>
 */
final class PeerJobLauncher implements JobLauncher {
  /**
   * The seed's packages with the Scala suffix of the pinned pyspark (2.12); the Kafka source at the
   * pinned Spark version, the connector at its release for Spark 3.5.
   */
  static final List<String> PACKAGES =
      List.of(
          "com.datastax.spark:spark-cassandra-connector_2.12:3.5.1",
          "org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.7");

  /** The master the project's Spark job gets on this benchmark's two-core machines (local[*]). */
  static final String MASTER = "local[2]";

  /**
   * The same launcher: the peer's JVMs are spark-submit's, and the benchmark does not tune them.
   */
  @Override
  public JobLauncher withJvmOptions(List<String> options) {
    return this;
  }

  @Override
  public ProcessBuilder process(Path repoRoot, List<String> jobArgs, String heap) {
    Path sparkSubmit = venv(repoRoot).resolve("bin").resolve("spark-submit");
    ProcessBuilder builder =
        new ProcessBuilder(command(repoRoot, sparkSubmit, jobArgs, heap))
            .directory(repoRoot.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // Loopback only: without it Spark picks the first non-loopback interface for its own use.
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("PYSPARK_PYTHON", sparkSubmit.resolveSibling("python").toString());
    // As an activated virtualenv: spark-submit finds its SPARK_HOME with the venv's python.
    builder
        .environment()
        .put("PATH", sparkSubmit.getParent() + ":" + builder.environment().get("PATH"));
    return builder;
  }

  /**
   * The spark-submit command line. Packages resolve from Maven Central alone (the settings file
   * explains why not ~/.m2) into a cache under {@code .userstream/}, so a re-run downloads nothing.
   */
  static List<String> command(Path repoRoot, Path sparkSubmit, List<String> jobArgs, String heap) {
    Path peer = repoRoot.resolve("bench").resolve("peer");
    List<String> command = new ArrayList<>();
    command.add(sparkSubmit.toString());
    command.addAll(
        List.of(
            "--master",
            MASTER,
            "--driver-memory",
            heap,
            // No web UI, as the project's Spark job runs locally (and SPARK_LOCAL_IP keeps it on
            // loopback): the machine's environment, not the job's semantics.
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.jars.ivySettings=" + peer.resolve("ivysettings.xml"),
            "--conf",
            "spark.jars.ivy=" + repoRoot.resolve(".userstream").resolve("peer-ivy"),
            "--packages",
            String.join(",", PACKAGES),
            peer.resolve("peer_job.py").toString()));
    command.addAll(jobArgs);
    return command;
  }

  /** The pyspark virtualenv, created by {@code tools/python-env.sh spark} on first use. */
  private static Path venv(Path repoRoot) {
    return PythonEnvs.venv(repoRoot, "spark");
  }
}
