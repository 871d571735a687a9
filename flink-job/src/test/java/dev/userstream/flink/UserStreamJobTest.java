package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.userstream.io.KafkaRecord;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectReason;
import dev.userstream.model.Rejection;
import dev.userstream.model.TestUsers;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.pipeline.TestRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job graph main runs, on a Flink MiniCluster, fed from memory: every record becomes exactly
 * the user row or the reject row common-model makes of it, with its lineage, and reaches the sink.
 */
class UserStreamJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final String TOPIC = "users_created";
  private static final long BASE_TIME = TestUsers.EVENT_TIME.toEpochMilli();

  /** 2,000 mixed records (5 % bad), a tombstone, and the recorded API samples. */
  private static final List<KafkaRecord> RECORDS = records();

  private static List<KafkaRecord> records() {
    List<byte[]> values = new ArrayList<>(TestRecords.mixed(2000, 100, 42));
    values.add(null);
    values.add(TestUsers.sample("raw-norway").bytes());
    values.add(TestUsers.sample("raw-iran").bytes());
    List<KafkaRecord> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(new KafkaRecord(TOPIC, i % 2, i / 2, BASE_TIME + i * 1000L, values.get(i)));
    }
    return List.copyOf(records);
  }

  @Test
  void everyRecordBecomesCommonModelsUserOrRejection() throws Exception {
    CollectingSink<BoundRow> sink = new CollectingSink<>("rows-" + UUID.randomUUID());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataGeneratorSource<KafkaRecord> source =
        new DataGeneratorSource<>(
            index -> RECORDS.get(index.intValue()),
            RECORDS.size(),
            TypeInformation.of(KafkaRecord.class));
    PipelineOptions options = PipelineOptions.builder().parallelism(2).build();

    UserStreamJob.build(env, source, sink, options);
    JobExecutionResult result = env.execute("UserStreamJobTest");

    // What common-model makes of each record, keyed by the record's position (partition, offset).
    CassandraSchema schema = options.cassandraSchema();
    UserTransform transform = new UserTransform(options.limits());
    Map<List<Object>, Object[]> expectedUsers = new HashMap<>();
    Map<List<Object>, Rejection> expectedRejects = new HashMap<>();
    for (KafkaRecord record : RECORDS) {
      Lineage lineage = lineage(record);
      List<Object> at = List.of(record.partition(), record.offset());
      TransformResult expected = transform.apply(record.value(), lineage.eventTime());
      if (expected instanceof CreatedUser user) {
        expectedUsers.put(at, schema.userBindValues(user, lineage, "flink"));
      } else {
        expectedRejects.put(at, (Rejection) expected);
      }
    }
    assertEquals(1902, expectedUsers.size(), "fixture: 1,900 mixed users and two samples");
    assertEquals(101, expectedRejects.size(), "fixture: 100 bad records and a tombstone");

    List<BoundRow> rows = sink.received();
    assertEquals(RECORDS.size(), rows.size(), "one row per record");
    List<BoundRow> gotUsers = rows.stream().filter(BoundRow::user).toList();
    assertEquals(expectedUsers.size(), gotUsers.size(), "one user row per valid record");
    for (BoundRow row : gotUsers) {
      List<Object> at = position(row.values(), schema.userColumns());
      assertArrayEquals(expectedUsers.get(at), row.values(), "at " + at);
    }
    List<BoundRow> gotRejects = rows.stream().filter(r -> !r.user()).toList();
    assertEquals(expectedRejects.size(), gotRejects.size(), "one reject row per bad record");
    for (BoundRow row : gotRejects) {
      List<Object> at = position(row.values(), schema.rejectColumns());
      assertEquals(expectedRejects.get(at).code(), row.reason(), "at " + at);
      assertEquals("flink", row.values()[schema.rejectColumns().indexOf("engine")]);
      assertNotNull(row.values()[schema.rejectColumns().indexOf("rejected_at")]);
    }
    BoundRow tombstone =
        gotRejects.stream()
            .filter(r -> position(r.values(), schema.rejectColumns()).equals(List.of(0, 1000L)))
            .findFirst()
            .orElseThrow();
    assertEquals(RejectReason.EMPTY_VALUE, tombstone.reason());
    assertNull(tombstone.values()[schema.rejectColumns().indexOf("raw")]);
    assertNull(tombstone.values()[schema.rejectColumns().indexOf("raw_bytes")]);

    assertEquals(
        1902L, (Long) result.getAccumulatorResult(UserTransformFunction.USERS_ACCUMULATOR));
    assertEquals(
        101L, (Long) result.getAccumulatorResult(UserTransformFunction.REJECTIONS_ACCUMULATOR));
  }

  private static Lineage lineage(KafkaRecord record) {
    return new Lineage(
        record.topic(),
        record.partition(),
        record.offset(),
        Instant.ofEpochMilli(record.timestamp()));
  }

  /** A row's (source_partition, source_offset). */
  private static List<Object> position(Object[] values, List<String> columns) {
    return List.of(
        values[columns.indexOf("source_partition")], values[columns.indexOf("source_offset")]);
  }
}
