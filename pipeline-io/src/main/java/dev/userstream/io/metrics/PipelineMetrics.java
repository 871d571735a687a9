package dev.userstream.io.metrics;

import dev.userstream.io.MetricNames;
import dev.userstream.model.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures behind the Prometheus endpoint, one set per JVM, fed where the work happens: records
 * read and rows written by the engine's adapter, write latency by pipeline-io's Cassandra writer,
 * batch durations by the adapter. Lock-free updates (a {@link LongAdder} each), so a hot path pays
 * a few nanoseconds; {@link #render} writes Prometheus' text format.
 *
 * <p>Counters count what this process saw since it started: a replayed batch or a restarted Flink
 * job counts its rows again, as Prometheus counters of any engine do.
 */
public final class PipelineMetrics {
  /** Upper bounds of the write latency buckets, in seconds (then {@code +Inf}). */
  static final double[] LATENCY_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private static final PipelineMetrics PROCESS = new PipelineMetrics();
  private static final long[] BUCKET_NANOS = new long[LATENCY_BUCKETS.length];

  static {
    for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
      BUCKET_NANOS[i] = Math.round(LATENCY_BUCKETS[i] * 1e9);
    }
  }

  private final LongAdder recordsRead = new LongAdder();
  private final LongAdder users = new LongAdder();
  private final Map<RejectReason, LongAdder> rejects = new EnumMap<>(RejectReason.class);
  private final LongAdder[] latencyBuckets = new LongAdder[LATENCY_BUCKETS.length + 1];
  private final LongAdder latencyNanos = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final AtomicLong lastBatchNanos = new AtomicLong(-1);

  PipelineMetrics() {
    for (RejectReason reason : RejectReason.values()) {
      rejects.put(reason, new LongAdder());
    }
    for (int i = 0; i < latencyBuckets.length; i++) {
      latencyBuckets[i] = new LongAdder();
    }
  }

  /** This JVM's metrics: what its tasks record and its endpoint serves. */
  public static PipelineMetrics process() {
    return PROCESS;
  }

  /** {@code n} Kafka records read and judged. */
  public void recordsRead(long n) {
    recordsRead.add(n);
  }

  /** {@code n} rows written to the users table. */
  public void usersWritten(long n) {
    users.add(n);
  }

  /** {@code n} rows written to the rejects table for {@code reason}. */
  public void rejectsWritten(RejectReason reason, long n) {
    rejects.get(reason).add(n);
  }

  /**
   * Rows a batch wrote, counted under {@link dev.userstream.io.cassandra.RowTally}'s name {@code
   * counter}: {@code users} and {@code rejections} are also records read, {@code
   * rejectionReasons.<CODE>} the rejects by reason; other names are ignored.
   */
  public void written(String counter, long n) {
    if (counter.equals(MetricNames.USERS)) {
      usersWritten(n);
      recordsRead(n);
    } else if (counter.equals(MetricNames.REJECTIONS)) {
      recordsRead(n);
    } else if (counter.startsWith(MetricNames.REJECTION_REASONS + ".")) {
      String code = counter.substring(MetricNames.REJECTION_REASONS.length() + 1);
      rejectsWritten(RejectReason.valueOf(code), n);
    }
  }

  /** One Cassandra write answered {@code nanos} after it was sent. */
  public void writeLatency(long nanos) {
    int i = 0;
    while (i < BUCKET_NANOS.length && nanos > BUCKET_NANOS[i]) {
      i++;
    }
    latencyBuckets[i].increment();
    latencyNanos.add(nanos);
  }

  /** One micro-batch, epoch or checkpoint flush done in {@code nanos}. */
  public void batch(long nanos) {
    batches.increment();
    lastBatchNanos.set(nanos);
  }

  /** Users written so far (for tests and summaries). */
  public long usersWritten() {
    return users.sum();
  }

  /**
   * Appends every metric in Prometheus' text format (version 0.0.4), each with the label {@code
   * engine}, then the lag per partition of {@code lag} (a gauge; omitted when unknown).
   */
  public void render(StringBuilder out, String engine, ConsumerLag.Snapshot lag) {
    String e = "engine=\"" + engine + "\"";
    family(out, MetricNames.PROM_RECORDS_READ, "counter", "Kafka records read and judged");
    sample(out, MetricNames.PROM_RECORDS_READ, e, recordsRead.sum());
    family(out, MetricNames.PROM_USERS_WRITTEN, "counter", "Rows written to the users table");
    sample(out, MetricNames.PROM_USERS_WRITTEN, e, users.sum());
    family(out, MetricNames.PROM_REJECTS_WRITTEN, "counter", "Rows written to the rejects table");
    rejects.forEach(
        (reason, n) ->
            sample(
                out, MetricNames.PROM_REJECTS_WRITTEN, e + ",reason=\"" + reason + "\"", n.sum()));
    String latency = MetricNames.PROM_WRITE_LATENCY;
    family(out, latency, "histogram", "Seconds from sending a Cassandra write to its answer");
    long cumulative = 0;
    for (int i = 0; i < latencyBuckets.length; i++) {
      cumulative += latencyBuckets[i].sum();
      String le = i < LATENCY_BUCKETS.length ? Double.toString(LATENCY_BUCKETS[i]) : "+Inf";
      sample(out, latency + "_bucket", e + ",le=\"" + le + "\"", cumulative);
    }
    sample(out, latency + "_sum", e, latencyNanos.sum() / 1e9);
    sample(out, latency + "_count", e, cumulative);
    family(out, MetricNames.PROM_BATCHES, "counter", "Micro-batches, epochs or checkpoints done");
    sample(out, MetricNames.PROM_BATCHES, e, batches.sum());
    long last = lastBatchNanos.get();
    if (last >= 0) {
      family(
          out,
          MetricNames.PROM_BATCH_DURATION,
          "gauge",
          "Seconds the last micro-batch, epoch or checkpoint flush took");
      sample(out, MetricNames.PROM_BATCH_DURATION, e, last / 1e9);
    }
    if (lag != null && !lag.partitions().isEmpty()) {
      family(out, MetricNames.PROM_CONSUMER_LAG, "gauge", "Records not yet committed by the job");
      lag.partitions()
          .forEach(
              (partition, records) ->
                  sample(
                      out,
                      MetricNames.PROM_CONSUMER_LAG,
                      e + ",topic=\"" + lag.topic() + "\",partition=\"" + partition + "\"",
                      records));
    }
  }

  private static void family(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name).append('{').append(labels).append("} ");
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(value);
    }
    out.append('\n');
  }
}
