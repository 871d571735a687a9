package dev.userstream.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The stream processors {@code userstream run} can start. Adding one is a constant here plus its
 * {@link JobLauncher}.
 */
enum Engine {
  /** Spark Structured Streaming, the documented engine: {@code local[*]} in a child JVM. */
  SPARK(JvmJobLauncher.spark(), ClusterJobLauncher.Kind.SPARK),
  /** Apache Flink, the alternative: a local MiniCluster in a child JVM. */
  FLINK(JvmJobLauncher.flink(), ClusterJobLauncher.Kind.FLINK),
  /**
   * Spark 4 in Real-Time Mode ({@code --mode continuous}; micro-batch for {@code available-now}):
   * {@code local[*]} in a child JVM.
   */
  SPARK_RT(JvmJobLauncher.sparkRt(), null);

  private final JvmJobLauncher launcher;
  private final ClusterJobLauncher.Kind cluster;

  Engine(JvmJobLauncher launcher, ClusterJobLauncher.Kind cluster) {
    this.launcher = launcher;
    this.cluster = cluster;
  }

  /**
   * The name as typed after {@code --engine}, and the job's engine name (its {@code engine} column
   * and checkpoint folder): {@code spark}, {@code flink}, {@code spark-rt}.
   */
  String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every engine's name, e.g. for a choice list: {@code spark, flink, spark-rt}. */
  static String cliNames() {
    return Arrays.stream(values()).map(Engine::cliName).collect(Collectors.joining(", "));
  }

  /** This engine's launcher. */
  JobLauncher launcher() {
    return launcher;
  }

  /**
   * The launcher that submits this engine's job to the cluster at {@code address}: a Spark master
   * URL, a Flink JobManager's REST address.
   *
   * @throws CommandFailure when the engine has no cluster mode
   */
  ClusterJobLauncher clusterLauncher(String address) {
    return clusterLauncher(address, false);
  }

  /**
   * {@link #clusterLauncher(String)}, submitting without waiting for the job when {@code detach}.
   */
  ClusterJobLauncher clusterLauncher(String address, boolean detach) {
    if (cluster == null) {
      throw new CommandFailure(
          "--cluster: " + cliName() + " runs locally only; the clusters run spark and flink");
    }
    return new ClusterJobLauncher(launcher, cluster, address, detach);
  }

  /** The kind of cluster this engine's job is submitted to, or null when it runs locally only. */
  ClusterJobLauncher.Kind clusterKind() {
    return cluster;
  }
}
