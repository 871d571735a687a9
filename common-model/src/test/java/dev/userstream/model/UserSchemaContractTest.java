package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schemas agree with {@link UserTransform}: every accepted record validates
 * against the schema of its shape, every shape error fails both, and docs/schemas is a byte copy of
 * the resources.
 */
class UserSchemaContractTest {
  /** The rejections that concern a JSON document's shape; the others are not JSON documents. */
  static final Set<RejectReason> SHAPE_ERRORS =
      EnumSet.of(
          RejectReason.NOT_AN_OBJECT,
          RejectReason.UNKNOWN_SHAPE,
          RejectReason.WRONG_TYPE,
          RejectReason.MISSING_FIELD,
          RejectReason.INVALID_ID,
          RejectReason.INVALID_EMAIL,
          RejectReason.INVALID_DATE,
          RejectReason.FIELD_TOO_LONG);

  private final UserTransform transform = UserTransform.withDefaults();

  @Test
  void docsCopiesAreByteIdenticalToTheResources() throws IOException {
    Path docs = repoRoot().resolve("docs/schemas");
    for (String file : List.of(UserSchemas.RAW_FILE, UserSchemas.FLAT_FILE)) {
      assertArrayEquals(
          UserSchemas.resource(file),
          Files.readAllBytes(docs.resolve(file)),
          () ->
              "docs/schemas/"
                  + file
                  + " differs from common-model/src/main/resources"
                  + UserSchemas.RESOURCE_DIR
                  + file
                  + ": copy the resource over it");
    }
  }

  @Test
  void everyRecordOfTheTestCorpusValidatesAgainstTheSchemaOfItsShape() {
    List<TestUsers.UserJson> raw =
        new ArrayList<>(
            List.of(
                TestUsers.raw(),
                TestUsers.sample("raw-norway"),
                TestUsers.sample("raw-iran"),
                TestUsers.sample("raw-us"),
                TestUsers.norwayPostcode(),
                TestUsers.numericPostcode(),
                TestUsers.iranPersian(),
                TestUsers.apostrophes(),
                TestUsers.minimalRaw()));
    List<TestUsers.UserJson> flat =
        new ArrayList<>(
            List.of(
                TestUsers.flat(),
                TestUsers.flatDashedId(),
                TestUsers.flatHexId(),
                TestUsers.flatNumericPostCode(),
                TestUsers.flatStringPostCode(),
                TestUsers.flatWithProcessedAt()));
    for (int n = 0; n < 200; n++) {
      raw.add(TestUsers.raw(n));
      flat.add(TestUsers.flat(n));
    }
    for (TestUsers.UserJson user : raw) {
      assertInstanceOf(CreatedUser.class, transform.apply(user.bytes(), TestUsers.EVENT_TIME));
      assertEquals(List.of(), UserSchemas.rawErrors(user.bytes()), user::json);
      assertFalse(UserSchemas.flatErrors(user.bytes()).isEmpty(), () -> "flat too: " + user);
    }
    for (TestUsers.UserJson user : flat) {
      assertInstanceOf(CreatedUser.class, transform.apply(user.bytes(), TestUsers.EVENT_TIME));
      assertEquals(List.of(), UserSchemas.flatErrors(user.bytes()), user::json);
      assertFalse(UserSchemas.rawErrors(user.bytes()).isEmpty(), () -> "raw too: " + user);
    }
  }

  @Test
  void everyShapeErrorOfTheRejectCorpusFailsValidation() {
    Set<RejectReason> checked = EnumSet.noneOf(RejectReason.class);
    for (Map.Entry<RejectReason, byte[]> sample : TestUsers.badSamples().entrySet()) {
      if (!SHAPE_ERRORS.contains(sample.getKey())) {
        continue;
      }
      byte[] bytes = sample.getValue();
      Rejection rejection =
          assertInstanceOf(Rejection.class, transform.apply(bytes, TestUsers.EVENT_TIME));
      assertEquals(sample.getKey(), rejection.code());
      assertFalse(UserSchemas.rawErrors(bytes).isEmpty(), () -> sample.getKey() + " is raw-valid");
      assertFalse(
          UserSchemas.flatErrors(bytes).isEmpty(), () -> sample.getKey() + " is flat-valid");
      checked.add(sample.getKey());
    }
    assertEquals(SHAPE_ERRORS, checked, "a shape error without a sample in TestUsers.badSamples()");
  }

  /**
   * Where the schemas and the transformation knowingly disagree, because JSON Schema cannot say it
   * (or says it another way). Listed in docs/schemas/README.md; if one stops differing, this test
   * fails so the list is shortened rather than left stale.
   */
  @Test
  void theDocumentedDifferencesStillDiffer() {
    String longDecimal = "1e5000";
    List<String> schemaAcceptsTransformRejects =
        List.of(
            // Day against month: no pattern checks month lengths or leap years.
            raw("dob.date", "1990-02-30"),
            raw("registered.date", "2023-02-29T10:00:00Z"),
            flat("dob", "2021-04-31T00:00:00+02:00"),
            // maxLength counts code points; the field limit counts UTF-16 chars.
            raw("name.last", "\uD83D\uDE00".repeat(3000)),
            // A number's plain rendering is length-checked; maxLength applies to strings only.
            rawNumber("phone", longDecimal));
    List<String> transformAcceptsSchemaRejects =
        List.of(
            // ISO-8601 expanded years and bracketed zone ids: valid dates no producer writes, left
            // out of the pattern (a zone id cannot be checked by one).
            raw("dob.date", "+10000-01-01"),
            flat("registered_date", "-0001-06-15"),
            flat("dob", "1990-06-15T08:31:12+02:00[Europe/Oslo]"));
    for (String json : transformAcceptsSchemaRejects) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertInstanceOf(CreatedUser.class, transform.apply(bytes, TestUsers.EVENT_TIME), json);
      assertFalse(UserSchemas.validUser(bytes), () -> "no longer differs: " + abbreviate(json));
    }
    for (String json : schemaAcceptsTransformRejects) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertInstanceOf(Rejection.class, transform.apply(bytes, TestUsers.EVENT_TIME), json);
      assertTrue(UserSchemas.validUser(bytes), () -> "no longer differs: " + abbreviate(json));
    }
  }

  private static String raw(String path, String value) {
    return TestUsers.raw().set(path, value).json();
  }

  private static String flat(String path, String value) {
    return TestUsers.flat().set(path, value).json();
  }

  private static String rawNumber(String field, String number) {
    return TestUsers.raw()
        .remove(field)
        .json()
        .replaceFirst("^\\{", "{\"" + field + "\":" + number + ",");
  }

  static String abbreviate(String json) {
    return json.length() <= 300 ? json : json.substring(0, 300) + "...";
  }

  /** The repository root: the nearest parent holding mvnw. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
