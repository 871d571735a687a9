package dev.userstream.spark;

import static org.apache.spark.sql.functions.col;

import dev.userstream.io.CheckpointPaths;
import dev.userstream.io.MetricNames;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.RunTotals;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.io.cassandra.OutageRetry;
import dev.userstream.io.cassandra.RowTally;
import dev.userstream.io.metrics.PipelineMetrics;
import dev.userstream.model.UserTransform;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming query, assembled from a source of Kafka-shaped rows and a {@link RowSink}: the
 * Kafka source and the job's Cassandra sink in production, a MemoryStream and a collecting sink in
 * tests, so a test runs the production graph. Both Spark jobs build it from this one source file:
 * spark-job (Spark 3.5, every mode) and spark-rt-job (Spark 4, {@code available-now}; its Real-Time
 * Mode query starts from {@link #stream}).
 *
 * <pre>{@code
 * Kafka rows --select(value, topic, partition, offset, timestamp)--> foreachBatch:
 *   foreachPartition: KafkaRecordBinder (common-model's transformation) --> RowSink
 * }</pre>
 *
 * <p>One pass per micro-batch: each task reads its records once, binds them and writes them, with
 * no cache and no separate count. Writes are upserts on natural keys, so a batch Spark replays
 * after a crash overwrites its own rows: at-least-once delivery becomes exactly-once rows.
 */
public final class UserStreamJob {
  /** The Kafka source's columns the binder reads, in the order it reads them. */
  static final String[] INPUT_COLUMNS = {"value", "topic", "partition", "offset", "timestamp"};

  private UserStreamJob() {}

  /**
   * Options of Spark's {@code kafka} source for a micro-batch query: {@link #kafkaOptions} plus
   * {@code --parallelism} as {@code minPartitions} and the batch limit.
   */
  static Map<String, String> sourceOptions(SparkJobOptions options) {
    PipelineOptions p = options.pipeline();
    Map<String, String> o = kafkaOptions(p);
    o.put("minPartitions", String.valueOf(p.parallelism()));
    long maxOffsets = p.get(SparkJobOptions.MAX_OFFSETS_PER_TRIGGER);
    if (maxOffsets > 0) {
      o.put("maxOffsetsPerTrigger", String.valueOf(maxOffsets));
    }
    return o;
  }

  /**
   * What every query's {@code kafka} source reads with: servers, topic, starting offsets, and the
   * extra client properties with the source's {@code kafka.} prefix.
   */
  static Map<String, String> kafkaOptions(PipelineOptions p) {
    Map<String, String> o = new LinkedHashMap<>();
    p.kafkaProperties().forEach((key, value) -> o.put("kafka." + key, value));
    o.put("kafka.bootstrap.servers", p.bootstrapServers());
    o.put("subscribe", p.topic());
    // Only read when there is no checkpoint yet; afterwards the checkpoint decides.
    o.put("startingOffsets", p.startingOffsets().cliName());
    // Records gone from the topic (retention) before they were read are lost: fail, loudly.
    o.put("failOnDataLoss", "true");
    return o;
  }

  /**
   * The query of {@code kafkaRecords} into {@code sink}, ready to start: {@code available-now}
   * processes what the source holds and stops, {@code continuous} runs a micro-batch every trigger
   * interval until stopped; both checkpoint under {@link CheckpointPaths}. Each batch that was
   * written adds its rows to {@code totals}.
   *
   * @param engine the {@code engine} column of every row, and the checkpoint folder
   */
  static DataStreamWriter<Row> query(
      Dataset<Row> kafkaRecords,
      String engine,
      SparkJobOptions options,
      RowSink sink,
      RunTotals totals) {
    PipelineOptions p = options.pipeline();
    Trigger trigger =
        p.mode() == PipelineOptions.Mode.AVAILABLE_NOW
            ? Trigger.AvailableNow()
            : Trigger.ProcessingTime(
                p.get(SparkJobOptions.TRIGGER_INTERVAL).toMillis(), TimeUnit.MILLISECONDS);
    return stream(kafkaRecords, engine, p)
        .trigger(trigger)
        .foreachBatch(
            new BatchWriter(
                binder(engine, p),
                sink,
                totals,
                new OutageRetry(p.get(SparkJobOptions.BATCH_RETRY_TIMEOUT))));
  }

  /**
   * The {@link #INPUT_COLUMNS} of {@code kafkaRecords} as a named query checkpointed under {@link
   * CheckpointPaths}; the trigger and the sink are the caller's.
   */
  static DataStreamWriter<Row> stream(Dataset<Row> kafkaRecords, String engine, PipelineOptions p) {
    return kafkaRecords
        .select(Arrays.stream(INPUT_COLUMNS).map(c -> col(c)).toArray(Column[]::new))
        .writeStream()
        .queryName("userstream-" + p.keyspace() + "-" + p.topic())
        .option("checkpointLocation", CheckpointPaths.location(p, engine));
  }

  /**
   * The binder of {@code engine}'s rows: common-model's transformation with the options' limits.
   */
  static KafkaRecordBinder binder(String engine, PipelineOptions p) {
    return new KafkaRecordBinder(new UserTransform(p.limits()), p.cassandraSchema(), engine);
  }

  /**
   * A {@link RowTally} whose counters are named accumulators of {@code spark} ({@code
   * userstream.users}, ...), each also put in {@code counts} under its metric name. Spark applies a
   * task's updates once, only when the task succeeds.
   */
  static RowTally accumulators(SparkContext spark, Map<String, LongAccumulator> counts) {
    return new RowTally(
        name -> {
          LongAccumulator a = spark.longAccumulator(MetricNames.GROUP + "." + name);
          counts.put(name, a);
          return a::add;
        });
  }

  /**
   * One micro-batch: every partition bound and written in one pass; the counts logged and added to
   * the driver's {@link PipelineMetrics}. A batch whose writes fail because Cassandra is
   * unreachable is written again, whole, by {@link OutageRetry} (its rows are upserts), with fresh
   * accumulators: the tasks that succeeded in a failed attempt must not count twice.
   */
  private record BatchWriter(
      KafkaRecordBinder binder, RowSink sink, RunTotals totals, OutageRetry retry)
      implements VoidFunction2<Dataset<Row>, Long> {
    private static final Logger LOG = LoggerFactory.getLogger(UserStreamJob.class);

    @Override
    public void call(Dataset<Row> batch, Long batchId) throws Exception {
      long started = System.nanoTime();
      Map<String, LongAccumulator> counts = new LinkedHashMap<>();
      retry.run("batch " + batchId, () -> write(batch, counts));
      LongAccumulator users = counts.get(MetricNames.USERS);
      LongAccumulator rejects = counts.get(MetricNames.REJECTIONS);
      totals.add(users.value(), rejects.value());
      PipelineMetrics metrics = PipelineMetrics.process();
      counts.forEach((name, count) -> metrics.written(name, count.value()));
      metrics.batch(System.nanoTime() - started);
      if (users.value() + rejects.value() > 0) {
        LOG.info(
            "batch {}: {} users, {} rejects written in {} ms",
            batchId,
            users.value(),
            rejects.value(),
            (System.nanoTime() - started) / 1_000_000);
      }
    }

    /** One attempt at the batch, counted into new accumulators put in {@code counts}. */
    private void write(Dataset<Row> batch, Map<String, LongAccumulator> counts) {
      // Updated in an action: Spark applies a task's updates once, even when it is retried.
      counts.clear();
      RowTally tally = accumulators(batch.sparkSession().sparkContext(), counts);
      KafkaRecordBinder binder = this.binder;
      RowSink sink = this.sink;
      batch.foreachPartition(
          (ForeachPartitionFunction<Row>)
              records -> {
                // One rejected_at per partition of a batch: when this task judged its records.
                Instant rejectedAt = Instant.now();
                Iterable<Row> rows = () -> records;
                sink.write(
                    StreamSupport.stream(rows.spliterator(), false)
                        // Counted as the sink consumes them: a failed task counts nothing.
                        .map(r -> tally.count(bind(binder, r, rejectedAt)))
                        .iterator());
              });
    }
  }

  /** A Kafka source row (the {@link #INPUT_COLUMNS}) bound as a user or a reject row. */
  static BoundRow bind(KafkaRecordBinder binder, Row record, Instant rejectedAt) {
    Timestamp timestamp = record.getTimestamp(4);
    return binder.bind(
        record.isNullAt(0) ? null : (byte[]) record.get(0),
        record.getString(1),
        record.getInt(2),
        record.getLong(3),
        timestamp == null ? null : timestamp.toInstant(),
        rejectedAt);
  }
}
