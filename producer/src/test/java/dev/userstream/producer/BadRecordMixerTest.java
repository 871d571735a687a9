package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.model.RejectReason;
import dev.userstream.model.Rejection;
import dev.userstream.model.TestUsers;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad records: deterministic for a seed, every kind present, every one rejected. */
class BadRecordMixerTest {
  private static final UserTransform TRANSFORM = UserTransform.withDefaults();
  private static final Map<BadKind, RejectReason> EXPECTED =
      Map.of(
          BadKind.TRUNCATED_JSON, RejectReason.NOT_JSON,
          BadKind.NOT_JSON, RejectReason.NOT_JSON,
          BadKind.WRONG_TYPE, RejectReason.WRONG_TYPE,
          BadKind.MISSING_ID, RejectReason.MISSING_FIELD,
          BadKind.BAD_EMAIL, RejectReason.INVALID_EMAIL);

  @Test
  void sameSeedSpoilsTheSameIndexesTheSameWay() {
    BadRecordMixer a = new BadRecordMixer(5, 0.1);
    BadRecordMixer b = new BadRecordMixer(5, 0.1);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(a.pick(i), b.pick(i));
    }
  }

  @Test
  void ratioIsRoughlyKeptAndEveryKindAppears() {
    BadRecordMixer mixer = new BadRecordMixer(11, 0.05);
    Map<BadKind, Integer> counts = new EnumMap<>(BadKind.class);
    for (int i = 0; i < 20_000; i++) {
      BadKind kind = mixer.pick(i);
      if (kind != null) {
        counts.merge(kind, 1, Integer::sum);
      }
    }
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(total > 850 && total < 1150, "bad records: " + total);
    assertEquals(BadKind.values().length, counts.size(), counts.toString());
  }

  @Test
  void zeroRatioSpoilsNothingAndOneSpoilsAll() {
    BadRecordMixer none = new BadRecordMixer(1, 0);
    BadRecordMixer all = new BadRecordMixer(1, 1);
    for (int i = 0; i < 1000; i++) {
      assertNull(none.pick(i));
      assertTrue(all.pick(i) != null);
    }
  }

  @Test
  void ratioOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new BadRecordMixer(1, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new BadRecordMixer(1, Double.NaN));
  }

  @ParameterizedTest
  @EnumSource(BadKind.class)
  void everyKindIsRejectedInBothFormats(BadKind kind) {
    GeneratorSource source = new GeneratorSource(3);
    for (int i = 0; i < 500; i++) {
      ObjectNode user = source.next();
      for (ObjectNode record : new ObjectNode[] {FlatFormatter.toFlat(user.deepCopy()), user}) {
        byte[] bad = BadRecordMixer.spoil(kind, record);
        TransformResult result = TRANSFORM.apply(bad, TestUsers.EVENT_TIME);
        Rejection rejection =
            assertInstanceOf(Rejection.class, result, new String(bad, StandardCharsets.UTF_8));
        assertEquals(EXPECTED.get(kind), rejection.code(), rejection.reason());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RecordFormat.class)
  void exactlyTheMixedInRecordsAreRejected(RecordFormat format) {
    GeneratorSource source = new GeneratorSource(21);
    RecordEncoder encoder = new RecordEncoder(format, new BadRecordMixer(21, 0.1));
    int bad = 0;
    for (int i = 0; i < 5000; i++) {
      RecordEncoder.Encoded encoded = encoder.encode(i, source.next());
      TransformResult result = TRANSFORM.apply(encoded.value(), TestUsers.EVENT_TIME);
      assertEquals(encoded.bad() != null, result instanceof Rejection, "record " + i);
      bad += encoded.bad() != null ? 1 : 0;
    }
    assertTrue(bad > 400 && bad < 600, "bad: " + bad);
  }

  @Test
  void encoderKeysBadRecordsWithTheUserId() {
    GeneratorSource source = new GeneratorSource(9);
    RecordEncoder encoder = new RecordEncoder(RecordFormat.RAW, new BadRecordMixer(9, 1));
    for (int i = 0; i < 100; i++) {
      ObjectNode user = source.next();
      String id = user.path("login").path("uuid").asText();
      RecordEncoder.Encoded encoded = encoder.encode(i, user);
      assertEquals(id, new String(encoded.key(), StandardCharsets.UTF_8));
      assertTrue(encoded.bad() != null);
    }
  }

  @Test
  void aRecordWithoutAnyIdGetsAStandInKey() throws Exception {
    ObjectNode noId = (ObjectNode) Json.MAPPER.readTree("{\"name\": \"x\"}");
    assertEquals("no-id-17", RecordEncoder.keyOf(noId, 17));
    ObjectNode flat = (ObjectNode) Json.MAPPER.readTree(TestUsers.flat().json());
    assertEquals(TestUsers.FLAT_ID, RecordEncoder.keyOf(flat, 0));
  }
}
