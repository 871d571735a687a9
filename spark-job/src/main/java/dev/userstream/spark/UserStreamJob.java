package dev.userstream.spark;

import static org.apache.spark.sql.functions.col;

import dev.userstream.io.CheckpointPaths;
import dev.userstream.io.PipelineOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming query: Kafka {@code users_created} → common-model's transformation → Cassandra
 * {@code created_users} / {@code rejected_users}. Assembled here, started by {@link SparkJobMain}
 * or by a test with its own {@link SparkSession}.
 *
 * <p>A micro-batch is written in one pass: {@link #kafkaColumns} keeps the source columns the
 * transformation reads, and {@link CassandraBatchWriter} runs common-model's transformation and the
 * inserts in each partition.
 */
public final class UserStreamJob {
  private static final Logger LOG = LoggerFactory.getLogger(UserStreamJob.class);

  private UserStreamJob() {}

  /**
   * Checks Kafka (topic created if missing) and Cassandra (keyspace and tables created if absent),
   * then starts the query: {@code available-now} processes what the topic holds and stops, {@code
   * continuous} runs a micro-batch every trigger interval until stopped. Both checkpoint, so the
   * next run resumes where this one stopped.
   *
   * @throws JobFailure when Kafka is unreachable or refuses, with one line saying which
   * @throws dev.userstream.io.PreflightException likewise for Cassandra
   */
  public static StreamingQuery start(SparkSession spark, SparkJobOptions options) {
    PipelineOptions p = options.pipeline();
    KafkaInput.ensureTopic(p);
    CassandraTarget.ensureSchema(spark.sparkContext().getConf(), options);
    Dataset<Row> records =
        spark.readStream().format("kafka").options(KafkaInput.sourceOptions(options)).load();
    Trigger trigger =
        p.mode() == PipelineOptions.Mode.AVAILABLE_NOW
            ? Trigger.AvailableNow()
            : Trigger.ProcessingTime(options.triggerInterval().toMillis(), TimeUnit.MILLISECONDS);
    String checkpoint = checkpointLocation(p);
    LOG.info(
        "starting {} run: {} topic {} -> Cassandra {} {}.{} / {}, checkpoint {}",
        p.mode().cliName(),
        p.bootstrapServers(),
        p.topic(),
        String.join(",", p.cassandraHosts()) + ":" + p.cassandraPort(),
        p.keyspace(),
        p.usersTable(),
        p.rejectsTable(),
        checkpoint);
    try {
      return kafkaColumns(records)
          .writeStream()
          .queryName("userstream-" + p.keyspace() + "-" + p.topic())
          .option("checkpointLocation", checkpoint)
          .trigger(trigger)
          .foreachBatch(new CassandraBatchWriter(spark, options))
          .start();
    } catch (TimeoutException e) {
      throw new JobFailure("the streaming query did not start: " + e.getMessage(), e);
    }
  }

  /** Where this query keeps its offsets: pipeline-io's scheme for the engine {@code spark}. */
  public static String checkpointLocation(PipelineOptions p) {
    return CheckpointPaths.location(p, "spark");
  }

  /** The Kafka source's columns the writer reads, in the order it reads them. */
  public static Dataset<Row> kafkaColumns(Dataset<Row> kafkaRecords) {
    Column[] columns = new Column[KafkaRecordTransform.INPUT_COLUMNS.length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = col(KafkaRecordTransform.INPUT_COLUMNS[i]);
    }
    return kafkaRecords.select(columns);
  }
}
