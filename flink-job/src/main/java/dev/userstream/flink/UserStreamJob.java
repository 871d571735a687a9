package dev.userstream.flink;

import dev.userstream.model.UserTransform;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;

/**
 * Assembles the job graph: source, common-model's transformation, users sink and rejects sink.
 *
 * <p>{@link FlinkJobMain} calls it with the Kafka source and the Cassandra sinks; tests call it
 * with a bounded in-memory source and collecting sinks, so they run exactly the graph production
 * runs.
 *
 * <pre>{@code
 * KafkaRecord source --> transform --> users sink
 *                           \--(side output "rejects")--> rejects sink
 * }</pre>
 *
 * <p>Every operator has the job's parallelism, so all four chain into one task: rows never cross a
 * network buffer, and with object reuse on, never get copied between operators (the function
 * creates a new row per record and the sinks keep none, which is what makes reuse safe).
 */
public final class UserStreamJob {
  /** Operator ids: stable across versions, because checkpointed state is matched by them. */
  public static final String SOURCE_UID = "kafka-source";

  public static final String TRANSFORM_UID = "transform";
  public static final String USERS_SINK_UID = "users-sink";
  public static final String REJECTS_SINK_UID = "rejects-sink";

  private UserStreamJob() {}

  /** Adds the pipeline to {@code env}; the caller executes it. */
  public static void build(
      StreamExecutionEnvironment env,
      Source<KafkaRecord, ?, ?> source,
      SinkFunction<UserRow> users,
      SinkFunction<RejectRow> rejects,
      FlinkJobOptions options) {
    env.setParallelism(options.pipeline().parallelism());
    env.setBufferTimeout(options.bufferTimeout().toMillis());
    env.getConfig().enableObjectReuse();

    DataStream<KafkaRecord> records =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka").uid(SOURCE_UID);
    SingleOutputStreamOperator<UserRow> created =
        records
            .process(new UserTransformFunction(new UserTransform(options.pipeline().limits())))
            .name("transform")
            .uid(TRANSFORM_UID);
    created.addSink(users).name("users").uid(USERS_SINK_UID);
    created
        .getSideOutput(UserTransformFunction.REJECTS)
        .addSink(rejects)
        .name("rejects")
        .uid(REJECTS_SINK_UID);
  }
}
