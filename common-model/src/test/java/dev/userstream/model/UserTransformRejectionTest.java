package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every way a record is rejected: the exact reason code, and a reason text naming the field. */
class UserTransformRejectionTest {
  private final UserTransform transform = UserTransform.withDefaults();

  private Rejection reject(byte[] value) {
    TransformResult result = transform.apply(value, TestUsers.EVENT_TIME);
    return assertInstanceOf(Rejection.class, result, () -> "accepted: " + result);
  }

  private Rejection reject(TestUsers.UserJson json) {
    return reject(json.bytes());
  }

  private Rejection reject(String text) {
    return reject(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The exact code, and a reason that names what is wrong. */
  private static void assertRejected(RejectReason code, String mentioned, Rejection rejection) {
    assertEquals(code, rejection.code(), rejection::reason);
    assertTrue(rejection.reason().startsWith(code.name() + ": "), rejection::reason);
    assertTrue(
        rejection.reason().contains(mentioned),
        () -> "'" + rejection.reason() + "' should mention '" + mentioned + "'");
    assertFalse(rejection.reason().contains("\n"), "reason must be one line");
  }

  @Test
  void nullValueIsATombstone() {
    assertRejected(RejectReason.EMPTY_VALUE, "tombstone", reject((byte[]) null));
  }

  @Test
  void zeroLengthValueIsEmpty() {
    assertRejected(RejectReason.EMPTY_VALUE, "0 bytes", reject(new byte[0]));
  }

  @Test
  void oversizeRecordIsRejectedBeforeParsing() {
    UserTransform small = new UserTransform(new Limits(1000, 100));
    byte[] notJsonButLarge = "x".repeat(1001).getBytes(StandardCharsets.UTF_8);
    Rejection r = (Rejection) small.apply(notJsonButLarge, TestUsers.EVENT_TIME);
    assertRejected(RejectReason.TOO_LARGE, "1001 bytes, limit 1000", r);
    assertRejected(
        RejectReason.TOO_LARGE,
        "limit 1048576",
        reject(TestUsers.oversize(Limits.DEFAULT.maxRecordBytes())));
  }

  @Test
  void invalidUtf8NamesTheOffset() {
    byte[] value = TestUsers.bad(RejectReason.INVALID_UTF8);
    int offset = new String(value, StandardCharsets.ISO_8859_1).indexOf("B\u00C3");
    assertRejected(RejectReason.INVALID_UTF8, "offset " + (offset + 1), reject(value));
  }

  @Test
  void plainTextIsNotJson() {
    assertRejected(RejectReason.NOT_JSON, "line 1, column", reject("user Brandon Hayes"));
  }

  @Test
  void truncatedJsonIsNotJson() {
    Rejection r = reject(TestUsers.truncated());
    assertRejected(RejectReason.NOT_JSON, "end-of-input", r);
    assertFalse(r.reason().contains("Source"), r.reason()); // no source dump
  }

  @Test
  void trailingContentIsNotJson() {
    assertRejected(RejectReason.NOT_JSON, "line 1", reject(TestUsers.raw().json() + " {}"));
  }

  @Test
  void whitespaceOnlyIsNotJson() {
    assertRejected(RejectReason.NOT_JSON, "whitespace", reject("  \n "));
  }

  @Test
  void duplicateKeysAreNotJson() {
    assertRejected(RejectReason.NOT_JSON, "email", reject("{\"email\":\"a@b\",\"email\":\"c@d\"}"));
  }

  @Test
  void jsonNullIsNotAnObject() {
    assertRejected(RejectReason.NOT_AN_OBJECT, "JSON null", reject("null"));
  }

  @Test
  void arrayIsNotAnObject() {
    assertRejected(
        RejectReason.NOT_AN_OBJECT,
        "JSON array",
        reject(TestUsers.bad(RejectReason.NOT_AN_OBJECT)));
  }

  @Test
  void scalarIsNotAnObject() {
    assertRejected(RejectReason.NOT_AN_OBJECT, "JSON number", reject("42"));
    assertRejected(RejectReason.NOT_AN_OBJECT, "JSON string", reject("\"hello\""));
  }

  @Test
  void objectOfNeitherShapeIsUnknown() {
    assertRejected(RejectReason.UNKNOWN_SHAPE, "login", reject("{\"user\":\"x\",\"score\":1}"));
    assertRejected(RejectReason.UNKNOWN_SHAPE, "first_name", reject("{}"));
  }

  @Test
  void nameAsStringInRawShapeIsWrongType() {
    assertRejected(
        RejectReason.WRONG_TYPE,
        "name must be an object, got string",
        reject(TestUsers.raw().set("name", "Brandon Hayes")));
  }

  @Test
  void loneStringNameIsWrongTypeRatherThanUnknownShape() {
    assertRejected(
        RejectReason.WRONG_TYPE,
        "name must be an object",
        reject("{\"name\": \"Brandon Hayes\", \"email\": \"b@example.com\"}"));
  }

  @Test
  void flatRecordWithAStringNameStaysFlat() {
    TransformResult result =
        transform.apply(
            TestUsers.flat().set("name", "Amelia Clarke").bytes(), TestUsers.EVENT_TIME);
    assertEquals("Amelia", assertInstanceOf(CreatedUser.class, result).firstName());
  }

  @Test
  void objectWhereTextBelongsIsWrongType() {
    assertRejected(
        RejectReason.WRONG_TYPE,
        "email must be a string, got object",
        reject(TestUsers.raw().set("email", Map.of("a", 1))));
    assertRejected(
        RejectReason.WRONG_TYPE,
        "first_name must be a string, got boolean",
        reject(TestUsers.flat().set("first_name", true)));
  }

  @Test
  void missingRawIdIsMissingField() {
    assertRejected(
        RejectReason.MISSING_FIELD,
        "login.uuid is missing or blank",
        reject(TestUsers.raw().remove("login.uuid")));
  }

  @Test
  void blankFlatIdIsMissingField() {
    assertRejected(
        RejectReason.MISSING_FIELD,
        "id is missing or blank",
        reject(TestUsers.flat().set("id", " ")));
  }

  @Test
  void idThatIsNotAUuidIsInvalid() {
    assertRejected(
        RejectReason.INVALID_ID, "login.uuid", reject(TestUsers.raw().set("login.uuid", "abc")));
    // UUID.fromString would accept this; the pipeline must not.
    assertRejected(
        RejectReason.INVALID_ID, "'1-2-3-4-5'", reject(TestUsers.flat().set("id", "1-2-3-4-5")));
  }

  @Test
  void missingFirstNameIsMissingField() {
    assertRejected(
        RejectReason.MISSING_FIELD,
        "name.first is missing or blank",
        reject(TestUsers.bad(RejectReason.MISSING_FIELD)));
  }

  @Test
  void blankLastNameIsMissingField() {
    assertRejected(
        RejectReason.MISSING_FIELD,
        "name.last is missing or blank",
        reject(TestUsers.raw().set("name.last", "   ")));
    assertRejected(
        RejectReason.MISSING_FIELD,
        "last_name is missing or blank",
        reject(TestUsers.flat().set("last_name", null)));
  }

  @Test
  void missingEmailIsMissingField() {
    assertRejected(
        RejectReason.MISSING_FIELD, "email is missing", reject(TestUsers.raw().remove("email")));
  }

  @Test
  void emailWithoutAtIsInvalid() {
    assertRejected(
        RejectReason.INVALID_EMAIL,
        "email has no '@'",
        reject(TestUsers.bad(RejectReason.INVALID_EMAIL)));
  }

  @Test
  void emailWithTwoAtsIsInvalid() {
    assertRejected(
        RejectReason.INVALID_EMAIL,
        "email has more than one '@'",
        reject(TestUsers.raw().set("email", "a@b@example.com")));
  }

  @Test
  void emailWithEmptyLocalPartOrDomainIsInvalid() {
    assertRejected(
        RejectReason.INVALID_EMAIL,
        "nothing before",
        reject(TestUsers.raw().set("email", "@x.com")));
    assertRejected(
        RejectReason.INVALID_EMAIL, "no domain", reject(TestUsers.flat().set("email", "amelia@")));
  }

  @Test
  void unparseableDobIsInvalidDate() {
    assertRejected(
        RejectReason.INVALID_DATE,
        "dob.date is not an ISO-8601 date",
        reject(TestUsers.bad(RejectReason.INVALID_DATE)));
  }

  @Test
  void unparseableRegisteredDateIsInvalidDate() {
    assertRejected(
        RejectReason.INVALID_DATE,
        "registered_date",
        reject(TestUsers.flat().set("registered_date", "2016-13-45T10:05:44Z")));
  }

  @Test
  void oversizeFieldIsFieldTooLong() {
    assertRejected(
        RejectReason.FIELD_TOO_LONG,
        "name.last is 5000 characters long, limit 4096",
        reject(TestUsers.bad(RejectReason.FIELD_TOO_LONG)));
  }

  @Test
  void hugeExponentNumberIsFieldTooLongNotAMillionDigits() {
    assertRejected(
        RejectReason.FIELD_TOO_LONG,
        "location.postcode",
        reject(TestUsers.raw().json().replace("80521", "1e999999")));
  }

  @Test
  void exponentBeyondBigDecimalIsFieldTooLongWhereReadAndIgnoredElsewhere() {
    assertRejected(
        RejectReason.FIELD_TOO_LONG,
        "location.postcode is a number with an exponent beyond",
        reject(TestUsers.raw().json().replace("80521", "1e9999999999")));
    TransformResult ignored =
        transform.apply(
            TestUsers.raw()
                .json()
                .replace("\"cell\"", "\"huge\": 1e9999999999, \"cell\"")
                .getBytes(StandardCharsets.UTF_8),
            TestUsers.EVENT_TIME);
    assertInstanceOf(CreatedUser.class, ignored, ignored::toString);
  }

  @Test
  void firstProblemWinsInAFixedOrder() {
    Rejection r = reject(TestUsers.raw().set("login.uuid", "bad").remove("email"));
    assertEquals(RejectReason.INVALID_ID, r.code());
  }

  @Test
  void everyBadSampleGivesItsOwnReason() {
    Map<RejectReason, byte[]> samples = TestUsers.badSamples();
    assertEquals(RejectReason.values().length - 1, samples.size()); // all but INTERNAL_ERROR
    samples.forEach((reason, value) -> assertEquals(reason, reject(value).code(), reason::name));
  }

  @Test
  void neverThrowsOnGarbage() {
    Random random = new Random(20240501L);
    byte[] base = TestUsers.raw().bytes();
    for (int i = 0; i < 2000; i++) {
      byte[] value;
      if (i % 2 == 0) {
        value = new byte[random.nextInt(300)];
        random.nextBytes(value);
      } else {
        value = base.clone(); // a valid record with a few bytes flipped: near-misses
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          value[random.nextInt(value.length)] = (byte) random.nextInt(256);
        }
      }
      TransformResult result = transform.apply(value, TestUsers.EVENT_TIME);
      assertNotNull(result);
      if (result instanceof Rejection r) {
        assertTrue(r.code() != RejectReason.INTERNAL_ERROR, r::reason);
      }
    }
  }

  @Test
  void deeplyNestedInputIsRejectedNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertRejected(RejectReason.NOT_JSON, "nesting", reject(deep));
  }
}
