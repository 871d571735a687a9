package dev.userstream.spark;

import dev.userstream.io.KafkaPreflight;
import dev.userstream.io.MetricNames;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import dev.userstream.io.RunTotals;
import dev.userstream.io.metrics.PipelineMetrics;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Real-Time Mode query (Spark 4.1+): spark-common's projection of the Kafka records into a
 * {@link RealTimeWriter}, in update mode, with {@code Trigger.RealTime(--checkpoint-interval)}.
 * Spark runs one long-running task per Kafka partition, each writing its records as they arrive.
 *
 * <pre>{@code
 * Kafka rows --select(value, topic, partition, offset, timestamp)--> foreach: RealTimeWriter
 *   (per partition and epoch: KafkaRecordBinder --> RowWriter, N writes in flight)
 * }</pre>
 */
final class RealTimeQuery {
  private static final Logger LOG = LoggerFactory.getLogger(RealTimeQuery.class);

  private RealTimeQuery() {}

  /**
   * Starts the query of {@code kafkaRecords} into {@code writers}; each epoch Spark completes adds
   * its rows to {@code totals}.
   *
   * @param engine the {@code engine} column of every row, and the checkpoint folder
   */
  static StreamingQuery start(
      Dataset<Row> kafkaRecords,
      String engine,
      PipelineOptions p,
      RowWriters writers,
      RunTotals totals)
      throws TimeoutException {
    SparkContext spark = kafkaRecords.sparkSession().sparkContext();
    Map<String, LongAccumulator> counts = new LinkedHashMap<>();
    RealTimeWriter sink =
        new RealTimeWriter(
            UserStreamJob.binder(engine, p), writers, UserStreamJob.accumulators(spark, counts));
    StreamingQuery query =
        UserStreamJob.stream(kafkaRecords, engine, p)
            .outputMode("update")
            .trigger(Trigger.RealTime(p.get(RealTimeOptions.CHECKPOINT_INTERVAL).toMillis()))
            .foreach(sink)
            .start();
    kafkaRecords.sparkSession().streams().addListener(new EpochTotals(query.id(), counts, totals));
    return query;
  }

  /**
   * Refuses a topic with more partitions than Spark has task slots: Real-Time Mode needs one
   * long-running task per partition, all at once, or the query makes no progress. Exact for a local
   * master; on a cluster the executors may not have registered yet, so only a warning.
   *
   * @throws PreflightException one line, for a local master
   */
  static void requireSlots(
      SparkContext spark, KafkaPreflight.Topic topic, String job, PrintStream out) {
    int slots = spark.defaultParallelism();
    if (slots >= topic.partitions()) {
      return;
    }
    String message =
        "topic "
            + topic.name()
            + " has "
            + topic.partitions()
            + " partitions but Spark has "
            + slots
            + " task slots: Real-Time Mode runs one task per partition, all at once"
            + " (give it at least "
            + topic.partitions()
            + " cores, e.g. --master local["
            + topic.partitions()
            + "])";
    if (spark.isLocal()) {
      throw new PreflightException(message, null);
    }
    out.println(job + ": warning: " + message);
  }

  /**
   * Adds each completed epoch's rows to the run's totals and the driver's {@link PipelineMetrics}:
   * the accumulators grow when an epoch's tasks end, and Spark reports the epoch's progress after
   * that.
   */
  private static final class EpochTotals extends StreamingQueryListener {
    private final UUID query;
    private final Map<String, LongAccumulator> counts;
    private final Map<String, Long> added = new HashMap<>();
    private final RunTotals totals;

    EpochTotals(UUID query, Map<String, LongAccumulator> counts, RunTotals totals) {
      this.query = query;
      this.counts = counts;
      this.totals = totals;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public synchronized void onQueryProgress(QueryProgressEvent event) {
      if (!event.progress().id().equals(query)) {
        return;
      }
      PipelineMetrics metrics = PipelineMetrics.process();
      Map<String, Long> epoch = new HashMap<>();
      counts.forEach(
          (name, count) -> {
            long value = count.value();
            long delta = value - added.getOrDefault(name, 0L);
            added.put(name, value);
            epoch.put(name, delta);
            metrics.written(name, delta);
          });
      metrics.batch(TimeUnit.MILLISECONDS.toNanos(event.progress().batchDuration()));
      long u = epoch.get(MetricNames.USERS);
      long r = epoch.get(MetricNames.REJECTIONS);
      totals.add(u, r);
      if (u + r > 0) {
        LOG.info("epoch {}: {} users, {} rejects written", event.progress().batchId(), u, r);
      }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}
  }
}
