package dev.userstream.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads one record's JSON with strict, bounded settings. */
final class JsonInput {

  /**
   * The character-based tree reader that words every NOT_JSON rejection. Shared and thread-safe,
   * like {@link #STREAM}.
   */
  private static final ObjectMapper MAPPER =
      // Two "email" keys are ambiguous; which one wins must not depend on a parser.
      JsonMapper.builder(factory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Exact decimals: 1e400 must not turn into Infinity, nor a float 0.1 into
          // 0.1000000000000000055.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /** The streaming reader's: the same limits, duplicate keys found by {@link Walk} instead. */
  private static final JsonFactory STREAM = factory().build();

  /**
   * The constraints are far above any user record (nesting 3, numbers of a few digits) yet stop
   * pathological input before it costs memory or stack.
   */
  private static JsonFactoryBuilder factory() {
    return new JsonFactoryBuilder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(128)
                .maxNumberLength(64)
                .maxNameLength(1024)
                .build())
        // Error messages end up in rejected_users.reason: never echo the input there.
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
  }

  private static final int MAX_MESSAGE_CHARS = 200;

  /**
   * The fields the two shapes read (see {@link RawUserReader} and {@link FlatUserReader}); a value
   * on the way to one ({@code location}, {@code dob}) is kept whatever its type, so that a string
   * {@code dob} or {@code location.street} is read too.
   */
  private static final Keep ROOT =
      Keep.paths(
          "name.first",
          "name.last",
          "login.uuid",
          "login.username",
          "gender",
          "location.street.number",
          "location.street.name",
          "location.city",
          "location.state",
          "location.country",
          "location.postcode",
          "email",
          "dob.date",
          "registered.date",
          "phone",
          "picture.medium",
          "nat",
          "id",
          "first_name",
          "last_name",
          "address",
          "post_code",
          "username",
          "registered_date");

  private JsonInput() {}

