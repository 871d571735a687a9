package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.userstream.model.TestUsers;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The record that crosses the network in the job goes through Flink's POJO serializer, not Kryo.
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
}
