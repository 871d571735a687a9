package dev.userstream.cli;

import dev.userstream.stack.StackConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by the {@code stack} subcommands: where the stack lives and which ports. */
final class StackOptions {
  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Folder for data, logs and pid files (default: .userstream/stack in the repo).")
  Path home;

  @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker port.")
  int kafkaPort;

  @Option(
      names = "--kafka-controller-port",
      defaultValue = "9093",
      description = "Kafka KRaft controller port.")
  int kafkaControllerPort;

  @Option(names = "--cassandra-port", defaultValue = "9042", description = "Cassandra CQL port.")
  int cassandraPort;

  @Option(
      names = "--cassandra-storage-port",
      defaultValue = "7000",
      description = "Cassandra inter-node (storage) port.")
  int cassandraStoragePort;

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
    StackConfig defaults = StackConfig.defaults();
    Path folder = home != null ? home : RepoRoot.path().resolve(StackConfig.DEFAULT_HOME);
    StackConfig config =
        defaults
            .withHome(folder)
            .withPorts(kafkaPort, kafkaControllerPort, cassandraPort, cassandraStoragePort);
    return ownerPid == null ? config : config.withOwner(ownerPid);
  }

  Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }
}
