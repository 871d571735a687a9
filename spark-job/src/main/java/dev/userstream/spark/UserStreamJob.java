package dev.userstream.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.userstream.model.PipelineOptions;
import dev.userstream.model.UserTransform;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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
 * <p>Each step is a method so tests can run the same plumbing on a static DataFrame: {@link
 * #transform} (Kafka rows to kind + user/reject structs), {@link #users} and {@link #rejects} (the
 * table rows).
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
   * @throws JobFailure when a service is unreachable or refuses, with one line saying which
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
      return transform(records, p)
          .writeStream()
          .queryName("userstream-" + p.keyspace() + "-" + p.topic())
          .option("checkpointLocation", checkpoint)
          .trigger(trigger)
          .foreachBatch(new CassandraBatchWriter(options))
          .start();
    } catch (TimeoutException e) {
      throw new JobFailure("the streaming query did not start: " + e.getMessage(), e);
    }
  }

  /**
   * Where this query keeps its offsets: {@code <checkpoint-dir>/spark/<keyspace>.<topic>}. One
   * folder per engine, keyspace and topic, so the shared default folder never hands one query
   * another's offsets (Spark would refuse, or worse, skip records).
   */
  public static String checkpointLocation(PipelineOptions p) {
    String base = p.checkpointDir();
    String separator = base.endsWith("/") ? "" : "/";
    return base + separator + "spark/" + p.keyspace() + "." + p.topic();
  }

  /** Kafka source rows (value, topic, partition, offset, timestamp) to kind + user/reject. */
  public static Dataset<Row> transform(Dataset<Row> kafkaRecords, PipelineOptions p) {
    KafkaRecordTransform transform =
        new KafkaRecordTransform(new UserTransform(p.limits()), p.cassandraSchema());
    return kafkaRecords
        .select(
            col(KafkaRecordTransform.INPUT_COLUMNS[0]),
            col(KafkaRecordTransform.INPUT_COLUMNS[1]),
            col(KafkaRecordTransform.INPUT_COLUMNS[2]),
            col(KafkaRecordTransform.INPUT_COLUMNS[3]),
            col(KafkaRecordTransform.INPUT_COLUMNS[4]))
        .mapPartitions(
            transform, Encoders.row(KafkaRecordTransform.outputSchema(p.cassandraSchema())));
  }

  /** The {@code created_users} rows of a transformed batch, columns as the table has them. */
  public static Dataset<Row> users(Dataset<Row> transformed) {
    return transformed
        .filter(isKind(KafkaRecordTransform.USER))
        .select(KafkaRecordTransform.USER + ".*");
  }

  /** The {@code rejected_users} rows of a transformed batch, columns as the table has them. */
  public static Dataset<Row> rejects(Dataset<Row> transformed) {
    return transformed
        .filter(isKind(KafkaRecordTransform.REJECT))
        .select(KafkaRecordTransform.REJECT + ".*");
  }

  static Column isKind(String kind) {
    return col(KafkaRecordTransform.KIND).equalTo(lit(kind));
  }
}
