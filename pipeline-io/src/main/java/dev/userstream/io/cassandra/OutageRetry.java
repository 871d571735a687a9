package dev.userstream.io.cassandra;

import dev.userstream.io.Durations;
import dev.userstream.io.Failures;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rides out a Cassandra outage inside a job: a unit of work (a Spark micro-batch) whose writes fail
 * because Cassandra is unreachable runs again, whole, after pauses of 1, 2, 4, ... up to 30 s,
 * until {@code limit} has passed since its first failure; then the last failure is thrown and the
 * job fails as before. Every retry is one WARN line, the recovery one INFO line. Safe because every
 * write is an idempotent upsert: a replayed row overwrites itself.
 *
 * <p>Only outages are retried: failures of the driver's connections, timeouts and unavailable
 * replicas ({@link #isOutage}); a refused query (a syntax error, a missing table, a denied
 * permission) fails at once.
 */
public final class OutageRetry implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(OutageRetry.class);
  static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  /** Cassandra's (or its driver's) words for "not reachable now", as a remote task reports them. */
  private static final List<String> OUTAGE_WORDS =
      List.of(
          "WriteFailedException",
          "AllNodesFailedException",
          "NoNodeAvailableException",
          "DriverTimeoutException",
          "ConnectionInitException",
          "ClosedConnectionException",
          "HeartbeatException",
          "UnavailableException",
          "WriteTimeoutException",
          "BusyConnectionException",
          "Failed to open native connection to Cassandra");

  /** A refused query: retrying cannot help. */
  private static final List<String> REFUSED_WORDS =
      List.of(
          "InvalidQueryException",
          "SyntaxError",
          "UnauthorizedException",
          "AuthenticationException",
          "InvalidKeyspaceException");

  /** Work to run again after an outage. */
  @FunctionalInterface
  public interface Attempt {
    void run() throws Exception;
  }

  /** How the retry waits (a test's clock in tests). */
  @FunctionalInterface
  interface Clock extends Serializable {
    void sleep(Duration pause) throws InterruptedException;

    default long nanoTime() {
      return System.nanoTime();
    }
  }

  private final Duration limit;
  private final Clock clock;

  /**
   * @param limit how long after the first failure the work is tried again; 0 = never
   */
  public OutageRetry(Duration limit) {
    this(limit, pause -> Thread.sleep(pause.toMillis()));
  }

  OutageRetry(Duration limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /**
   * Runs {@code attempt} until it succeeds, or fails with something other than an outage, or the
   * outage outlasts the limit.
   *
   * @param what the work in the log lines, e.g. {@code batch 12}
   * @return how many times it ran
   * @throws Exception the last failure
   */
  public int run(String what, Attempt attempt) throws Exception {
    long firstFailure = 0;
    Duration pause = FIRST_PAUSE;
    for (int attempts = 1; ; attempts++) {
      try {
        attempt.run();
        if (attempts > 1) {
          LOG.info(
              "{}: written at attempt {}, {} after its first failure: Cassandra answers again",
              what,
              attempts,
              Durations.spoken(Duration.ofNanos(clock.nanoTime() - firstFailure)));
        }
        return attempts;
      } catch (Exception e) {
        if (!isOutage(e) || limit.isZero()) {
          throw e;
        }
        long now = clock.nanoTime();
        if (attempts == 1) {
          firstFailure = now;
        }
        Duration left = limit.minus(Duration.ofNanos(now - firstFailure));
        if (left.compareTo(pause) < 0) {
          LOG.error(
              "{}: Cassandra still unreachable {} after the first failure (--batch-retry-timeout),"
                  + " giving up after {} attempts: {}",
              what,
              Durations.spoken(limit),
              attempts,
              Failures.describe(e));
          throw e;
        }
        LOG.warn(
            "{}: a write to Cassandra failed ({}); writing it again in {} (attempt {}, giving up {}"
                + " after the first failure)",
            what,
            Failures.describe(e),
            Durations.spoken(pause),
            attempts + 1,
            Durations.spoken(limit));
        clock.sleep(pause);
        pause = pause.multipliedBy(2);
        if (pause.compareTo(LONGEST_PAUSE) > 0) {
          pause = LONGEST_PAUSE;
        }
      }
    }
  }

  /**
   * Whether {@code error} says Cassandra is unreachable or overloaded now: a driver exception or a
   * failed write of pipeline-io's writer in its causes, or (a task's failure as Spark reports it,
   * its causes flattened into the message) their names in a message; never a refused query.
   */
  public static boolean isOutage(Throwable error) {
    boolean outage = false;
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String text = t.getClass().getName() + ": " + t.getMessage();
      if (REFUSED_WORDS.stream().anyMatch(text::contains)) {
        return false;
      }
      outage |=
          t instanceof CassandraRowWriter.WriteFailedException
              || OUTAGE_WORDS.stream().anyMatch(text::contains);
    }
    return outage;
  }
}
