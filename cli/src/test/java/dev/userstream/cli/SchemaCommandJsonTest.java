package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userstream.model.UserSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code userstream schema --json} prints common-model's JSON Schemas, and connects to nothing. */
class SchemaCommandJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private record Run(int exitCode, String out, String err) {}

  /** In-process; no Cassandra runs here, so an attempt to connect would fail the test. */
  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new UserstreamCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static byte[] resource(String file) throws IOException {
    try (InputStream in =
        SchemaCommandJsonTest.class.getResourceAsStream(UserSchemas.RESOURCE_DIR + file)) {
      return in.readAllBytes();
    }
  }

  @Test
  void eachShapeIsPrintedByteForByte() throws IOException {
    for (String shape : List.of("raw", "flat")) {
      Run run = run("schema", "--json", shape);
      assertEquals(0, run.exitCode(), run.err());
      byte[] expected = resource("user-" + shape + ".schema.json");
      assertEquals(new String(expected, StandardCharsets.UTF_8), run.out());
      JsonNode schema = MAPPER.readTree(run.out());
      assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    }
  }

  @Test
  void withoutAShapeBothArePrintedAsOneJsonObject() throws IOException {
    Run run = run("schema", "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode both = MAPPER.readTree(run.out());
    assertEquals(List.of("raw", "flat"), fieldNames(both));
    assertEquals(MAPPER.readTree(resource(UserSchemas.RAW_FILE)), both.get("raw"));
    assertEquals(MAPPER.readTree(resource(UserSchemas.FLAT_FILE)), both.get("flat"));
  }

  @Test
  void anUnknownShapeIsAUsageError() {
    Run run = run("schema", "--json", "xml");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--json takes raw or flat"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void helpNamesTheJsonOption() {
    Run run = run("schema", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("--json"), run.out());
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
