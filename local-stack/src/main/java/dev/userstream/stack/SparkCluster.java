package dev.userstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userstream.io.JvmFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's Spark standalone cluster: a Master and N Workers on 127.0.0.1, JVMs of the Spark
 * distribution in the project's pyspark virtualenv (its {@code jars/}), as {@code spark-class
 * org.apache.spark.deploy.master.Master} starts them. Jobs reach it with {@code spark-submit
 * --master }{@link #masterUrl()}; each Worker starts the executors of the jobs it is given.
 */
public final class SparkCluster extends EngineCluster {
  static final String MASTER = "spark-master";
  static final String WORKER_PREFIX = "spark-worker-";

  /** Cores each Worker offers: two Workers give the four task slots of a 4-partition topic. */
  public static final int WORKER_CORES = 2;

  /** Memory each Worker offers its executors (one executor of 1 GiB by Spark's default). */
  static final String WORKER_MEMORY = "2g";

  private static final String DAEMON_HEAP = "512m";
  private static final int WORKER_TIMEOUT_SECONDS = 10;

  public SparkCluster(StackConfig config) {
    super(config, WORKER_PREFIX);
    build(config.clusters().sparkHome(), config.clusters().sparkWorkers());
  }

  @Override
  ClusterMember coordinator(Optional<Path> home) {
    StackConfig.Ports ports = config.ports();
    return new ClusterMember(
        MASTER,
        config,
        masterUrl(),
        Optional.of(masterUi()),
        List.of(ports.sparkMaster(), ports.sparkUi()),
        home.map(
            h ->
                launch(
                    h,
                    MASTER,
                    "org.apache.spark.deploy.master.Master",
                    List.of(
                        "--host",
                        StackConfig.HOST,
                        "--port",
                        Integer.toString(ports.sparkMaster()),
                        "--webui-port",
                        Integer.toString(ports.sparkUi())))),
        this::masterAlive);
  }

  @Override
  ClusterMember worker(int i, String name, Optional<Path> home) {
    int uiPort = workerUiPort(i);
    Path workDir = config.home().resolve(name).resolve("work");
    return new ClusterMember(
        name,
        config,
        StackConfig.HOST + " (" + WORKER_CORES + " cores)",
        Optional.of(ui(uiPort)),
        List.of(uiPort),
        home.map(
            h ->
                launch(
                    h,
                    name,
                    "org.apache.spark.deploy.worker.Worker",
                    List.of(
                        "--host",
                        StackConfig.HOST,
                        "--cores",
                        Integer.toString(WORKER_CORES),
                        "--memory",
                        WORKER_MEMORY,
                        "--webui-port",
                        Integer.toString(uiPort),
                        "--work-dir",
                        workDir.toString(),
                        masterUrl()))),
        () -> workerAlive(uiPort));
  }

  /** {@code spark://127.0.0.1:7077}: what {@code spark-submit --master} takes. */
  public String masterUrl() {
    return "spark://" + StackConfig.HOST + ":" + config.ports().sparkMaster();
  }

  /** The Master's web UI, which lists Workers, running applications and their executors. */
  public String masterUi() {
    return ui(config.ports().sparkUi());
  }

  /** The Master answers: its JSON page says ALIVE. */
  private boolean masterAlive() {
    return masterJson().map(json -> "ALIVE".equals(json.path("status").asText())).orElse(false);
  }

  /** Worker with this UI port is registered with the Master and ALIVE. */
  private boolean workerAlive(int uiPort) {
    String address = ui(uiPort);
    return masterJson()
        .map(
            json -> {
              for (JsonNode worker : json.path("workers")) {
                if (address.equals(worker.path("webuiaddress").asText())
                    && "ALIVE".equals(worker.path("state").asText())) {
                  return true;
                }
              }
              return false;
            })
        .orElse(false);
  }

  private Optional<JsonNode> masterJson() {
    return HttpJson.get(masterUi() + "/json/");
  }

  private int workerUiPort(int i) {
    return config.ports().sparkUi() + 10 + i;
  }

  /** The Scala version of the distribution's {@code scala-library} jar, e.g. {@code 2.12}. */
  static String scalaVersion(Path sparkHome) {
    try (java.util.stream.Stream<Path> jars = java.nio.file.Files.list(sparkHome.resolve("jars"))) {
      return jars.map(jar -> jar.getFileName().toString())
          .filter(name -> name.matches("scala-library-2\\.\\d+\\..*\\.jar"))
          .map(name -> name.substring("scala-library-".length()).replaceAll("^(2\\.\\d+).*", "$1"))
          .findFirst()
          .orElseThrow(() -> new StackException("no scala-library jar in " + sparkHome + "/jars"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private ClusterMember.Launch launch(
      Path sparkHome, String service, String mainClass, List<String> args) {
    List<String> jvm = new ArrayList<>(List.of("-Xms" + DAEMON_HEAP, "-Xmx" + DAEMON_HEAP));
    jvm.addAll(JvmFlags.SPARK_JAVA17);
    // The Master gives up a Worker silent for this long (Spark's default: 60 s), so a killed one
    // is replaced within seconds and a restarted one registers afresh.
    jvm.add("-Dspark.worker.timeout=" + WORKER_TIMEOUT_SECONDS);
    return new ClusterMember.Launch(
        // Spark's daemons log to the console (its default log4j2 configuration).
        config.home().resolve(service).resolve("logs").resolve("console.log"),
        List.of(sparkHome.resolve("jars") + "/*"),
        jvm,
        // A Worker starts its executors from SPARK_HOME with JAVA_HOME's java, on loopback; its
        // launcher needs the Scala version that spark-class's load-spark-env.sh would set.
        Map.of(
            "SPARK_HOME", sparkHome.toString(),
            "SPARK_SCALA_VERSION", scalaVersion(sparkHome),
            "JAVA_HOME", System.getProperty("java.home"),
            "SPARK_LOCAL_IP", StackConfig.HOST),
        mainClass,
        args);
  }
}
