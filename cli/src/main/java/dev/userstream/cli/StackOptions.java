package dev.userstream.cli;

import dev.userstream.stack.StackConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by the {@code stack} subcommands: where the stack lives and which ports. */
final class StackOptions {
  private static final StackConfig.Ports DEFAULT_PORTS = StackConfig.defaults().ports();

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Folder for data, logs and pid files (default: .userstream/stack in the repo).")
  Path home;

  // Defaults: the ports of StackConfig.defaults(), kept there only.
  @Option(names = "--kafka-port", description = "Kafka broker port.")
  int kafkaPort = DEFAULT_PORTS.kafka();

  @Option(names = "--kafka-controller-port", description = "Kafka KRaft controller port.")
  int kafkaControllerPort = DEFAULT_PORTS.kafkaController();

  @Option(names = "--cassandra-port", description = "Cassandra CQL port.")
  int cassandraPort = DEFAULT_PORTS.cassandra();

  @Option(names = "--cassandra-storage-port", description = "Cassandra inter-node (storage) port.")
  int cassandraStoragePort = DEFAULT_PORTS.cassandraStorage();

  @Option(
      names = "--cluster-port-offset",
      paramLabel = "N",
      description =
          "Move the clusters' ports by N: Spark's master 7077, its UI 8080 and the Workers'"
              + " 8091.., Flink's RPC 6123 and REST/UI 8081 (default: 0).")
  int clusterPortOffset;

  @Option(
      names = "--timeout",
      defaultValue = "180",
      paramLabel = "SECONDS",
      description = "How long to wait for each service to answer (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--owner-pid",
      hidden = true,
      description = "Stop the servers when this process exits (used by tests).")
  Long ownerPid;

  StackConfig config() {
    Path folder = home != null ? home : RepoRoot.path().resolve(StackConfig.DEFAULT_HOME);
    StackConfig config =
        StackConfig.defaults()
            .withHome(folder)
            .withPorts(
                DEFAULT_PORTS
                    .shiftedBy(clusterPortOffset)
                    .withDataPorts(
                        kafkaPort, kafkaControllerPort, cassandraPort, cassandraStoragePort));
    return ownerPid == null ? config : config.withOwner(ownerPid);
  }

  Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }
}
