package dev.userstream.bench;

import java.util.Locale;

/** The processes whose CPU time a throughput or ceiling run records. */
public enum CpuRole {
  /** The job's child JVM and anything it starts. */
  JOB,
  /** The ceiling's writer: the benchmark's own JVM. */
  WRITER,
  /** The local stack's Cassandra node. */
  CASSANDRA,
  /** The local stack's Kafka broker. */
  KAFKA;

  /** The name in the report, JSON and CSV. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
