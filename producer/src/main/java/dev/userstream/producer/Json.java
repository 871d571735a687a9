package dev.userstream.producer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The producer's one JSON mapper, shared because building one per record costs more than a send.
 */
final class Json {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** The compact UTF-8 bytes of a tree: what goes to Kafka. */
  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serialises; anything else is a bug worth a loud failure.
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** The text at a dotted path, or null when absent or not a string or number. */
  static String text(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      node = node == null ? null : node.get(part);
    }
    return node != null && (node.isTextual() || node.isNumber()) ? node.asText() : null;
  }
}
