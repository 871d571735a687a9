package dev.userstream.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The published JSON Schemas of the two record shapes (common-model's resources, copied to
 * docs/schemas), loaded into a validator, for the tests that hold them to the transformation. A
 * module that calls it needs {@code com.networknt:json-schema-validator} on its test classpath (its
 * constants alone do not).
 */
public final class UserSchemas {
  /** Where the schemas live on the classpath; docs/schemas holds byte-identical copies. */
  public static final String RESOURCE_DIR = "/dev/userstream/model/schemas/";

  public static final String RAW_FILE = "user-raw.schema.json";
  public static final String FLAT_FILE = "user-flat.schema.json";

  /** Exact decimals, as the transformation reads them: 1e5000 must not become Infinity. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private static final Schema RAW = REGISTRY.getSchema(tree(resource(RAW_FILE)));
  private static final Schema FLAT = REGISTRY.getSchema(tree(resource(FLAT_FILE)));

  private UserSchemas() {}

  /** The bytes of one schema resource, e.g. {@link #RAW_FILE}. */
  public static byte[] resource(String file) {
    try (InputStream in = UserSchemas.class.getResourceAsStream(RESOURCE_DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + RESOURCE_DIR + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The validation errors of {@code json} against the raw schema; empty when it is valid. */
  public static List<Error> rawErrors(byte[] json) {
    return RAW.validate(tree(json));
  }

  /** The validation errors of {@code json} against the flat schema; empty when it is valid. */
  public static List<Error> flatErrors(byte[] json) {
    return FLAT.validate(tree(json));
  }

  /** Whether {@code json} is valid against either schema: the schemas' view of "a user". */
  public static boolean validUser(byte[] json) {
    return rawErrors(json).isEmpty() || flatErrors(json).isEmpty();
  }

  static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
