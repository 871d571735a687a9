package dev.userstream.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.model.AddressFormat;

/**
 * Turns a raw randomuser.me record into the flat 12-field record of the earlier pipelines: {@code
 * id, first_name, last_name, gender, address, post_code, email, username, dob, registered_date,
 * phone, picture}.
 *
 * <p>The id is the dashed {@code login.uuid} (a string, never a random id, so replays overwrite);
 * the address is {@code "{number} {street}, {city}, {state}, {country}"} with absent parts left
 * out, built by common-model's {@link AddressFormat} as the transformation builds it from a raw
 * record, so raw and flat give the same row; {@code post_code} keeps the API's JSON type (number or
 * string) so both reach the consumers.
 */
public final class FlatFormatter {
  private FlatFormatter() {}

  /**
   * The flat form of {@code raw}; a record that is not raw (e.g. already flat) is returned as is.
   */
  public static ObjectNode toFlat(ObjectNode raw) {
    if (!isRaw(raw)) {
      return raw;
    }
    ObjectNode flat = Json.object();
    copyText(flat, "id", raw, "login.uuid");
    copyText(flat, "first_name", raw, "name.first");
    copyText(flat, "last_name", raw, "name.last");
    copyText(flat, "gender", raw, "gender");
    String address = address(raw.path("location"));
    if (address != null) {
      flat.put("address", address);
    }
    JsonNode postcode = raw.path("location").get("postcode");
    if (postcode != null && postcode.isValueNode()) {
      flat.set("post_code", postcode.deepCopy());
    }
    copyText(flat, "email", raw, "email");
    copyText(flat, "username", raw, "login.username");
    copyText(flat, "dob", raw, "dob.date");
    copyText(flat, "registered_date", raw, "registered.date");
    copyText(flat, "phone", raw, "phone");
    copyText(flat, "picture", raw, "picture.medium");
    return flat;
  }

  /** The same markers common-model's shape detection uses for a raw record. */
  static boolean isRaw(ObjectNode record) {
    return record.hasNonNull("login")
        || record.hasNonNull("location")
        || record.path("name").isObject();
  }

  private static String address(JsonNode location) {
    JsonNode street = location.path("street");
    String streetPart =
        street.isObject()
            ? AddressFormat.street(text(street, "number"), text(street, "name"))
            : text(location, "street");
    return AddressFormat.address(
        streetPart, text(location, "city"), text(location, "state"), text(location, "country"));
  }

  private static void copyText(ObjectNode target, String field, ObjectNode source, String path) {
    String value = Json.text(source, path);
    if (value != null) {
      target.put(field, value);
    }
  }

  private static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !(node.isTextual() || node.isNumber())) {
      return null;
    }
    String value = node.asText().strip();
    return value.isEmpty() ? null : value;
  }
}
