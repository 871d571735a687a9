package dev.userstream.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Limits;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectReason;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.Rejection;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Kafka record to bind values: exactly what common-model says, plus lineage and engine. */
class KafkaRecordBinderTest {
  private static final CassandraSchema SCHEMA = CassandraSchema.defaults();
  private static final Instant T0 = TestUsers.EVENT_TIME;
  private static final Instant JUDGED = Instant.parse("2024-05-01T12:00:05Z");
  private static final KafkaRecordBinder BINDER =
      new KafkaRecordBinder(UserTransform.withDefaults(), SCHEMA, "test-engine");

  @Test
  void aValidRecordBecomesTheSchemasUserRow() {
    byte[] value = TestUsers.raw().bytes();
    KafkaRecordBinder.BoundRow row = BINDER.bind(value, "users_created", 3, 42L, T0, JUDGED);

    assertTrue(row.user());
    assertNull(row.reason());
    CreatedUser user = (CreatedUser) UserTransform.withDefaults().apply(value, T0);
    assertArrayEquals(
        SCHEMA.userBindValues(user, new Lineage("users_created", 3, 42L, T0), "test-engine"),
        row.values());
    assertEquals(UUID.fromString(TestUsers.RAW_ID), column(row, SCHEMA.userColumns(), "id"));
  }

  @Test
  void aBadRecordBecomesTheSchemasRejectRowWithItsReason() {
    byte[] value = TestUsers.bad(RejectReason.INVALID_EMAIL);
    KafkaRecordBinder.BoundRow row = BINDER.bind(value, "users_created", 1, 7L, T0, JUDGED);

    assertFalse(row.user());
    assertEquals(RejectReason.INVALID_EMAIL, row.reason());
    Rejection rejection = (Rejection) UserTransform.withDefaults().apply(value, T0);
    assertArrayEquals(
        SCHEMA.rejectBindValues(
            rejection,
            RejectedPayload.of(value),
            new Lineage("users_created", 1, 7L, T0),
            "test-engine",
            JUDGED),
        row.values());
    assertEquals(
        new KafkaRecordBinder.BoundRow(RejectReason.INVALID_EMAIL, row.values().clone()), row);
  }

  @Test
  void aTombstoneIsAnEmptyValueRejectionAndAMissingTimestampTheEpoch() {
    KafkaRecordBinder.BoundRow row = BINDER.bind(null, "t", 0, 9L, null, JUDGED);
    List<String> columns = SCHEMA.rejectColumns();

    assertEquals(RejectReason.EMPTY_VALUE, row.reason());
    assertEquals("EMPTY_VALUE", column(row, columns, "reason_code"));
    assertNull(column(row, columns, "raw"));
    assertNull(column(row, columns, "raw_bytes"));
    assertEquals(0, column(row, columns, "raw_size"));
    assertEquals(Instant.EPOCH, column(row, columns, "event_time"));
    assertEquals(JUDGED, column(row, columns, "rejected_at"));
    assertEquals("test-engine", column(row, columns, "engine"));
  }

  @Test
  void theTransformsLimitsApply() {
    KafkaRecordBinder small =
        new KafkaRecordBinder(new UserTransform(Limits.ofRecordBytes(100)), SCHEMA, "e");
    KafkaRecordBinder.BoundRow row = small.bind(TestUsers.raw().bytes(), "t", 0, 1L, T0, JUDGED);
    assertEquals(RejectReason.TOO_LARGE, row.reason());
  }

  @Test
  void invalidUtf8IsKeptAsBytes() {
    byte[] value = TestUsers.bad(RejectReason.INVALID_UTF8);
    KafkaRecordBinder.BoundRow row = BINDER.bind(value, "t", 0, 1L, T0, JUDGED);
    assertEquals(ByteBuffer.wrap(value), column(row, SCHEMA.rejectColumns(), "raw_bytes"));
  }

  private static Object column(KafkaRecordBinder.BoundRow row, List<String> columns, String name) {
    int i = columns.indexOf(name);
    assertTrue(i >= 0, "no column " + name);
    return row.values()[i];
  }
}