  /**
   * The one JSON object in {@code value} (well-formed UTF-8), read in one streaming pass: the
   * fields of {@link #ROOT} are kept, everything else is checked for syntax (and duplicate keys,
   * nesting, number length) but never turned into strings or numbers.
   *
   * <p>Rejections: NOT_JSON, worded by {@link #parse} (so in characters, not bytes, and as before
   * the streaming reader existed); NOT_AN_OBJECT for any other JSON value.
   */
  static JsonValue readObject(byte[] value) {
    // No JSON text holds a NUL byte, but Jackson's byte reader would take one in the first four
    // bytes for UTF-16 or UTF-32: let the character parser word the rejection instead.
    for (int i = 0; i < Math.min(4, value.length); i++) {
      if (value[i] == 0) {
        throw notJson(value, null);
      }
    }
    try (JsonParser parser = STREAM.createParser(value)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new RejectionException(RejectReason.NOT_JSON, "value holds no JSON, only whitespace");
      }
      Walk walk = new Walk(parser);
      JsonValue root = null;
      if (first == JsonToken.START_OBJECT) {
        root = walk.object(ROOT);
      } else if (first == JsonToken.START_ARRAY) {
        walk.array();
      }
      if (parser.nextToken() != null) {
        throw notJson(value, null);
      }
      if (root == null) {
        throw new RejectionException(
            RejectReason.NOT_AN_OBJECT,
            "value is a JSON " + typeName(first) + ", expected an object");
      }
      return root;
    } catch (Walk.DuplicateKey e) {
      throw notJson(value, null);
    } catch (JsonProcessingException e) {
      throw notJson(value, e);
    } catch (IOException e) {
      throw new RejectionException(RejectReason.NOT_JSON, "unreadable JSON: " + e.getMessage());
    }
  }

  /**
   * One pass over a document's tokens: kept fields become {@link JsonValue}s, the rest is only
   * tokenized. It finds duplicate keys itself, because Jackson's detector hashes every key into a
   * set per object, which cost more than the rest of the reading: the keys of the objects being
   * read sit in one array, and a key is compared with its object's earlier keys (a user object has
   * a dozen; an object with more than {@link #LINEAR_KEYS} gets a set after all).
   */
  private static final class Walk {
    private static final int LINEAR_KEYS = 32;

    /** Thrown at the first duplicate key: the character parser then words the rejection. */
    static final class DuplicateKey extends RuntimeException {
      private static final long serialVersionUID = 1L;

      DuplicateKey() {
        super("duplicate key", null, false, false);
      }
    }

    private final JsonParser parser;
    private String[] keys = new String[64];
    private int depth;

    Walk(JsonParser parser) {
      this.parser = parser;
    }

    /** The object whose START_OBJECT was just read; its kept fields, or null for keep = null. */
    JsonValue object(Keep keep) throws IOException {
      JsonValue object = keep == null ? null : JsonValue.object();
      int from = depth;
      Set<String> many = null;
      String name;
      while ((name = parser.nextFieldName()) != null) {
        if (many != null) {
          if (!many.add(name)) {
            throw new DuplicateKey();
          }
        } else {
          for (int i = from; i < depth; i++) {
            if (keys[i].equals(name)) {
              throw new DuplicateKey();
            }
          }
          if (depth == keys.length) {
            keys = Arrays.copyOf(keys, depth * 2);
          }
          keys[depth++] = name;
          if (depth - from > LINEAR_KEYS) {
            many = new HashSet<>(Arrays.asList(keys).subList(from, depth));
          }
        }
        Keep child = keep == null ? null : keep.fields.get(name);
        JsonValue field = value(parser.nextToken(), child);
        if (field != null) {
          object.put(name, field);
        }
      }
      depth = from;
      return object;
    }

    /** The array whose START_ARRAY was just read, walked for the objects inside it. */
    void array() throws IOException {
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        value(token, null);
      }
    }

    /** The value that starts at {@code token}, as a kept field when {@code keep} is not null. */
    private JsonValue value(JsonToken token, Keep keep) throws IOException {
      if (token == JsonToken.START_OBJECT) {
        return object(keep);
      }
      if (token == JsonToken.START_ARRAY) {
        array();
        return keep == null ? null : JsonValue.ARRAY;
      }
      if (keep == null) {
        return null;
      }
      return switch (token) {
        case VALUE_STRING -> JsonValue.string(parser.getText());
        case VALUE_NUMBER_INT ->
            JsonValue.integer(
                parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue().toString()
                    : Long.toString(parser.getLongValue()));
        case VALUE_NUMBER_FLOAT -> JsonValue.decimal(decimalOrNull(parser));
        case VALUE_TRUE, VALUE_FALSE -> JsonValue.BOOLEAN;
        case VALUE_NULL -> null;
        default -> throw new IllegalStateException("unexpected JSON token " + token);
      };
    }
  }

  /** The exact value of a decimal token, null if its exponent is beyond BigDecimal's range. */
  private static BigDecimal decimalOrNull(JsonParser parser) throws IOException {
    try {
      return parser.getDecimalValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String typeName(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      default -> "null";
    };
  }

  /**
   * The NOT_JSON rejection of {@code value}, worded by the character parser. Failures are rare, so
   * they may cost a second parse; what they say then does not depend on which reader found them.
   */
  private static RejectionException notJson(byte[] value, JsonProcessingException cause) {
    try {
      CharBuffer text = Utf8.decode(value, value.length);
      if (text.hasRemaining() && text.get(text.position()) == '\uFEFF') {
        text.position(text.position() + 1);
      }
      parse(text);
    } catch (RejectionException e) {
      return e;
    } catch (Utf8.MalformedException e) {
      // The caller checked the bytes: cannot happen; fall through to the streaming reader's words.
    }
    return new RejectionException(
        RejectReason.NOT_JSON,
        cause == null ? "unexpected content after the JSON value" : describe(cause));
  }

  /** The single JSON value in {@code chars}, or a NOT_JSON rejection saying where it broke. */
  private static JsonNode parse(CharBuffer chars) {
    try (JsonParser parser =
        MAPPER.createParser(
            chars.array(), chars.arrayOffset() + chars.position(), chars.remaining())) {
      JsonNode root = MAPPER.readTree(parser);
      if (root == null || root.isMissingNode()) {
        throw new RejectionException(RejectReason.NOT_JSON, "value holds no JSON, only whitespace");
      }
      // Belt and braces for FAIL_ON_TRAILING_TOKENS: "{} {}" is two documents, not one record.
      if (parser.nextToken() != null) {
        throw new RejectionException(
            RejectReason.NOT_JSON,
            "unexpected content after the JSON value" + where(parser.currentLocation()));
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new RejectionException(RejectReason.NOT_JSON, describe(e));
    } catch (IOException e) {
      throw new RejectionException(RejectReason.NOT_JSON, "unreadable JSON: " + e.getMessage());
    }
  }

  /** Jackson's own short message, first line only, with line and column but no source dump. */
  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage();
    if (message.startsWith("Trailing token")) {
      // databind's wording names its own classes and features; say what it means instead.
      message = "unexpected content after the JSON value";
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    // "(start marker at [Source: ...; line: 1, column: 1])" repeats what where() says better.
    int marker = message.indexOf(" (start marker at");
    if (marker >= 0) {
      message = message.substring(0, marker);
    }
    if (message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
    return message + where(e.getLocation());
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Which fields of an object to keep, and of each kept field's object. */
  private static final class Keep {
    final Map<String, Keep> fields = new HashMap<>();

    static Keep paths(String... dotted) {
      Keep root = new Keep();
      for (String path : dotted) {
        Keep at = root;
        for (String name : path.split("\\.")) {
          at = at.fields.computeIfAbsent(name, n -> new Keep());
        }
      }
      return root;
    }
  }
}
