package dev.userstream.cli;

import dev.userstream.stack.LocalStack;
import dev.userstream.stack.StackConfig;

/** The local stack's clusters as {@code run --cluster} without an address finds them. */
final class StackClusters {
  private StackClusters() {}

  /**
   * The address of the local stack's (default home and ports) cluster for {@code engine}.
   *
   * @throws CommandFailure when that cluster does not answer
   */
  static String address(Engine engine) {
    if (engine.clusterKind() == null) {
      engine.clusterLauncher(""); // throws: this engine has no cluster mode
    }
    LocalStack stack =
        new LocalStack(
            StackConfig.defaults().withHome(RepoRoot.path().resolve(StackConfig.DEFAULT_HOME)));
    boolean spark = engine.clusterKind() == ClusterJobLauncher.Kind.SPARK;
    boolean up = spark ? stack.sparkCluster().isUp() : stack.flinkCluster().isUp();
    if (!up) {
      throw new CommandFailure(
          "no "
              + (spark ? "Spark" : "Flink")
              + " cluster answers in the local stack: start one with ./userstream stack up --"
              + (spark ? "spark" : "flink")
              + "-cluster, or give --cluster ADDRESS");
    }
    return spark ? stack.sparkCluster().masterUrl() : stack.flinkCluster().restAddress();
  }
}
