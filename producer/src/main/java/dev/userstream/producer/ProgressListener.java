package dev.userstream.producer;

import java.time.Duration;

/** Receives a running producer's progress, about every 100 ms, on the producing thread. */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores progress. */
  ProgressListener NONE = progress -> {};

  void onProgress(Progress progress);

  /** Called once after the last acknowledgement, before the summary is returned. */
  default void onFinish(Progress progress) {}

  /**
   * A snapshot of a run.
   *
   * @param sent records handed to the Kafka client so far
   * @param acknowledged records the broker confirmed so far
   * @param targetEvents the run's record limit, 0 when it has none
   * @param elapsed time since the first send
   * @param limit the run's time limit, null when it has none
   */
  record Progress(
      long sent, long acknowledged, long targetEvents, Duration elapsed, Duration limit) {

    /** Confirmed records per second so far. */
    public double rate() {
      return acknowledged / Math.max(elapsed.toNanos() / 1e9, 1e-3);
    }

    /** Fraction done, 0 to 1, by count or by time; -1 when the run has neither limit. */
    public double fraction() {
      double byCount = targetEvents > 0 ? (double) acknowledged / targetEvents : -1;
      double byTime = limit != null ? (double) elapsed.toNanos() / limit.toNanos() : -1;
      return Math.min(1.0, Math.max(byCount, byTime));
    }
  }
}
