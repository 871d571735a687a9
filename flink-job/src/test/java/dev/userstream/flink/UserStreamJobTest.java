package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectReason;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.Rejection;
import dev.userstream.model.TestUsers;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.pipeline.TestRecords;
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
 * the user or the rejection common-model makes of it, with its lineage.
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
    CollectingSink<UserRow> users = new CollectingSink<>("users-" + UUID.randomUUID());
    CollectingSink<RejectRow> rejects = new CollectingSink<>("rejects-" + UUID.randomUUID());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataGeneratorSource<KafkaRecord> source =
        new DataGeneratorSource<>(
            index -> RECORDS.get(index.intValue()),
            RECORDS.size(),
            TypeInformation.of(KafkaRecord.class));
    FlinkJobOptions options = FlinkJobOptions.of(PipelineOptions.builder().parallelism(2).build());

    UserStreamJob.build(env, source, users, rejects, options);
    JobExecutionResult result = env.execute("UserStreamJobTest");

    UserTransform transform = new UserTransform(options.pipeline().limits());
    Map<UUID, UserRow> expectedUsers = new HashMap<>();
    Map<Lineage, Rejection> expectedRejects = new HashMap<>();
    for (KafkaRecord record : RECORDS) {
      TransformResult expected = transform.apply(record.value(), record.lineage().eventTime());
      if (expected instanceof CreatedUser user) {
        expectedUsers.put(user.id(), new UserRow(user, record.lineage()));
      } else {
        expectedRejects.put(record.lineage(), (Rejection) expected);
      }
    }
    assertEquals(1902, expectedUsers.size(), "fixture: 1,900 mixed users and two samples");
    assertEquals(101, expectedRejects.size(), "fixture: 100 bad records and a tombstone");

    List<UserRow> gotUsers = users.received();
    assertEquals(expectedUsers.size(), gotUsers.size(), "one user row per valid record");
    for (UserRow row : gotUsers) {
      assertEquals(expectedUsers.get(row.user().id()), row);
    }
    List<RejectRow> gotRejects = rejects.received();
    assertEquals(expectedRejects.size(), gotRejects.size(), "one reject row per bad record");
    for (RejectRow row : gotRejects) {
      assertEquals(expectedRejects.get(row.lineage()), row.rejection(), "at " + row.lineage());
    }
    Lineage tombstoneAt = RECORDS.get(2000).lineage();
    RejectRow tombstone =
        gotRejects.stream().filter(r -> r.lineage().equals(tombstoneAt)).findFirst().orElseThrow();
    assertEquals(RejectReason.EMPTY_VALUE, tombstone.rejection().code());
    assertEquals(RejectedPayload.of(null), tombstone.payload());
    assertNull(tombstone.payload().text());

    assertEquals(
        1902L, (Long) result.getAccumulatorResult(UserTransformFunction.USERS_ACCUMULATOR));
    assertEquals(
        101L, (Long) result.getAccumulatorResult(UserTransformFunction.REJECTIONS_ACCUMULATOR));
    assertTrue(gotRejects.stream().allMatch(r -> r.rejectedAt() != null));
  }
}
