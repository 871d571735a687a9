package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.SharedTestStack;
import dev.userstream.stack.pipeline.ExpectedRows;
import dev.userstream.stack.pipeline.PipelineAssertions;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.StoredRows;
import dev.userstream.stack.pipeline.TestRecords;
import dev.userstream.stack.pipeline.TopicWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark and Flink on the same topic, into two keyspaces: every business column of every user, its
 * lineage and every rejection reason must be identical. Only the {@code engine} column differs.
 * Both jobs run as users run them, through {@code ./userstream run}.
 */
class EngineParityIT {
  @TempDir Path checkpoints;

  @Test
  void sparkAndFlinkWriteTheSameRows() throws Exception {
    LocalStack stack = SharedTestStack.get();
    String topic = SharedTestStack.uniqueName("parity");
    List<byte[]> values = new ArrayList<>(TestRecords.mixed(2000, 100, 23));
    // The recorded API samples too: Persian script, Norway's "0015", a US record.
    for (String sample : List.of("raw-norway", "raw-iran", "raw-us")) {
      values.add(TestUsers.sample(sample).bytes());
    }
    List<ProducedRecord> records = TopicWriter.write(stack.kafka(), topic, 2, values);
    ExpectedRows expected = ExpectedRows.of(records, UserTransform.withDefaults());

    String sparkKeyspace = SharedTestStack.uniqueName("parity_spark");
    String flinkKeyspace = SharedTestStack.uniqueName("parity_flink");
    run("spark", stack, topic, sparkKeyspace);
    run("flink", stack, topic, flinkKeyspace);

    try (CqlSession session = stack.cassandra().session()) {
      StoredRows spark = StoredRows.read(session, schema(sparkKeyspace));
      StoredRows flink = StoredRows.read(session, schema(flinkKeyspace));
      PipelineAssertions.assertExactly(expected, spark, "spark");
      PipelineAssertions.assertExactly(expected, flink, "flink");
      assertEquals(spark.users(), flink.users(), "users: every column and lineage");
      assertEquals(spark.rejects(), flink.rejects(), "rejections: position and reason");
    }
  }

  private void run(String engine, LocalStack stack, String topic, String keyspace)
      throws Exception {
    UserstreamScript.Result run =
        UserstreamScript.run(
            Map.of(),
            UserstreamScript.availableNowRun(
                engine, stack, topic, keyspace, checkpoints.resolve(engine)));
    assertEquals(0, run.exit(), engine + " run failed:\n" + run.output());
  }

  private static CassandraSchema schema(String keyspace) {
    return new CassandraSchema(
        keyspace, CassandraSchema.DEFAULT_USERS_TABLE, CassandraSchema.DEFAULT_REJECTS_TABLE, 1);
  }
}
