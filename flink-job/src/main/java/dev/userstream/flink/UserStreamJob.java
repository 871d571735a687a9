package dev.userstream.flink;

import dev.userstream.io.KafkaRecord;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.UserTransform;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Assembles the job graph: source, common-model's transformation (through pipeline-io's {@link
 * KafkaRecordBinder}), sink.
 *
 * <p>{@link FlinkJobMain} calls it with the Kafka source and the Cassandra sink; tests call it with
 * a bounded in-memory source and a collecting sink, so they run exactly the graph production runs.
 *
 * <pre>{@code
 * KafkaRecord source --> transform --(BoundRow: a user or a reject)--> sink (each row to its table)
 * }</pre>
 *
 * <p>One sink for both tables, as in the Spark job: one Cassandra session per subtask, and a reject
 * costs no other operator. Every operator has the job's parallelism, so all three chain into one
 * task and, with object reuse on, a row is handed from the transform to its sink by reference:
 * nothing is serialised. That matters for {@link BoundRow}, a POJO to Flink whose {@code Object[]}
 * elements are generic types: an operator that did not chain (another parallelism, chaining
 * disabled) would copy and ship every row through Kryo, correct (KafkaRecordTypeTest) but much
 * slower. Reuse is safe because the function creates a new row per record and the sinks keep none.
 */
public final class UserStreamJob {
  /** The {@code engine} column of every row this job writes, and its checkpoint folder. */
  public static final String ENGINE = "flink";

  private UserStreamJob() {}

  /** Adds the pipeline to {@code env}; the caller executes it. */
  public static void build(
      StreamExecutionEnvironment env,
      Source<KafkaRecord, ?, ?> source,
      Sink<BoundRow> sink,
      PipelineOptions p) {
    env.setParallelism(p.parallelism());
    env.setBufferTimeout(p.get(FlinkJobOptions.BUFFER_TIMEOUT).toMillis());
    env.getConfig().enableObjectReuse();

    // Operator uids stay the same across versions: checkpointed state is matched by them.
    KafkaRecordBinder binder =
        new KafkaRecordBinder(new UserTransform(p.limits()), p.cassandraSchema(), ENGINE);
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
        .uid("kafka-source")
        .map(new UserTransformFunction(binder))
        .name("transform")
        .uid("transform")
        .sinkTo(sink)
        .name("cassandra")
        .uid("cassandra-sink");
  }
}
