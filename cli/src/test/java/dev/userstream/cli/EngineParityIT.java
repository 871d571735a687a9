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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every engine on the same topic, each into its own keyspace: every business column of every user,
 * its lineage and every rejection reason must be identical. Only the {@code engine} column differs.
 * The jobs run as users run them, through {@code ./userstream run}.
 */
class EngineParityIT {
  @TempDir Path checkpoints;

  @Test
  void everyEngineWritesTheSameRows() throws Exception {
    LocalStack stack = SharedTestStack.get();
    String topic = SharedTestStack.uniqueName("parity");
    List<byte[]> values = new ArrayList<>(TestRecords.mixed(2000, 100, 23));
    // The recorded API samples too: Persian script, Norway's "0015", a US record.
    for (String sample : List.of("raw-norway", "raw-iran", "raw-us")) {
      values.add(TestUsers.sample(sample).bytes());
    }
    List<ProducedRecord> records = TopicWriter.write(stack.kafka(), topic, 2, values);
    ExpectedRows expected = ExpectedRows.of(records, UserTransform.withDefaults());

    Map<String, StoredRows> stored = new LinkedHashMap<>();
    for (Engine engine : Engine.values()) {
      String keyspace = SharedTestStack.uniqueName("parity_" + engine.cliName().replace('-', '_'));
      run(engine.cliName(), stack, topic, keyspace);
      try (CqlSession session = stack.cassandra().session()) {
        StoredRows rows = StoredRows.read(session, schema(keyspace));
        PipelineAssertions.assertExactly(expected, rows, engine.cliName());
        stored.put(engine.cliName(), rows);
      }
    }
    StoredRows spark = stored.get("spark");
    stored.forEach(
        (engine, rows) -> {
          assertEquals(spark.users(), rows.users(), engine + " vs spark: users, every column");
          assertEquals(spark.rejects(), rows.rejects(), engine + " vs spark: position and reason");
        });
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
