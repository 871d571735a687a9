package dev.userstream.stack;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where the local stack keeps its files, which loopback ports it binds, and how big its JVMs are.
 *
 * <p>Everything binds to 127.0.0.1. {@code ownerPid}, when set, ties the servers' lifetime to
 * another process (the Maven build in integration tests): they shut down gracefully when it exits,
 * so no test run can leave a server behind. {@code cassandraAuth} starts Cassandra with
 * PasswordAuthenticator (off by default: every other test and the demo use the open node).
 */
public record StackConfig(
    Path home,
    Ports ports,
    String kafkaHeap,
    String cassandraHeap,
    OptionalLong ownerPid,
    boolean cassandraAuth) {

  /** The loopback address every service binds to. */
  public static final String HOST = "127.0.0.1";

  /** Default folder, relative to the working directory (the repository root for ./userstream). */
  public static final Path DEFAULT_HOME = Path.of(".userstream", "stack");

  /** The four ports a stack binds; they move together when stacks run side by side. */
  public record Ports(int kafka, int kafkaController, int cassandra, int cassandraStorage) {
    public Ports {
      checkPort("kafka port", kafka);
      checkPort("kafka controller port", kafkaController);
      checkPort("cassandra port", cassandra);
      checkPort("cassandra storage port", cassandraStorage);
    }

    /** Every port moved by {@code shift}, e.g. a test suite's own stack beside the shared one. */
    public Ports shiftedBy(int shift) {
      return new Ports(
          kafka + shift, kafkaController + shift, cassandra + shift, cassandraStorage + shift);
    }

    private static void checkPort(String what, int port) {
      if (port < 1 || port > 65535) {
        throw new StackException(what + " must be 1..65535, got " + port);
      }
    }
  }

  public StackConfig {
    home = home.toAbsolutePath().normalize();
  }

  /** The ports of a developer's stack: the usual 9092 and 9042. */
  public static StackConfig defaults() {
    return new StackConfig(
        DEFAULT_HOME, new Ports(9092, 9093, 9042, 7000), "1g", "2g", OptionalLong.empty(), false);
  }

  /** Ports apart from the defaults, so tests and a developer's own stack can run side by side. */
  public static StackConfig forTests(Path home) {
    return new StackConfig(
        home, new Ports(19092, 19093, 19042, 17000), "512m", "1g", OptionalLong.empty(), false);
  }

  public StackConfig withHome(Path newHome) {
    return new StackConfig(newHome, ports, kafkaHeap, cassandraHeap, ownerPid, cassandraAuth);
  }

  public StackConfig withPorts(Ports newPorts) {
    return new StackConfig(home, newPorts, kafkaHeap, cassandraHeap, ownerPid, cassandraAuth);
  }

  public StackConfig withPorts(int kafka, int kafkaController, int cassandra, int storage) {
    return withPorts(new Ports(kafka, kafkaController, cassandra, storage));
  }

  public StackConfig withOwner(long pid) {
    return new StackConfig(
        home, ports, kafkaHeap, cassandraHeap, OptionalLong.of(pid), cassandraAuth);
  }

  /** This stack with Cassandra's PasswordAuthenticator on or off. */
  public StackConfig withCassandraAuth(boolean enabled) {
    return new StackConfig(home, ports, kafkaHeap, cassandraHeap, ownerPid, enabled);
  }

  public int kafkaPort() {
    return ports.kafka();
  }

  public int kafkaControllerPort() {
    return ports.kafkaController();
  }

  public int cassandraPort() {
    return ports.cassandra();
  }

  public int cassandraStoragePort() {
    return ports.cassandraStorage();
  }

  /** {@code host:port} of the Kafka broker, as clients' bootstrap.servers. */
  public String kafkaBootstrap() {
    return HOST + ":" + kafkaPort();
  }

  /** {@code host:port} of Cassandra's CQL port. */
  public String cassandraAddress() {
    return HOST + ":" + cassandraPort();
  }
}
