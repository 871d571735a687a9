package dev.userstream.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code address} column's format, {@code "{number} {street}, {city}, {state}, {country}"}:
 * absent parts are left out with their separator ("Main St, Oslo, Norway" without number and
 * state), and no part at all gives null. The transformation derives it from a raw record and the
 * producer's flat records carry it, so both must build it here.
 */
public final class AddressFormat {
  private AddressFormat() {}

  /** {@code "{number} {name}"}, or whichever of the two is present. */
  public static String street(String number, String name) {
    return join(" ", number, name);
  }

  /** {@code "{street}, {city}, {state}, {country}"} of the parts present; null for none. */
  public static String address(String street, String city, String state, String country) {
    return join(", ", street, city, state, country);
  }

  private static String join(String separator, String... parts) {
    List<String> present = new ArrayList<>(parts.length);
    for (String part : parts) {
      if (part != null) {
        present.add(part);
      }
    }
    return present.isEmpty() ? null : String.join(separator, present);
  }
}
