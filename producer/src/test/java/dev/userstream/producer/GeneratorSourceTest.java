package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.TestUsers;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator: determinism, the API's shape and every quirk, and validity for the transform. */
class GeneratorSourceTest {
  private static final int SAMPLE = 5000;
  private static final Pattern ARABIC_SCRIPT = Pattern.compile(".*\\p{IsArabic}.*");
  private static final Set<String> NULL_ID_NATS = Set.of("IR", "NZ", "TR", "UA");
  private static final Set<String> STRING_POSTCODE_NATS = Set.of("CA", "GB", "NO");

  private static List<ObjectNode> sample;

  @BeforeAll
  static void generate() {
    GeneratorSource source = new GeneratorSource(42);
    sample = new ArrayList<>();
    for (int i = 0; i < SAMPLE; i++) {
      sample.add(source.next());
    }
  }

  @Test
  void sameSeedGivesSameBytes() {
    GeneratorSource a = new GeneratorSource(7);
    GeneratorSource b = new GeneratorSource(7);
    for (int i = 0; i < 1000; i++) {
      assertArrayEquals(Json.bytes(a.next()), Json.bytes(b.next()), "record " + i);
    }
  }

  @Test
  void otherSeedGivesOtherUsers() {
    Set<String> ids = new HashSet<>();
    for (long seed : new long[] {1, 2}) {
      GeneratorSource source = new GeneratorSource(seed);
      for (int i = 0; i < 100; i++) {
        ids.add(source.next().path("login").path("uuid").asText());
      }
    }
    assertEquals(200, ids.size());
  }

  @Test
  void recordAtIndexIsIndependentOfOrder() {
    GeneratorSource source = new GeneratorSource(42);
    assertArrayEquals(Json.bytes(sample.get(4321)), Json.bytes(source.record(4321)));
  }

