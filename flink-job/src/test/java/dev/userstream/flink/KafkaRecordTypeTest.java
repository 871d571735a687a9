package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.userstream.io.KafkaRecord;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The record the source emits goes through Flink's POJO serializer, not Kryo. The rows the
 * transform emits (pipeline-io's BoundRow) are handed on by reference while the graph is chained;
 * should they ever cross a network buffer, their values go through Kryo, and must survive it.
 */
class KafkaRecordTypeTest {
  private final TypeInformation<KafkaRecord> type = new KafkaRecordSchema().getProducedType();

  @Test
  void isAPojoForFlink() {
    assertInstanceOf(PojoTypeInfo.class, type);
  }

  @Test
  void roundTripsValuesAndTombstones() throws IOException {
    TypeSerializer<KafkaRecord> serializer = type.createSerializer(new SerializerConfigImpl());
    KafkaRecord value = new KafkaRecord("t", 1, 42, 1_700_000_000_000L, TestUsers.raw().bytes());
    KafkaRecord tombstone = new KafkaRecord("t", 0, 7, 1L, null);
    for (KafkaRecord record : new KafkaRecord[] {value, tombstone}) {
      DataOutputSerializer out = new DataOutputSerializer(256);
      serializer.serialize(record, out);
      assertEquals(
          record, serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())));
    }
  }

  @Test
  void boundRowsArePojosWithKryoValuesThatRoundTrip() throws IOException {
    TypeInformation<BoundRow> rows = TypeInformation.of(BoundRow.class);
    assertInstanceOf(PojoTypeInfo.class, rows);
    TypeSerializer<BoundRow> serializer = rows.createSerializer(new SerializerConfigImpl());
    KafkaRecordBinder binder =
        new KafkaRecordBinder(
            UserTransform.withDefaults(), CassandraSchema.defaults(), UserStreamJob.ENGINE);
    // A user (UUID, Instant, Integer...), a reject with a blob (ByteBuffer), a tombstone (nulls).
    for (byte[] value : new byte[][] {TestUsers.raw().bytes(), {(byte) 0xff}, null}) {
      BoundRow row = binder.bind(value, "t", 1, 2, TestUsers.EVENT_TIME, TestUsers.EVENT_TIME);
      DataOutputSerializer out = new DataOutputSerializer(256);
      serializer.serialize(row, out);
      assertEquals(row, serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())));
    }
  }
}
