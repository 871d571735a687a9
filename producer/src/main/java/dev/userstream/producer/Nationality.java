package dev.userstream.producer;

import java.util.List;

/**
 * What the generator knows of one nationality: its word lists and the formats of its numbers, read
 * from {@code nationalities.json}.
 *
 * @param postcode format of the post code ({@code #} a digit, {@code @} a letter)
 * @param postcodeString whether the API sends the post code as a JSON string (CA, GB, NO) rather
 *     than a number
 * @param idFormat format of {@code id.value}, or null where the API sends {@code null}
 */
record Nationality(
    String code,
    String country,
    List<String> titlesMale,
    List<String> titlesFemale,
    List<Name> male,
    List<Name> female,
    List<Name> last,
    List<String> streets,
    List<Place> cities,
    String postcode,
    boolean postcodeString,
    String idName,
    String idFormat,
    String phone,
    String cell) {

  /**
   * A name as written, and the ASCII form used in the email address.
   *
   * @param ascii lower-case letters only, e.g. {@code oconnor} for {@code O'Connor}
   */
  record Name(String text, String ascii) {}

  /** A city and its state, province or region. */
  record Place(String city, String state) {}
}
