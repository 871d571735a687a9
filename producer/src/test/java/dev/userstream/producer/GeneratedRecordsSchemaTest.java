package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Rejection;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserSchemas;
import dev.userstream.model.UserTransform;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the producer writes honours the published contract: every generated record, raw and flat,
 * validates against the JSON Schema of its shape and becomes a user; every malformed JSON record it
 * mixes in fails both schemas.
 */
class GeneratedRecordsSchemaTest {
  private static final int RECORDS = 3000;

  private final UserTransform transform = UserTransform.withDefaults();

  @Test
  void everyGeneratedRecordValidatesAndIsAccepted() {
    GeneratorSource source = new GeneratorSource(7);
    for (int i = 0; i < RECORDS; i++) {
      ObjectNode raw = source.next();
      byte[] rawBytes = Json.bytes(raw);
      byte[] flatBytes = Json.bytes(FlatFormatter.toFlat(raw));
      int index = i;
      assertEquals(List.of(), UserSchemas.rawErrors(rawBytes), () -> "raw record " + index);
      assertEquals(List.of(), UserSchemas.flatErrors(flatBytes), () -> "flat record " + index);
      assertInstanceOf(CreatedUser.class, transform.apply(rawBytes, TestUsers.EVENT_TIME));
      assertInstanceOf(CreatedUser.class, transform.apply(flatBytes, TestUsers.EVENT_TIME));
    }
  }

  @Test
  void everyMalformedJsonRecordFailsBothSchemas() {
    GeneratorSource source = new GeneratorSource(11);
    for (BadKind kind : List.of(BadKind.WRONG_TYPE, BadKind.MISSING_ID, BadKind.BAD_EMAIL)) {
      for (int i = 0; i < 50; i++) {
        ObjectNode raw = source.next();
        for (ObjectNode record : List.of(raw, FlatFormatter.toFlat(raw))) {
          byte[] bad = BadRecordMixer.spoil(kind, record);
          assertInstanceOf(Rejection.class, transform.apply(bad, TestUsers.EVENT_TIME));
          assertFalse(UserSchemas.validUser(bad), () -> kind + ": " + new String(bad));
        }
      }
    }
  }
}
