package dev.userstream.model;

import java.math.BigDecimal;

/**
 * Reads typed fields by path from a JSON object, enforcing the field-length limit.
 *
 * <p>Absent, null and blank all mean "no value" (null): one representation of nothing keeps the two
 * engines' rows identical. Text fields accept JSON strings and numbers (a post code or phone may
 * come as either; numbers are rendered without a spurious ".0"); objects, arrays and booleans are
 * WRONG_TYPE. Paths are dotted ({@code location.street.name}) and appear in every message.
 */
final class FieldReader {
  private final int maxFieldChars;

  FieldReader(int maxFieldChars) {
    this.maxFieldChars = maxFieldChars;
  }

  /** The object at {@code path} under {@code parent} (null parent or value: null). */
  JsonValue object(JsonValue parent, String path) {
    JsonValue node = child(parent, path);
    if (node != null && !node.isObject()) {
      throw wrongType(path, "an object", node);
    }
    return node;
  }

  /** The trimmed text at {@code path} under {@code parent}, or null when absent or blank. */
  String text(JsonValue parent, String path) {
    return valueText(child(parent, path), path);
  }

  /**
   * The text of {@code path.inner} when {@code path} is an object, or of {@code path} itself when
   * it is a scalar: older randomuser.me versions sent {@code dob} and {@code picture} as plain
   * strings, and accepting both costs nothing.
   */
  String textOrNested(JsonValue parent, String path, String inner) {
    JsonValue node = child(parent, path);
    if (node != null && node.isObject()) {
      return valueText(node.get(inner), path + "." + inner);
    }
    return valueText(node, path);
  }

  private String valueText(JsonValue node, String path) {
    if (node == null) {
      return null;
    }
    String value =
        switch (node.kind()) {
          case STRING -> node.text();
          case NUMBER -> renderNumber(node, path);
          default -> throw wrongType(path, "a string", node);
        };
    if (value.length() > maxFieldChars) {
      throw new RejectionException(
          RejectReason.FIELD_TOO_LONG,
          path + " is " + value.length() + " characters long, limit " + maxFieldChars);
    }
    value = value.strip();
    return value.isEmpty() ? null : value;
  }

  /**
   * 12345 and 12345.0 both become "12345"; 1.5 stays "1.5"; never scientific notation. Floats
   * arrive as exact BigDecimals (see JsonInput), and 1e999999 would expand to a million digits, so
   * the plain length is checked before it is built.
   */
  private String renderNumber(JsonValue node, String path) {
    if (node.isIntegral()) {
      return node.text();
    }
    if (node.decimal() == null) {
      throw new RejectionException(
          RejectReason.FIELD_TOO_LONG,
          path + " is a number with an exponent beyond any length limit, limit " + maxFieldChars);
    }
    BigDecimal number = node.decimal().stripTrailingZeros();
    long plainLength =
        Math.max((long) number.precision() - number.scale(), 1) + Math.max(number.scale(), 0) + 2;
    if (plainLength > maxFieldChars) {
      throw new RejectionException(
          RejectReason.FIELD_TOO_LONG,
          path + " is a number of about " + plainLength + " digits, limit " + maxFieldChars);
    }
    return number.toPlainString();
  }

  private static JsonValue child(JsonValue parent, String path) {
    return parent == null ? null : parent.get(path.substring(path.lastIndexOf('.') + 1));
  }

  private static RejectionException wrongType(String path, String expected, JsonValue actual) {
    return new RejectionException(
        RejectReason.WRONG_TYPE, path + " must be " + expected + ", got " + actual.typeName());
  }
}
