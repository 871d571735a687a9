package dev.userstream.io;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows one run of a job wrote, and the line every engine ends a finished run with:
 *
 * <pre>{@code
 * spark-job: finished in 12.3 s: 9500 users, 500 rejections (812 records/s)
 * }</pre>
 *
 * <p>Thread-safe: an engine adds each batch's (or the job result's) counts as they come.
 */
public final class RunTotals implements Serializable {
  private static final long serialVersionUID = 1L;

  private final AtomicLong users = new AtomicLong();
  private final AtomicLong rejections = new AtomicLong();

  /** Adds rows written: {@code users} user rows, {@code rejections} reject rows. */
  public RunTotals add(long users, long rejections) {
    this.users.addAndGet(users);
    this.rejections.addAndGet(rejections);
    return this;
  }

  public long users() {
    return users.get();
  }

  public long rejections() {
    return rejections.get();
  }

  /** The summary line of a run of {@code job} that took {@code runtime}. */
  public String summary(String job, Duration runtime) {
    double seconds = Math.max(runtime.toMillis(), 1) / 1000.0;
    return String.format(
        Locale.ROOT,
        "%s: finished in %.1f s: %d users, %d rejections (%.0f records/s)",
        job,
        seconds,
        users(),
        rejections(),
        (users() + rejections()) / seconds);
  }
}
