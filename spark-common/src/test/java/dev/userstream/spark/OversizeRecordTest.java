package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.Limits;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** A record over the size limit becomes a reject row that keeps a bounded prefix, not the value. */
class OversizeRecordTest {
  private static final CassandraSchema SCHEMA = CassandraSchema.defaults();

  @Test
  void anOversizeRecordIsRejectedWithATruncatedPayload() {
    byte[] value = TestUsers.oversize(Limits.DEFAULT.maxRecordBytes());
    KafkaRecordBinder binder = new KafkaRecordBinder(UserTransform.withDefaults(), SCHEMA, "spark");
    KafkaRecordBinder.BoundRow out =
        UserStreamJob.bind(
            binder,
            RowFactory.create(value, "users_created", 1, 7L, Timestamp.from(TestUsers.EVENT_TIME)),
            Instant.now());

    assertFalse(out.user());
    Object[] reject = out.values();
    List<String> columns = SCHEMA.rejectColumns();
    assertEquals("TOO_LARGE", reject[columns.indexOf("reason_code")]);
    String raw = (String) reject[columns.indexOf("raw")];
    assertEquals(RejectedPayload.DEFAULT_MAX_STORED_BYTES, raw.length());
    assertTrue(value.length > 16 * raw.length(), "a sixteenth of the value at most");
    assertNull(reject[columns.indexOf("raw_bytes")]);
    assertEquals(value.length, reject[columns.indexOf("raw_size")]);
    assertEquals(true, reject[columns.indexOf("raw_truncated")]);
  }
}
