package dev.userstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded default of userstream: one real Kafka broker and one real Cassandra node, started as
 * child JVMs on loopback, with data, logs and pid files under {@link StackConfig#home()}; and, when
 * {@link StackConfig#clusters()} asks for them, a Spark standalone and a Flink session cluster.
 */
public final class LocalStack {
  /** Generous: Cassandra starts in 5–13 s here, but a loaded 2-core CI machine is slower. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

  /** What {@link #up} found or did. */
  public enum UpResult {
    STARTED,
    ALREADY_UP
  }

  private final StackConfig config;
  private final KafkaEnvironment kafka;
  private final CassandraEnvironment cassandra;
  private final SparkCluster spark;
  private final FlinkCluster flink;

  public LocalStack(StackConfig config) {
    this.config = config;
    this.kafka = new KafkaEnvironment(config);
    this.cassandra = new CassandraEnvironment(config);
    this.spark = new SparkCluster(config);
    this.flink = new FlinkCluster(config);
  }

  /** The Spark standalone cluster (its members run only when configured or started earlier). */
  public SparkCluster sparkCluster() {
    return spark;
  }

  /** The Flink session cluster (its members run only when configured or started earlier). */
  public FlinkCluster flinkCluster() {
    return flink;
  }

  public StackConfig config() {
    return config;
  }

  public KafkaEnvironment kafka() {
    return kafka;
  }

  public CassandraEnvironment cassandra() {
    return cassandra;
  }

  /**
   * Starts whichever service is not running, Kafka and Cassandra at once, then the configured
   * clusters' members one by one (coordinator first), and waits until each answers a real request.
   * When a start fails, whatever this call started is stopped again before the error is thrown, so
   * a failed {@code up} leaves nothing behind.
   */
  public UpResult up(Duration timeout, Consumer<String> progress) {
    List<ClusterMember> clusterToStart =
        clusterMembers().stream()
            .filter(member -> member.canStart() && member.running().isEmpty())
            .toList();
    UpResult data = upData(timeout, progress, clusterToStart);
    if (clusterToStart.isEmpty()) {
      return data;
    }
    List<ClusterMember> started = new ArrayList<>();
    try {
      for (ClusterMember member : clusterToStart) {
        if (member.service().equals(FlinkCluster.JOB_MANAGER)) {
          flink.writeConf(config.clusters().flinkHome().orElseThrow());
        }
        started.add(member);
        timed(member.service() + " " + member.address(), progress, () -> member.start(timeout));
      }
    } catch (RuntimeException e) {
      for (ClusterMember member : reversed(started)) {
        member.stop();
      }
      if (data == UpResult.STARTED) {
        cassandra.stop();
        kafka.stop();
      }
      throw e;
    }
    return UpResult.STARTED;
  }

  /** The data services' part of {@link #up}; checks the clusters' ports too before any start. */
  private UpResult upData(
      Duration timeout, Consumer<String> progress, List<ClusterMember> clusterToStart) {
    boolean kafkaRunning = kafka.running().isPresent();
    boolean cassandraRunning = cassandra.running().isPresent();
    if (cassandraRunning && config.cassandraAuth() && !cassandra.requiresPassword()) {
      throw new StackException(
          "Cassandra at "
              + config.cassandraAddress()
              + " runs without authentication: stop the stack first, then start it with"
              + " authentication");
    }
    // Check every port before starting anything: a clash fails at once, with nothing to undo.
    clusterToStart.forEach(ClusterMember::requireFreePorts);
    if (kafkaRunning && cassandraRunning && kafka.answers() && cassandra.answers()) {
      return UpResult.ALREADY_UP;
    }
    if (!kafkaRunning) {
      kafka.requireFreePorts();
    }
    if (!cassandraRunning) {
      cassandra.requireFreePorts();
    }
    CompletableFuture<Void> kafkaStart =
        kafkaRunning
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.runAsync(
                () ->
                    timed(
                        "Kafka " + config.kafkaBootstrap(), progress, () -> kafka.start(timeout)));
    CompletableFuture<Void> cassandraStart =
        cassandraRunning
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.runAsync(
                () ->
                    timed(
                        "Cassandra " + config.cassandraAddress(),
                        progress,
                        () -> cassandra.start(timeout)));
    try {
      CompletableFuture.allOf(kafkaStart, cassandraStart).join();
    } catch (CompletionException e) {
      // Wait for the other start to end, then undo what this call started.
      CompletableFuture.allOf(kafkaStart, cassandraStart).exceptionally(t -> null).join();
      if (!kafkaRunning) {
        kafka.stop();
      }
      if (!cassandraRunning) {
        cassandra.stop();
      }
      Throwable cause = e.getCause();
      if (cause instanceof StackException stackException) {
        throw stackException;
      }
      throw new StackException("local stack failed to start: " + cause, cause);
    }
    return UpResult.STARTED;
  }

  /**
   * Stops every process of this stack gracefully: the clusters' workers, then their coordinators,
   * then Cassandra and Kafka; returns the names of those that were running.
   */
  public List<String> down() {
    List<String> stopped = new ArrayList<>();
    for (ClusterMember member : reversed(clusterMembers())) {
      if (member.stop()) {
        stopped.add(member.service());
      }
    }
    // Cassandra first: it is the slower to drain, and a job still writing fails clearly on it.
    if (cassandra.stop()) {
      stopped.add(CassandraEnvironment.SERVICE);
    }
    if (kafka.stop()) {
      stopped.add(KafkaEnvironment.SERVICE);
    }
    return stopped;
  }

  /** Kafka, Cassandra, then each cluster member that is configured or running. */
  public List<ServiceStatus> status() {
    List<ServiceStatus> all = new ArrayList<>(List.of(kafka.status(), cassandra.status()));
    clusterMembers().forEach(member -> all.add(member.status()));
    return all;
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  /** The clusters' members to act on: Spark's Master and Workers, then Flink's. */
  private List<ClusterMember> clusterMembers() {
    List<ClusterMember> all = new ArrayList<>(spark.members());
    all.addAll(flink.members());
    return all;
  }

  /** True when both services run and answer. */
  public boolean isUp() {
    return status().stream().allMatch(ServiceStatus::isUp);
  }

  /** Deletes the stack's folder; refuses while a service of it is running. */
  public void wipe() {
    if (kafka.running().isPresent()
        || cassandra.running().isPresent()
        || clusterMembers().stream().anyMatch(member -> member.running().isPresent())) {
      throw new StackException("the stack at " + config.home() + " is running: stop it first");
    }
    Path home = config.home();
    if (!Files.exists(home)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(home)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + home, e);
    }
  }

  private static void timed(String what, Consumer<String> progress, Runnable start) {
    long begin = System.nanoTime();
    progress.accept("starting " + what + " ...");
    start.run();
    long millis = (System.nanoTime() - begin) / 1_000_000;
    progress.accept(String.format("%s is up (%.1f s)", what, millis / 1000.0));
  }
}
