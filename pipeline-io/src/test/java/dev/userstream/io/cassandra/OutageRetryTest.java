package dev.userstream.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutageRetryTest {
  /** A clock that only moves when the retry sleeps, recording each pause. */
  private static final class TestClock implements OutageRetry.Clock {
    private static final long serialVersionUID = 1L;
    final List<Duration> pauses = new ArrayList<>();
    long now;

    @Override
    public void sleep(Duration pause) {
      pauses.add(pause);
      now += pause.toNanos();
    }

    @Override
    public long nanoTime() {
      return now;
    }
  }

  private static RuntimeException outage() {
    return new RuntimeException(
        "Job aborted due to stage failure: Lost task 0.0: "
            + "dev.userstream.io.cassandra.CassandraRowWriter$WriteFailedException: a write to"
            + " Cassandra failed: No node was available to execute the query");
  }

  @Test
  void anOutageIsRetriedWithDoublingPausesUntilTheWorkSucceeds() throws Exception {
    TestClock clock = new TestClock();
    int[] runs = {0};
    int attempts =
        new OutageRetry(Duration.ofMinutes(3), clock)
            .run(
                "batch 1",
                () -> {
                  if (++runs[0] < 5) {
                    throw outage();
                  }
                });
    assertEquals(5, attempts);
    assertEquals(
        List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8)),
        clock.pauses);
  }

  @Test
  void pausesStopGrowingAt30sAndTheLastFailureIsThrownAfterTheLimit() {
    TestClock clock = new TestClock();
    RuntimeException last = outage();
    int[] runs = {0};
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                new OutageRetry(Duration.ofSeconds(100), clock)
                    .run(
                        "batch 2",
                        () -> {
                          runs[0]++;
                          throw last;
                        }));
    assertSame(last, thrown);
    // 1+2+4+8+16 = 31 s, then 30 s pauses: 61, 91; 9 s left is less than the next pause.
    assertEquals(
        List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L),
        clock.pauses.stream().map(Duration::toSeconds).toList());
    assertEquals(8, runs[0]);
  }

  @Test
  void zeroLimitAndOtherFailuresAreThrownAtOnce() {
    TestClock clock = new TestClock();
    RuntimeException o = outage();
    assertSame(
        o,
        assertThrows(
            RuntimeException.class,
            () ->
                new OutageRetry(Duration.ZERO, clock)
                    .run(
                        "b",
                        () -> {
                          throw o;
                        })));
    IllegalStateException bug = new IllegalStateException("a bug");
    assertSame(
        bug,
        assertThrows(
            IllegalStateException.class,
            () ->
                new OutageRetry(Duration.ofMinutes(1), clock)
                    .run(
                        "b",
                        () -> {
                          throw bug;
                        })));
    assertEquals(List.of(), clock.pauses);
  }

  @Test
  void outagesAreTheDriversUnreachableNodesNotRefusedQueries() {
    assertTrue(OutageRetry.isOutage(outage()));
    assertTrue(
        OutageRetry.isOutage(
            new RuntimeException("wrapped", AllNodesFailedException.fromErrors(List.of()))));
    assertTrue(
        OutageRetry.isOutage(
            new CassandraRowWriter.WriteFailedException(
                "a write failed", new IOException("reset"))));
    assertTrue(
        OutageRetry.isOutage(
            new IOException("Failed to open native connection to Cassandra at {127.0.0.1:9042}")));
    assertFalse(OutageRetry.isOutage(new IllegalStateException("a bug")));
    assertFalse(
        OutageRetry.isOutage(
            new CassandraRowWriter.WriteFailedException(
                "a write failed", new InvalidQueryException(null, "unconfigured table users"))));
    assertFalse(
        OutageRetry.isOutage(new RuntimeException("x", new RuntimeException(Map.of().toString()))));
  }
}
