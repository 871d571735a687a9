package dev.userstream.cli;

import dev.userstream.stack.FlinkCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Submits a job's jar to a running cluster, as a user does on a real one: Spark's shaded jar with
 * {@code spark-submit --master spark://... --deploy-mode client} (the driver in this child process,
 * the executors on the Workers), Flink's with {@code flink run -m HOST:PORT}, both from the
 * project's pinned virtualenvs. The job's options are the same as locally.
 *
 * <pre>{@code
 * .userstream/venv/spark/bin/spark-submit --master spark://127.0.0.1:7077 --deploy-mode client \
 *     --class dev.userstream.spark.SparkJobMain spark-job/target/spark-job-VERSION-all.jar ARGS
 * pyflink/bin/flink run -m 127.0.0.1:8081 -sae flink-job/target/flink-job-VERSION.jar ARGS
 * }</pre>
 *
 * @param job the engine's local launcher: its module, how it is built, its main class
 * @param kind which submit command
 * @param address the master URL ({@code spark://host:port}) or JobManager REST address
 * @param detach Flink: {@code flink run -d}, the client returns once the job is submitted (Spark's
 *     driver is the spark-submit process: detaching it is the caller's)
 */
record ClusterJobLauncher(JvmJobLauncher job, Kind kind, String address, boolean detach)
    implements JobLauncher {

  /** The two submit commands. */
  enum Kind {
    SPARK,
    FLINK
  }

  /** The JVM flags are the cluster's; a flight recording of a submitted job is not supported. */
  @Override
  public JobLauncher withJvmOptions(List<String> options) {
    throw new CommandFailure("JVM options cannot be given to a job submitted to a cluster");
  }

  @Override
  public ProcessBuilder process(Path repoRoot, List<String> jobArgs, String heap) {
    job.ensureBuilt(repoRoot, () -> jar(repoRoot).isPresent());
    return processAsBuilt(repoRoot, jobArgs, heap);
  }

  /** The submit command for the jar as it is built now (for tests, as {@link JvmJobLauncher}). */
  ProcessBuilder processAsBuilt(Path repoRoot, List<String> jobArgs, String heap) {
    Path jar =
        jar(repoRoot)
            .orElseThrow(() -> new CommandFailure("no job jar in " + job.module() + "/target"));
    return kind == Kind.SPARK
        ? sparkSubmit(repoRoot, jar, jobArgs, heap)
        : flinkRun(repoRoot, jar, jobArgs);
  }

  private ProcessBuilder sparkSubmit(Path repoRoot, Path jar, List<String> jobArgs, String heap) {
    Path sparkSubmit = PythonEnvs.venv(repoRoot, "spark").resolve("bin").resolve("spark-submit");
    List<String> command =
        new ArrayList<>(
            List.of(
                sparkSubmit.toString(),
                "--master",
                address,
                "--deploy-mode",
                "client",
                "--driver-memory",
                heap,
                // The driver on loopback, where the Workers' executors reach it.
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--class",
                job.mainClass(),
                jar.toString()));
    command.addAll(jobArgs);
    ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    // As an activated virtualenv: spark-submit finds its SPARK_HOME with the venv's python.
    builder
        .environment()
        .put("PATH", sparkSubmit.getParent() + ":" + builder.environment().get("PATH"));
    return builder;
  }

  private ProcessBuilder flinkRun(Path repoRoot, Path jar, List<String> jobArgs) {
    Path flinkHome = PythonEnvs.flinkHome(repoRoot);
    Path confDir = clientConf(repoRoot, flinkHome);
    // -sae: stopping this client (Ctrl-C, SIGTERM) cancels the job, as stopping a local run does;
    // -d: the client returns once the job is submitted.
    List<String> command =
        new ArrayList<>(
            List.of(
                flinkHome.resolve("bin").resolve("flink").toString(),
                "run",
                "-m",
                address,
                detach ? "-d" : "-sae",
                jar.toString()));
    command.addAll(jobArgs);
    ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("FLINK_HOME", flinkHome.toString());
    builder.environment().put("FLINK_CONF_DIR", confDir.toString());
    builder
        .environment()
        .put("FLINK_LOG_DIR", repoRoot.resolve(".userstream").resolve("flink-client").toString());
    return builder;
  }

  /** The flink client's configuration: no settings of its own besides the cluster's Java flags. */
  private static Path clientConf(Path repoRoot, Path flinkHome) {
    Path dir = repoRoot.resolve(".userstream").resolve("flink-client").resolve("conf");
    FlinkCluster.writeConfDir(flinkHome, dir, java.util.Map.of());
    return dir;
  }

  /**
   * The module's job jar: Spark's shaded {@code *-all.jar}; Flink's shaded main artifact (not the
   * {@code original-} one the shade plugin keeps).
   */
  private Optional<Path> jar(Path repoRoot) {
    Path target = repoRoot.resolve(job.module()).resolve("target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    String prefix = job.module() + "-";
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix)
                    && (kind == Kind.SPARK
                        ? name.endsWith("-all.jar")
                        : name.endsWith(".jar") && !name.endsWith("-all.jar"));
              })
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
