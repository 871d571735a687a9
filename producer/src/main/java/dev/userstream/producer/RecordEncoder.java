package dev.userstream.producer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Turns the source's record number {@code i} into the Kafka key and value: format conversion, then,
 * for the indexes the mixer picks, the malformed value instead of the good one.
 */
final class RecordEncoder {
  private final RecordFormat format;
  private final BadRecordMixer mixer;

  RecordEncoder(RecordFormat format, BadRecordMixer mixer) {
    this.format = format;
    this.mixer = mixer;
  }

  /**
   * One Kafka record: key and value bytes, and the kind of damage done to it (null when good).
   * Equality is by identity: the arrays are not compared.
   */
  record Encoded(byte[] key, byte[] value, BadKind bad) {}

  Encoded encode(long index, ObjectNode record) {
    ObjectNode formatted = format == RecordFormat.FLAT ? FlatFormatter.toFlat(record) : record;
    // The key is taken before any damage: a bad record still carries its user's id.
    byte[] key = keyOf(formatted, index).getBytes(StandardCharsets.UTF_8);
    BadKind bad = mixer.pick(index);
    byte[] value = bad == null ? Json.bytes(formatted) : BadRecordMixer.spoil(bad, formatted);
    return new Encoded(key, value, bad);
  }

  /**
   * The user id: {@code login.uuid} of a raw record, {@code id} of a flat one. A record without
   * either (only a replayed file can hold one) gets a stand-in, so no record has a null key.
   */
  static String keyOf(ObjectNode record, long index) {
    String uuid = Json.text(record, "login.uuid");
    if (uuid != null && !uuid.isBlank()) {
      return uuid;
    }
    String id = record.path("id").isTextual() ? record.path("id").textValue() : null;
    return id != null && !id.isBlank() ? id : "no-id-" + index;
  }
}
