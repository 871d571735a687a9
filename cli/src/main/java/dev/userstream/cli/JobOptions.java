package dev.userstream.cli;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of the commands that start a pipeline job ({@code run}, {@code demo}). */
final class JobOptions {
  @Option(
      names = "--engine",
      paramLabel = "spark|flink|spark-rt",
      defaultValue = "spark",
      converter = EngineConverter.class,
      description =
          "Stream processor: spark (Spark 3.5, micro-batch), flink (Flink 1.20) or spark-rt"
              + " (Spark 4.2, Real-Time Mode in continuous mode) (default: ${DEFAULT-VALUE}).")
  Engine engine;

  @Option(
      names = "--heap",
      paramLabel = "SIZE",
      defaultValue = "2g",
      description = "Maximum heap of the job JVM, e.g. 1g, 4g (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(
      names = "--cluster",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "ADDRESS",
      description =
          "Submit the job to a cluster instead of running it in a local JVM: spark with"
              + " spark-submit --master ADDRESS (spark://HOST:PORT), flink with flink run -m"
              + " ADDRESS (HOST:PORT of the JobManager's REST API). Without ADDRESS: the local"
              + " stack's cluster (./userstream stack up --spark-cluster / --flink-cluster).")
  String cluster;

  @Option(
      names = "--detach",
      description =
          "With --cluster: submit the job and return, leaving it running on the cluster (a"
              + " continuous job until stopped); `./userstream jobs` lists such jobs and `jobs"
              + " stop NAME` stops one.")
  boolean detach;

  /**
   * The engine's job with {@code args}: a child JVM of this repository's build, or with {@code
   * --cluster} a submission to the cluster (whose address it first prints).
   */
  ProcessBuilder process(List<String> args, java.io.PrintWriter out) {
    if (cluster == null) {
      if (detach) {
        throw new CommandFailure(
            "--detach needs --cluster: a local job runs in this terminal (use a service manager"
                + " to keep one running)");
      }
      return engine.launcher().process(RepoRoot.path(), args, heap);
    }
    String address = clusterAddress();
    out.println("submitting the " + engine.cliName() + " job to " + address);
    out.flush();
    return engine.clusterLauncher(address, detach).process(RepoRoot.path(), args, heap);
  }

  /** The cluster {@code --cluster} names, or the local stack's. */
  String clusterAddress() {
    return cluster.isBlank() ? StackClusters.address(engine) : cluster.strip();
  }

  /** An {@link Engine}'s name, case-insensitive, with the choices in the error. */
  static final class EngineConverter implements ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
      for (Engine e : Engine.values()) {
        if (e.cliName().equalsIgnoreCase(value.strip())) {
          return e;
        }
      }
      throw new TypeConversionException(
          "expected one of " + Engine.cliNames() + ", got '" + value + "'");
    }
  }
}
