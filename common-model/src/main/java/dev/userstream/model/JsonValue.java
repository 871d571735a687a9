package dev.userstream.model;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One JSON value of a record, as far as the transformation reads it: {@link JsonInput} keeps the
 * fields the two shapes name and skips everything else unread, so a record costs one pass over its
 * bytes and no tree. A JSON {@code null} is never kept: absent and null mean the same here.
 */
final class JsonValue {

  /** The JSON types a kept value can have; {@link #typeName()} words them for messages. */
  enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    BOOLEAN
  }

  static final JsonValue ARRAY = new JsonValue(Kind.ARRAY, null, null);
  static final JsonValue BOOLEAN = new JsonValue(Kind.BOOLEAN, null, null);

  private final Kind kind;

  /** STRING: the text; NUMBER: the integer's digits, or null for a decimal. */
  private final String text;

  /**
   * NUMBER: the exact decimal of a number with a fraction or exponent; null for an integer, and for
   * a decimal whose exponent no BigDecimal holds ({@code 1e9999999999}).
   */
  private final BigDecimal decimal;

  private final boolean integral;

  /**
   * OBJECT: the kept fields' names and values, in pairs; an object keeps at most the two dozen
   * fields the shapes name, so a scan beats a hash map. Keys are distinct: the reader rejects
   * duplicates.
   */
  private Object[] fields;

  private int fieldCount;

  private JsonValue(Kind kind, String text, BigDecimal decimal) {
    this.kind = kind;
    this.text = text;
    this.decimal = decimal;
    this.integral = kind == Kind.NUMBER && text != null;
  }

  static JsonValue object() {
    JsonValue object = new JsonValue(Kind.OBJECT, null, null);
    object.fields = new Object[8];
    return object;
  }

  static JsonValue string(String text) {
    return new JsonValue(Kind.STRING, text, null);
  }

  /** An integer, given as its canonical digits ({@code -12}, never {@code -012} or {@code 1e2}). */
  static JsonValue integer(String digits) {
    return new JsonValue(Kind.NUMBER, digits, null);
  }

  /** A number with a fraction or an exponent, exact; null if its exponent is out of range. */
  static JsonValue decimal(BigDecimal value) {
    return new JsonValue(Kind.NUMBER, null, value);
  }

  void put(String name, JsonValue value) {
    if (2 * fieldCount == fields.length) {
      fields = Arrays.copyOf(fields, fields.length * 2);
    }
    fields[2 * fieldCount] = name;
    fields[2 * fieldCount + 1] = value;
    fieldCount++;
  }

  /** The kept field {@code name} of an object; null when absent, null, or this is no object. */
  JsonValue get(String name) {
    for (int i = 0; i < fieldCount; i++) {
      if (name.equals(fields[2 * i])) {
        return (JsonValue) fields[2 * i + 1];
      }
    }
    return null;
  }

  Kind kind() {
    return kind;
  }

  boolean isObject() {
    return kind == Kind.OBJECT;
  }

  /** STRING: the text. */
  String text() {
    return text;
  }

  /** NUMBER: whether it was written without fraction or exponent. */
  boolean isIntegral() {
    return integral;
  }

  /** NUMBER: the exact value of a non-integral number, null if no BigDecimal holds it. */
  BigDecimal decimal() {
    return decimal;
  }

  /** {@code object}, {@code array}, {@code string}, {@code number} or {@code boolean}. */
  String typeName() {
    return switch (kind) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
    };
  }
}
