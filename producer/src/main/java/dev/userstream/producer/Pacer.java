package dev.userstream.producer;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a loop to a rate: record {@code i} is released no earlier than {@code start + i / rate}.
 * Scheduling by index rather than sleeping a fixed gap keeps the average exact even when single
 * sleeps overshoot.
 */
final class Pacer {
  private final double nanosPerRecord;
  private final long start;

  /**
   * @param rate records per second; 0 or less means no pacing
   */
  Pacer(double rate, long startNanos) {
    this.nanosPerRecord = rate > 0 ? 1e9 / rate : 0;
    this.start = startNanos;
  }

  /** Waits until record {@code index} is due; returns at once when unpaced or behind. */
  void await(long index) {
    if (nanosPerRecord == 0) {
      return;
    }
    long due = start + (long) (index * nanosPerRecord);
    long wait;
    while ((wait = due - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(wait);
    }
  }
}
