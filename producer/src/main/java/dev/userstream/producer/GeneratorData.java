package dev.userstream.producer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userstream.producer.Nationality.Name;
import dev.userstream.producer.Nationality.Place;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generator's word lists, loaded once from the resource files beside this class; data lives in
 * JSON rather than Java arrays so adding a name is a one-line data change.
 */
record GeneratorData(
    List<Nationality> nationalities,
    List<String> adjectives,
    List<String> animals,
    List<String> passwords,
    List<String> timezoneOffsets,
    List<String> timezoneDescriptions) {

  /** Loaded on first use; immutable afterwards, so all generators share it. */
  static final GeneratorData INSTANCE = load();

  private static GeneratorData load() {
    JsonNode common = read("common-words.json");
    JsonNode nats = read("nationalities.json");
    List<String> titlesMale = strings(common, "titlesMale");
    List<String> titlesFemale = strings(common, "titlesFemale");
    List<Nationality> nationalities = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : nats.properties()) {
      if (entry.getKey().startsWith("_")) {
        continue; // a comment
      }
      JsonNode n = entry.getValue();
      nationalities.add(
          new Nationality(
              entry.getKey(),
              n.path("country").asText(),
              n.has("titlesMale") ? strings(n, "titlesMale") : titlesMale,
              n.has("titlesFemale") ? strings(n, "titlesFemale") : titlesFemale,
              names(n, "male"),
              names(n, "female"),
              names(n, "last"),
              strings(n, "streets"),
              strings(n, "cities").stream().map(GeneratorData::place).toList(),
              n.path("postcode").asText(),
              n.path("postcodeString").asBoolean(),
              n.path("idName").asText(),
              n.path("idFormat").isNull() ? null : n.path("idFormat").asText(),
              n.path("phone").asText(),
              n.path("cell").asText()));
    }
    List<String> offsets = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    for (String zone : strings(common, "timezones")) {
      int bar = zone.indexOf('|');
      offsets.add(zone.substring(0, bar));
      descriptions.add(zone.substring(bar + 1));
    }
    return new GeneratorData(
        List.copyOf(nationalities),
        strings(common, "adjectives"),
        strings(common, "animals"),
        strings(common, "passwords"),
        List.copyOf(offsets),
        List.copyOf(descriptions));
  }

  private static JsonNode read(String resource) {
    try (InputStream in = GeneratorData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
  }

  private static List<String> strings(JsonNode parent, String field) {
    JsonNode array = parent.path(field);
    if (!array.isArray() || array.isEmpty()) {
      throw new IllegalStateException("generator data: '" + field + "' must be a non-empty list");
    }
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }

  private static List<Name> names(JsonNode parent, String field) {
    return strings(parent, field).stream()
        .map(
            entry -> {
              int bar = entry.indexOf('|');
              return bar < 0
                  ? new Name(entry, ascii(entry))
                  : new Name(entry.substring(0, bar), entry.substring(bar + 1));
            })
        .toList();
  }

  private static Place place(String entry) {
    int bar = entry.indexOf('|');
    return new Place(entry.substring(0, bar), entry.substring(bar + 1));
  }

  /**
   * Lower-case ASCII letters of a Latin-script name for its email address: accents dropped
   * ("Jördis" to "jordis"), letters that do not decompose spelled out ("Sæther" to "saether"),
   * apostrophes and spaces removed ("O'Connor" to "oconnor").
   */
  static String ascii(String text) {
    String folded =
        text.replace("ß", "ss")
            .replace("æ", "ae")
            .replace("Æ", "Ae")
            .replace("ø", "o")
            .replace("Ø", "O")
            .replace("đ", "dj")
            .replace("Đ", "Dj")
            .replace("ı", "i");
    String stripped = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return stripped.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
