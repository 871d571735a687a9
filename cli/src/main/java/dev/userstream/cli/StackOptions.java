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

  @Option(names = "--spark-master-port", description = "Spark standalone Master port.")
  int sparkMasterPort = DEFAULT_PORTS.sparkMaster();

  @Option(
      names = "--spark-ui-port",
      description = "Spark Master web UI port; Worker i's UI is this plus 10 + i.")
  int sparkUiPort = DEFAULT_PORTS.sparkUi();

  @Option(names = "--flink-rpc-port", description = "Flink JobManager RPC port.")
  int flinkRpcPort = DEFAULT_PORTS.flinkRpc();

  @Option(
      names = "--flink-rest-port",
      description = "Flink JobManager REST and web UI port (what flink run -m takes).")
  int flinkRestPort = DEFAULT_PORTS.flinkRest();

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
                StackConfig.defaults()
                    .ports()
                    .withDataPorts(
                        kafkaPort, kafkaControllerPort, cassandraPort, cassandraStoragePort)
                    .withClusterPorts(sparkMasterPort, sparkUiPort, flinkRpcPort, flinkRestPort));
    return ownerPid == null ? config : config.withOwner(ownerPid);
  }

  Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }
}
