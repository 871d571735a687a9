package dev.userstream.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.CharBuffer;

/** Parses one record's text into a JSON tree with strict, bounded settings. */
final class JsonInput {

  /**
   * Shared and thread-safe once built. The constraints are far above any user record (nesting 3,
   * numbers of a few digits) yet stop pathological input before it costs memory or stack.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(128)
                          .maxNumberLength(64)
                          .maxNameLength(1024)
                          .build())
                  // Error messages end up in rejected_users.reason: never echo the input there.
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  // Two "email" keys are ambiguous; which one wins must not depend on a parser.
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Exact decimals: 1e400 must not turn into Infinity, nor a float 0.1 into
          // 0.1000000000000000055.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private static final int MAX_MESSAGE_CHARS = 200;

  private JsonInput() {}

  /** The single JSON value in {@code chars}, or a NOT_JSON rejection saying where it broke. */
  static JsonNode parse(CharBuffer chars) {
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
}
