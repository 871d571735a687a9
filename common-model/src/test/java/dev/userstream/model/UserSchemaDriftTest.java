package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property check that the published JSON Schemas cannot drift from {@link UserTransform}: valid
 * records are mutated at random (a field dropped, nulled, given another type, made too long, given
 * a bad id, email or date) and the two verdicts must agree. The transformation accepts a record
 * exactly when it validates against one of the schemas, and that schema is the one of the shape the
 * transformation detected. The known, listed differences are kept out of the value pool and checked
 * in {@link UserSchemaContractTest#theDocumentedDifferencesStillDiffer()}.
 */
class UserSchemaDriftTest {
  private static final int CASES = 4000;

  /**
   * Where mutations land: every property the schema names (so the fields the transformation reads)
   * and fields it never reads, which must stay free.
   */
  private static final List<String> RAW_PATHS =
      paths(
          UserSchemas.RAW_FILE,
          "name.title location.coordinates dob.age cell id id.value picture.large first_name x");

  private static final List<String> FLAT_PATHS =
      paths(UserSchemas.FLAT_FILE, "processed_at name.first x");

  private static final String UUID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  /** Values that, put anywhere, probe one rule; none is a listed difference. */
  private static final List<Object> VALUES =
      List.of(
          // text and blanks ("\u2007" and "\u00a0" are not white space to String.strip)
          "x",
          "",
          "   ",
          "\t\n",
          "\u2007",
          "\u00a0",
          "\u3000",
          " Ann ",
          "Ørjan",
          "O'Brien",
          // emails
          "a@b",
          "@b",
          "a@",
          "a@@b",
          "a@b@c",
          " a@b ",
          "a @ b",
          "\u3000a@b\u3000",
          "a@\u00a0",
          // ids
          UUID,
          UUID.toUpperCase(),
          " " + UUID + "\n",
          UUID.replace("-", ""),
          UUID.replace("-", "").substring(1),
          "not-a-uuid",
          UUID.replace('c', 'g'),
          "1-2-3-4-5",
          UUID + "0",
          "{" + UUID + "}",
          // dates: accepted forms
          "1990-06-15",
          "1990-06-15T08:31:12Z",
          "1990-06-15T08:31:12.402Z",
          "1990-06-15T08:31Z",
          "1990-06-15T08:31",
          "1990-06-15t08:31:12Z",
          "1990-06-15T08:31:12.123456789+05:30",
          "2000-02-29T00:00:00-18:00",
          "1990-06-15T08:31:12+18:00",
          " 1990-06-15 ",
          // dates: rejected forms
          "1990-06-15T08:31:12.1234567891Z",
          "1990-06-15T08:31:12+18:01",
          "1990-13-01",
          "1990-00-10",
          "1990-06-00",
          "1990-06-32",
          "1990-06-15T24:00:00Z",
          "1990-06-15T08:60:00Z",
          "1990-06-15T08:31:60Z",
          "15/06/1990",
          "1990-6-15",
          "1990-06-15 08:31:12",
          "19900615",
          "1990-06-15T",
          "1990-06-15T08:31:12+0530",
          "1990-06-15T08:31:12z",
          "1990-06-15T08:31:12.Z",
          "1990-06-15T08:31:12+05:30:00",
          "1990-06-15T08:31:12+18:00:01",
          "1990-06-15T08:31:12-18:00:00",
          "1990-06-15T08:31:12+05",
          UUID + "\u0085",
          "1990-06-15\u0085",
          "90-06-15",
          // lengths (the limit is 4096 UTF-16 chars, before white space is stripped)
          "x".repeat(4096),
          "x".repeat(4097),
          " ".repeat(4097),
          "é".repeat(4097),
          // numbers
          0,
          42,
          -7,
          new BigDecimal("1.5"),
          new BigDecimal("12345.0"),
          new BigDecimal("1e3"),
          new BigInteger("12345678901234567890123456789012"),
          new BigInteger("1234567890123456789012345678901"),
          new BigInteger("123456789012345678901234567890123"),
          new BigDecimal("1e31"),
          new BigDecimal("1.5e31"),
          new BigDecimal("-1.5e31"),
          // other types
          true,
          false,
          List.of(),
          List.of("x"),
          Map.of(),
          Map.of("date", "1990-06-15"),
          Map.of("medium", "https://example.com/p.jpg"),
          Map.of("number", 7, "name", "High St"),
          Map.of("first", "A", "last", "B"),
          Map.of("uuid", UUID));

  private final UserTransform transform = UserTransform.withDefaults();

  @Test
  void theTransformationAndTheSchemasAgreeOnMutatedRecords() {
    Random random = new Random(20261202L);
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      boolean raw = random.nextBoolean();
      TestUsers.UserJson user = raw ? TestUsers.raw(i) : TestUsers.flat(i);
      List<String> paths = raw ? RAW_PATHS : FLAT_PATHS;
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        String path = paths.get(random.nextInt(paths.size()));
        int pick = random.nextInt(VALUES.size() + 2);
        if (pick == VALUES.size()) {
          user.remove(path);
        } else if (pick == VALUES.size() + 1) {
          user.set(path, null);
        } else {
          user.set(path, VALUES.get(pick));
        }
      }
      String problem = disagreement(user.bytes());
      if (problem == null) {
        accepted +=
            transform.apply(user.bytes(), TestUsers.EVENT_TIME) instanceof CreatedUser ? 1 : 0;
      } else if (disagreements.size() < 15) {
        disagreements.add(problem + ": " + UserSchemaContractTest.abbreviate(user.json()));
      } else {
        break;
      }
    }
    if (!disagreements.isEmpty()) {
      fail("schema and transformation disagree:\n" + String.join("\n", disagreements));
    }
    // Both verdicts must be well represented, or the loop proves little.
    assertTrue(accepted > CASES / 5 && accepted < CASES * 4 / 5, "accepted " + accepted);
  }

  @Test
  void everyProbeValueIsJudgedAlikeInEveryField() {
    List<String> disagreements = new ArrayList<>();
    for (String path : RAW_PATHS) {
      for (Object value : VALUES) {
        check(TestUsers.raw().set(path, value), disagreements);
      }
      check(TestUsers.raw().remove(path), disagreements);
    }
    for (String path : FLAT_PATHS) {
      for (Object value : VALUES) {
        check(TestUsers.flat().set(path, value), disagreements);
      }
      check(TestUsers.flat().remove(path), disagreements);
    }
    assertEquals(List.of(), disagreements);
  }

  private void check(TestUsers.UserJson user, List<String> disagreements) {
    String problem = disagreement(user.bytes());
    if (problem != null && disagreements.size() < 20) {
      disagreements.add(problem + ": " + UserSchemaContractTest.abbreviate(user.json()));
    }
  }

  /** Null when the two verdicts agree, else what differs. */
  private String disagreement(byte[] bytes) {
    TransformResult result = transform.apply(bytes, TestUsers.EVENT_TIME);
    boolean rawValid = UserSchemas.rawErrors(bytes).isEmpty();
    boolean flatValid = UserSchemas.flatErrors(bytes).isEmpty();
    if (rawValid && flatValid) {
      return "valid against both schemas";
    }
    if (result instanceof Rejection rejection) {
      if (!UserSchemaContractTest.SHAPE_ERRORS.contains(rejection.code())) {
        return "not a shape error: " + rejection.reason();
      }
      if (rawValid || flatValid) {
        return "transform rejects ("
            + rejection.reason()
            + "), "
            + (rawValid ? "raw" : "flat")
            + " schema accepts";
      }
      return null;
    }
    UserShape shape = UserShape.detect(JsonInput.readObject(bytes));
    if (shape == UserShape.RAW && !rawValid) {
      return "transform accepts a raw record, raw schema rejects: "
          + brief(UserSchemas.rawErrors(bytes));
    }
    if (shape == UserShape.FLAT && !flatValid) {
      return "transform accepts a flat record, flat schema rejects: "
          + brief(UserSchemas.flatErrors(bytes));
    }
    return null;
  }

  /** Where and what failed, without the (long) patterns. */
  private static String brief(List<Error> errors) {
    return errors.stream()
        .map(
            e ->
                e.getInstanceLocation()
                    + " "
                    + e.getKeyword()
                    + " "
                    + abbreviate(e.getInstanceNode()))
        .toList()
        .toString();
  }

  private static String abbreviate(Object value) {
    return UserSchemaContractTest.abbreviate(String.valueOf(value));
  }

  /** The dotted paths of every property of a schema (nested ones too), and {@code unread}. */
  private static List<String> paths(String schemaFile, String unread) {
    List<String> paths = new ArrayList<>(List.of(unread.split(" ")));
    addPaths(UserSchemas.tree(UserSchemas.resource(schemaFile)), "", paths);
    return paths;
  }

  private static void addPaths(JsonNode schema, String prefix, List<String> paths) {
    schema
        .path("properties")
        .properties()
        .forEach(
            property -> {
              String path = prefix + property.getKey();
              paths.add(path);
              addPaths(property.getValue(), path + ".", paths);
            });
  }
}
