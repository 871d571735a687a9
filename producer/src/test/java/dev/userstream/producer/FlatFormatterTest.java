package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.model.TestUsers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flat 12-field record made from the recorded API samples. */
class FlatFormatterTest {

  @Test
  void norwayBecomesTheTwelveFieldRecord() throws Exception {
    ObjectNode raw = (ObjectNode) Json.MAPPER.readTree(TestUsers.sample("raw-norway").json());
    ObjectNode flat = FlatFormatter.toFlat(raw);
    assertEquals(
        List.of(
            "id",
            "first_name",
            "last_name",
            "gender",
            "address",
            "post_code",
            "email",
            "username",
            "dob",
            "registered_date",
            "phone",
            "picture"),
        List.copyOf(iterable(flat)));
    assertEquals("3f2b8c1e-6d4a-4b7f-9e21-5a8c0d7e4f13", flat.path("id").asText());
    assertEquals("4821 Bygdøy allé, Oslo, Oslo, Norway", flat.path("address").asText());
    // Norway's post code stays a string with its leading zero.
    assertTrue(flat.path("post_code").isTextual());
    assertEquals("0015", flat.path("post_code").asText());
    assertEquals("1987-03-14T06:25:41.512Z", flat.path("dob").asText());
    assertEquals("2011-09-02T18:03:27.944Z", flat.path("registered_date").asText());
    assertEquals(
        "https://randomuser.me/api/portraits/med/women/31.jpg", flat.path("picture").asText());
    assertEquals("bluefox482", flat.path("username").asText());
  }

  @Test
  void numericPostcodeStaysANumber() throws Exception {
    ObjectNode raw = (ObjectNode) Json.MAPPER.readTree(TestUsers.sample("raw-us").json());
    ObjectNode flat = FlatFormatter.toFlat(raw);
    assertTrue(flat.path("post_code").isIntegralNumber());
    assertEquals(
        "2716 D'Arcy Street, Savannah, Georgia, United States", flat.path("address").asText());
  }

  @Test
  void aFlatRecordPassesUnchanged() throws Exception {
    ObjectNode flat = (ObjectNode) Json.MAPPER.readTree(TestUsers.flat().json());
    assertSame(flat, FlatFormatter.toFlat(flat));
  }

  @Test
  void absentAddressPartsAreLeftOut() throws Exception {
    ObjectNode raw =
        (ObjectNode)
            Json.MAPPER.readTree(
                TestUsers.raw().remove("location.street").remove("location.state").json());
    assertEquals("Fort Collins, United States", FlatFormatter.toFlat(raw).path("address").asText());
  }

  private static List<String> iterable(ObjectNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