  @Test
  void idsAreUniqueVersion4Uuids() {
    Set<String> ids = new HashSet<>();
    for (ObjectNode user : sample) {
      String uuid = user.path("login").path("uuid").asText();
      assertTrue(
          uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
      ids.add(uuid);
    }
    assertEquals(SAMPLE, ids.size());
  }

  @Test
  void hasTheApiShape() {
    ObjectNode generated = sample.get(0);
    JsonNode recorded = parse(TestUsers.sample("raw-us"));
    assertEquals(fieldPaths(recorded, ""), fieldPaths(generated, ""));
  }

  @Test
  void allTwentyOneNationalitiesAppear() {
    Set<String> nats = new TreeSet<>();
    sample.forEach(user -> nats.add(user.path("nat").asText()));
    assertEquals(
        new TreeSet<>(
            List.of(
                "AU", "BR", "CA", "CH", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IN", "IR", "MX",
                "NL", "NO", "NZ", "RS", "TR", "UA", "US")),
        nats);
    assertEquals(nats, new TreeSet<>(GeneratorSource.nationalities()));
  }

  @Test
  void postcodesAreStringsForCaGbNoAndNumbersElsewhere() {
    boolean norwayLeadingZero = false;
    for (ObjectNode user : sample) {
      JsonNode postcode = user.path("location").path("postcode");
      String nat = user.path("nat").asText();
      if (STRING_POSTCODE_NATS.contains(nat)) {
        assertTrue(postcode.isTextual(), nat + " postcode " + postcode);
      } else {
        assertTrue(postcode.isIntegralNumber(), nat + " postcode " + postcode);
      }
      if (nat.equals("NO")) {
        assertTrue(postcode.asText().matches("\\d{4}"), postcode.asText());
        norwayLeadingZero |= postcode.asText().startsWith("0");
      }
    }
    assertTrue(norwayLeadingZero, "no Norwegian postcode with a leading zero");
  }

  @Test
  void nationalIdValueIsNullExactlyForIrNzTrUa() {
    for (ObjectNode user : sample) {
      JsonNode value = user.path("id").get("value");
      String nat = user.path("nat").asText();
      assertEquals(NULL_ID_NATS.contains(nat), value.isNull(), nat + " id.value " + value);
    }
  }

  @Test
  void iranianNamesAreInPersianScript() {
    List<ObjectNode> iran =
        sample.stream().filter(u -> u.path("nat").asText().equals("IR")).toList();
    assertFalse(iran.isEmpty());
    for (ObjectNode user : iran) {
      assertTrue(ARABIC_SCRIPT.matcher(user.path("name").path("first").asText()).matches());
      assertTrue(ARABIC_SCRIPT.matcher(user.path("location").path("city").asText()).matches());
      // The email stays ASCII, as the API's does.
      assertTrue(user.path("email").asText().matches("[a-z0-9.]+@example\\.com"));
    }
  }

  @Test
  void apostrophesNonAsciiOffsetsAndStringCoordinatesAppear() {
    boolean apostropheName = false;
    boolean apostropheStreet = false;
    boolean nonAsciiLatin = false;
    boolean nepal = false;
    for (ObjectNode user : sample) {
      apostropheName |= user.path("name").path("last").asText().contains("'");
      apostropheStreet |= user.path("location").path("street").path("name").asText().contains("'");
      nonAsciiLatin |= user.path("name").path("last").asText().matches(".*[äöüéøåçşğı].*");
      nepal |= user.path("location").path("timezone").path("offset").asText().equals("+5:45");
      JsonNode coordinates = user.path("location").path("coordinates");
      assertTrue(coordinates.path("latitude").isTextual());
      assertTrue(coordinates.path("longitude").asText().matches("-?\\d{1,3}\\.\\d{4}"));
      assertTrue(user.path("location").path("street").path("number").isInt());
    }
    assertTrue(apostropheName, "no apostrophe in a last name");
    assertTrue(apostropheStreet, "no apostrophe in a street");
    assertTrue(nonAsciiLatin, "no accented last name");
    assertTrue(nepal, "no +5:45 offset");
  }

  @Test
  void everyRecordBecomesAUserInBothFormats() {
    UserTransform transform = UserTransform.withDefaults();
    for (ObjectNode user : sample) {
      TransformResult raw = transform.apply(Json.bytes(user), TestUsers.EVENT_TIME);
      CreatedUser fromRaw = assertInstanceOf(CreatedUser.class, raw, user.toString());
      TransformResult flat =
          transform.apply(Json.bytes(FlatFormatter.toFlat(user)), TestUsers.EVENT_TIME);
      CreatedUser fromFlat = assertInstanceOf(CreatedUser.class, flat, user.toString());
      assertEquals(user.path("login").path("uuid").asText(), fromRaw.id().toString());
      assertEquals(user.path("location").path("postcode").asText(), fromRaw.postCode());
      // Flat records carry no nationality or country; everything else is the same row.
      assertEquals(fromRaw, withoutOrigin(fromRaw, fromFlat));
    }
  }

  /** {@code flat} with the raw row's nationality and country, which flat records lack. */
  static CreatedUser withoutOrigin(CreatedUser raw, CreatedUser flat) {
    return new CreatedUser(
        flat.id(),
        flat.firstName(),
        flat.lastName(),
        flat.gender(),
        flat.address(),
        flat.postCode(),
        flat.email(),
        flat.username(),
        flat.dob(),
        flat.registeredDate(),
        flat.phone(),
        flat.picture(),
        flat.fullName(),
        flat.emailDomain(),
        flat.age(),
        raw.nationality(),
        raw.country());
  }

  private static JsonNode parse(TestUsers.UserJson user) {
    try {
      return Json.MAPPER.readTree(user.json());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> fieldPaths(JsonNode node, String prefix) {
    Set<String> paths = new TreeSet<>();
    node.properties()
        .forEach(
            e -> {
              String path = prefix + e.getKey();
              paths.add(path);
              if (e.getValue().isObject()) {
                paths.addAll(fieldPaths(e.getValue(), path + "."));
              }
            });
    return paths;
  }
}
