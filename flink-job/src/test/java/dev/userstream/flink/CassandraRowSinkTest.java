package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.userstream.io.MetricNames;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sink binds pipeline-io's row values in driver-3 types, in the schema's column order. */
class CassandraRowSinkTest {
  private final CassandraSchema schema = CassandraSchema.defaults();
  private final KafkaRecordBinder binder =
      new KafkaRecordBinder(UserTransform.withDefaults(), schema, UserStreamJob.ENGINE);
  private final Instant rejectedAt = Instant.parse("2024-05-02T00:00:00Z");

  @Test
  void userValuesHaveDriver3TypesAndFlinkAsEngine() {
    Object[] values =
        sink(schema.insertUserCql(), MetricNames.USERS_WRITTEN)
            .extract(bind(TestUsers.raw().bytes()));
    assertEquals(schema.userColumns().size(), values.length);
    assertInstanceOf(UUID.class, values[schema.userColumns().indexOf("id")]);
    assertEquals(
        Date.from(TestUsers.EVENT_TIME), values[schema.userColumns().indexOf("event_time")]);
    assertEquals(9L, values[schema.userColumns().indexOf("source_offset")]);
    assertEquals("flink", values[schema.userColumns().indexOf("engine")]);
  }

  @Test
  void rejectValuesKeepNullsForUnsetAndBlobsAsByteBuffers() {
    CassandraRowSink rejects = sink(schema.insertRejectCql(), MetricNames.REJECTS_WRITTEN);
    Object[] tombstone = rejects.extract(bind(null));
    assertNull(tombstone[schema.rejectColumns().indexOf("raw")]);
    assertNull(tombstone[schema.rejectColumns().indexOf("raw_bytes")]);
    assertEquals(Date.from(rejectedAt), tombstone[schema.rejectColumns().indexOf("rejected_at")]);
    Object[] binary = rejects.extract(bind(new byte[] {(byte) 0xff}));
    assertInstanceOf(ByteBuffer.class, binary[schema.rejectColumns().indexOf("raw_bytes")]);
  }

  private BoundRow bind(byte[] value) {
    return binder.bind(value, "t", 1, 9, TestUsers.EVENT_TIME, rejectedAt);
  }

  private static CassandraRowSink sink(String insertCql, String counter) {
    return new CassandraRowSink(insertCql, PipelineOptions.defaults(), counter);
  }
}
