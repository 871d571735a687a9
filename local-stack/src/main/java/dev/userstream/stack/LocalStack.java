package dev.userstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded default of userstream: one real Kafka broker and one real Cassandra node, started as
 * child JVMs on loopback, with data, logs and pid files under {@link StackConfig#home()}.
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

  public LocalStack(StackConfig config) {
    this.config = config;
    this.kafka = new KafkaEnvironment(config);
    this.cassandra = new CassandraEnvironment(config);
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
   * Starts whichever service is not running, both at once, and waits until each answers a real
   * request. When a start fails, whatever this call started is stopped again before the error is
   * thrown, so a failed {@code up} leaves nothing behind.
   */
  public UpResult up(Duration timeout, Consumer<String> progress) {
    boolean kafkaRunning = kafka.running().isPresent();
    boolean cassandraRunning = cassandra.running().isPresent();
    if (cassandraRunning && config.cassandraAuth() && !cassandra.requiresPassword()) {
      throw new StackException(
          "Cassandra at "
              + config.cassandraAddress()
              + " runs without authentication: stop the stack first, then start it with"
              + " authentication");
    }
    if (kafkaRunning && cassandraRunning && kafka.answers() && cassandra.answers()) {
      return UpResult.ALREADY_UP;
    }
    // Check every port before starting anything: a clash fails at once, with nothing to undo.
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

  /** Stops both services gracefully; returns the names of those that were running. */
  public List<String> down() {
    // Cassandra first: it is the slower to drain, and a job still writing fails clearly on it.
    boolean cassandraStopped = cassandra.stop();
    boolean kafkaStopped = kafka.stop();
    return Stream.of(
            cassandraStopped ? CassandraEnvironment.SERVICE : null,
            kafkaStopped ? KafkaEnvironment.SERVICE : null)
        .filter(s -> s != null)
        .toList();
  }

  public List<ServiceStatus> status() {
    return List.of(kafka.status(), cassandra.status());
  }

  /** True when both services run and answer. */
  public boolean isUp() {
    return status().stream().allMatch(ServiceStatus::isUp);
  }

  /** Deletes the stack's folder; refuses while a service of it is running. */
  public void wipe() {
    if (kafka.running().isPresent() || cassandra.running().isPresent()) {
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
