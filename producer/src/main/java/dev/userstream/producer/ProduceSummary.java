package dev.userstream.producer;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run achieved. Only acknowledged records count as produced: a record the broker did not
 * confirm is in {@code notAcknowledged}, never in {@code produced}.
 *
 * @param produced records the broker acknowledged
 * @param bad acknowledged records that were malformed on purpose (part of {@code produced})
 * @param badByKind {@code bad} split by kind, every kind present (0 when none)
 * @param notAcknowledged records handed to the client that failed or were never confirmed
 * @param partitions the topic's partition count
 * @param elapsed from the first send to the last acknowledgement
 */
public record ProduceSummary(
    long produced,
    long bad,
    Map<BadKind, Long> badByKind,
    long notAcknowledged,
    String topic,
    int partitions,
    Duration elapsed) {

  public ProduceSummary {
    Map<BadKind, Long> complete = new EnumMap<>(BadKind.class);
    for (BadKind kind : BadKind.values()) {
      complete.put(kind, badByKind.getOrDefault(kind, 0L));
    }
    badByKind = Collections.unmodifiableMap(complete);
  }

  /** Elapsed seconds, as a double. */
  public double seconds() {
    return elapsed.toNanos() / 1e9;
  }

  /** Acknowledged records per second over {@link #elapsed()}. */
  public long rate() {
    return Math.round(produced / Math.max(seconds(), 1e-3));
  }

  /** Valid users among the produced records. */
  public long users() {
    return produced - bad;
  }

  /** {@code produced=N bad=B topic=T partitions=P seconds=S rate=R/s}: the final line of a run. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "produced=%d bad=%d topic=%s partitions=%d seconds=%.2f rate=%d/s",
        produced,
        bad,
        topic,
        partitions,
        seconds(),
        rate());
  }

  /** {@code bad by kind: truncated-json=3 not-json=1 ...}, every kind listed. */
  public String badLine() {
    return badByKind.entrySet().stream()
        .map(e -> e.getKey().label() + "=" + e.getValue())
        .collect(Collectors.joining(" ", "bad by kind: ", ""));
  }
}
