package dev.userstream.bench;

import java.util.Locale;

/** What {@code userstream bench} can measure; run in this order. */
public enum Scenario {
  /** A tight async writer straight to Cassandra: the limit of the pipeline on this machine. */
  CEILING,
  /** A backlog processed in available-now mode: rows/s from Cassandra's own write times. */
  THROUGHPUT,
  /** A fixed-rate stream through a continuous job: write time minus Kafka record time. */
  LATENCY;

  /** The name as typed after {@code --scenarios}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@link #cliName()}, with a one-line message on a typo. */
  public static Scenario parse(String text) {
    for (Scenario s : values()) {
      if (s.cliName().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scenario '" + text + "': expected ceiling, throughput or latency");
  }
}
