package dev.userstream.stack;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the local stack keeps its files, which loopback ports it binds, and how big its JVMs are.
 *
 * <p>Everything binds to 127.0.0.1. {@code ownerPid}, when set, ties the servers' lifetime to
 * another process (the Maven build in integration tests): they shut down gracefully when it exits,
 * so no test run can leave a server behind. {@code cassandraAuth} starts Cassandra with
 * PasswordAuthenticator (off by default: every other test and the demo use the open node). {@code
 * clusters} adds a Spark standalone and/or a Flink session cluster (none by default).
 */
public record StackConfig(
    Path home,
    Ports ports,
    String kafkaHeap,
    String cassandraHeap,
    OptionalLong ownerPid,
    boolean cassandraAuth,
    Clusters clusters) {

  /** The loopback address every service binds to. */
  public static final String HOST = "127.0.0.1";

  /** Default folder, relative to the working directory (the repository root for ./userstream). */
  public static final Path DEFAULT_HOME = Path.of(".userstream", "stack");

  /**
   * The fixed ports a stack binds; they move together when stacks run side by side. The clusters'
   * ports are bound only when the clusters run: Spark's master ({@code sparkMaster}) and its web UI
   * ({@code sparkUi}; Worker {@code i}'s UI is {@code sparkUi + 10 + i}), Flink's JobManager RPC
   * ({@code flinkRpc}) and its REST API and web UI ({@code flinkRest}). The workers' own RPC ports
   * are free ones their JVMs pick.
   */
  public record Ports(
      int kafka,
      int kafkaController,
      int cassandra,
      int cassandraStorage,
      int sparkMaster,
      int sparkUi,
      int flinkRpc,
      int flinkRest) {
    public Ports {
      checkPort("kafka port", kafka);
      checkPort("kafka controller port", kafkaController);
      checkPort("cassandra port", cassandra);
      checkPort("cassandra storage port", cassandraStorage);
      checkPort("spark master port", sparkMaster);
      checkPort("spark ui port", sparkUi);
      checkPort("flink rpc port", flinkRpc);
      checkPort("flink rest port", flinkRest);
    }

    /** Every port moved by {@code shift}, e.g. a test suite's own stack beside the shared one. */
    public Ports shiftedBy(int shift) {
      return new Ports(
          kafka + shift,
          kafkaController + shift,
          cassandra + shift,
          cassandraStorage + shift,
          sparkMaster + shift,
          sparkUi + shift,
          flinkRpc + shift,
          flinkRest + shift);
    }

    /** The data services' ports replaced, the clusters' kept. */
    public Ports withDataPorts(int newKafka, int newController, int newCassandra, int newStorage) {
      return new Ports(
          newKafka,
          newController,
          newCassandra,
          newStorage,
          sparkMaster,
          sparkUi,
          flinkRpc,
          flinkRest);
    }

    private static void checkPort(String what, int port) {
      if (port < 1 || port > 65535) {
        throw new StackException(what + " must be 1..65535, got " + port);
      }
    }
  }

  /**
   * The engine clusters {@code stack up} starts besides Kafka and Cassandra: {@code sparkWorkers}
   * Workers under a Spark standalone Master, from the Spark distribution at {@code sparkHome} (the
   * pyspark package's folder), and {@code flinkTaskManagers} TaskManagers under a Flink session
   * JobManager, from the distribution at {@code flinkHome} (the apache-flink package's pyflink
   * folder). 0 means no such cluster.
   */
  public record Clusters(
      int sparkWorkers, Optional<Path> sparkHome, int flinkTaskManagers, Optional<Path> flinkHome) {
    public static final Clusters NONE = new Clusters(0, Optional.empty(), 0, Optional.empty());

    public Clusters {
      if (sparkWorkers < 0 || flinkTaskManagers < 0) {
        throw new StackException("a cluster needs 0 or more workers");
      }
      if (sparkWorkers > 0 && sparkHome.isEmpty() || flinkTaskManagers > 0 && flinkHome.isEmpty()) {
        throw new StackException("a cluster needs its engine's distribution");
      }
    }
  }

  public StackConfig {
    home = home.toAbsolutePath().normalize();
  }

  /** The ports of a developer's stack: the usual 9092 and 9042, Spark's 7077, Flink's 8081. */
  public static StackConfig defaults() {
    return of(DEFAULT_HOME, new Ports(9092, 9093, 9042, 7000, 7077, 8080, 6123, 8081), "1g", "2g");
  }

  /**
   * Ports apart from the defaults (each + 10000), so tests and a developer's own stack can run side
   * by side; smaller heaps.
   */
  public static StackConfig forTests(Path home) {
    return of(home, defaults().ports().shiftedBy(10_000), "512m", "1g");
  }

  /** A stack without owner, authentication or clusters. */
  private static StackConfig of(Path home, Ports ports, String kafkaHeap, String cassandraHeap) {
    return new StackConfig(
        home, ports, kafkaHeap, cassandraHeap, OptionalLong.empty(), false, Clusters.NONE);
  }

  public StackConfig withHome(Path newHome) {
    return new StackConfig(
        newHome, ports, kafkaHeap, cassandraHeap, ownerPid, cassandraAuth, clusters);
  }

  public StackConfig withPorts(Ports newPorts) {
    return new StackConfig(
        home, newPorts, kafkaHeap, cassandraHeap, ownerPid, cassandraAuth, clusters);
  }

  /** The data services' ports replaced, the clusters' kept. */
  public StackConfig withPorts(int kafka, int kafkaController, int cassandra, int storage) {
    return withPorts(ports.withDataPorts(kafka, kafkaController, cassandra, storage));
  }

  public StackConfig withOwner(long pid) {
    return new StackConfig(
        home, ports, kafkaHeap, cassandraHeap, OptionalLong.of(pid), cassandraAuth, clusters);
  }

  /** This stack with Cassandra's PasswordAuthenticator on or off. */
  public StackConfig withCassandraAuth(boolean enabled) {
    return new StackConfig(home, ports, kafkaHeap, cassandraHeap, ownerPid, enabled, clusters);
  }

  /**
   * This stack with a Spark standalone cluster of {@code workers} Workers from {@code sparkHome}.
   */
  public StackConfig withSparkCluster(Path sparkHome, int workers) {
    return withClusters(
        new Clusters(
            workers, Optional.of(sparkHome), clusters.flinkTaskManagers(), clusters.flinkHome()));
  }

  /** This stack with a Flink session cluster of {@code taskManagers} TaskManagers. */
  public StackConfig withFlinkCluster(Path flinkHome, int taskManagers) {
    return withClusters(
        new Clusters(
            clusters.sparkWorkers(), clusters.sparkHome(), taskManagers, Optional.of(flinkHome)));
  }

  private StackConfig withClusters(Clusters newClusters) {
    return new StackConfig(
        home, ports, kafkaHeap, cassandraHeap, ownerPid, cassandraAuth, newClusters);
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
