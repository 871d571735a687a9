package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectReason;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.Rejection;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sinks bind common-model's values in driver-3 types, in the schema's column order. */
class CassandraRowSinkTest {
  private final CassandraSchema schema = CassandraSchema.defaults();
  private final Lineage lineage = new Lineage("t", 1, 9, TestUsers.EVENT_TIME);

  @Test
  void userValuesHaveDriver3TypesAndFlinkAsEngine() {
    CreatedUser user =
        (CreatedUser) UserTransform.withDefaults().apply(TestUsers.raw().bytes(), Instant.now());
    Object[] values =
        new UsersSink(
                schema, new CassandraConnection(dev.userstream.io.PipelineOptions.defaults()), 4)
            .extract(new UserRow(user, lineage));
    assertEquals(schema.userColumns().size(), values.length);
    assertInstanceOf(UUID.class, values[schema.userColumns().indexOf("id")]);
    assertEquals(
        Date.from(TestUsers.EVENT_TIME), values[schema.userColumns().indexOf("event_time")]);
    assertEquals(9L, values[schema.userColumns().indexOf("source_offset")]);
    assertEquals("flink", values[schema.userColumns().indexOf("engine")]);
  }

  @Test
  void rejectValuesKeepNullsForUnsetAndBlobsAsByteBuffers() {
    Instant rejectedAt = Instant.parse("2024-05-02T00:00:00Z");
    Object[] tombstone =
        new RejectsSink(
                schema, new CassandraConnection(dev.userstream.io.PipelineOptions.defaults()), 4)
            .extract(
                new RejectRow(
                    new Rejection(RejectReason.EMPTY_VALUE, "null"),
                    RejectedPayload.of(null),
                    lineage,
                    rejectedAt));
    assertNull(tombstone[schema.rejectColumns().indexOf("raw")]);
    assertNull(tombstone[schema.rejectColumns().indexOf("raw_bytes")]);
    assertEquals(Date.from(rejectedAt), tombstone[schema.rejectColumns().indexOf("rejected_at")]);
    Object[] binary =
        new RejectsSink(
                schema, new CassandraConnection(dev.userstream.io.PipelineOptions.defaults()), 4)
            .extract(
                new RejectRow(
                    new Rejection(RejectReason.INVALID_UTF8, "bad"),
                    RejectedPayload.of(new byte[] {(byte) 0xff}),
                    lineage,
                    rejectedAt));
    assertInstanceOf(ByteBuffer.class, binary[schema.rejectColumns().indexOf("raw_bytes")]);
  }
}
