package dev.userstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.CassandraPreflight;
import dev.userstream.model.CassandraSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code userstream schema}: creates the keyspace and both tables when absent, from common-model's
 * {@link CassandraSchema} (the jobs do the same at start; the DAG does it first so a down Cassandra
 * fails a run before anything is produced). With {@code --json} it prints the event contract
 * instead, the JSON Schemas of the two record shapes (common-model's resources, the same files as
 * docs/schemas), and connects to nothing.
 *
 * <pre>{@code
 * ./userstream schema
 * ./userstream schema --keyspace analytics --replication-factor 3 --cassandra-host cassandra
 * ./userstream schema --json            # {"raw": {...}, "flat": {...}}
 * ./userstream schema --json raw        # docs/schemas/user-raw.schema.json, byte for byte
 * }</pre>
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    modelTransformer = DeclaredOptions.Pipeline.class,
    description = {
      "Create the keyspace and the created_users / rejected_users tables if absent.",
      "Takes the pipeline options below (--keyspace, --users-table, --cassandra-host, ...).",
      "With --json, print the JSON Schemas of the Kafka record shapes instead (no Cassandra).",
    })
final class SchemaCommand implements Callable<Integer> {
  /** Where common-model keeps the schemas; docs/schemas holds byte-identical copies. */
  static final String SCHEMA_RESOURCES = "/dev/userstream/model/schemas/";

  static final List<String> SHAPES = List.of("raw", "flat");

  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      arity = "0..1",
      paramLabel = "raw|flat",
      fallbackValue = "",
      description = {
        "Print the JSON Schema (draft 2020-12) of the raw or the flat record shape, as in"
            + " docs/schemas; without a shape, both as one object {\"raw\": ..., \"flat\": ...}."
            + " Connects to nothing.",
      })
  String json;

  @Override
  public Integer call() {
    if (json != null) {
      printJsonSchemas(spec.commandLine().getOut());
      return 0;
    }
    PipelineOptions options = DeclaredOptions.pipelineOptions(spec);
    CassandraSchema schema = options.cassandraSchema();
    CassandraPreflight.ensureSchema(options);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "schema ready: "
            + schema.keyspace()
            + "."
            + schema.usersTable()
            + ", "
            + schema.keyspace()
            + "."
            + schema.rejectsTable()
            + " at "
            + options.cassandraAddress());
    out.flush();
    return 0;
  }

  private void printJsonSchemas(PrintWriter out) {
    if (json.isEmpty()) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode both = mapper.createObjectNode();
      for (String shape : SHAPES) {
        try {
          both.set(shape, mapper.readTree(jsonSchema(shape)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      out.println(both.toPrettyString());
    } else if (SHAPES.contains(json)) {
      out.print(jsonSchema(json));
    } else {
      throw new ParameterException(
          spec.commandLine(),
          "--json takes raw or flat (or nothing, for both), not '" + json + "'");
    }
    out.flush();
  }

  /** The text of {@code user-<shape>.schema.json} from common-model's resources. */
  static String jsonSchema(String shape) {
    String resource = SCHEMA_RESOURCES + "user-" + shape + ".schema.json";
    try (InputStream in = SchemaCommand.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no " + resource + " on the classpath (common-model)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
