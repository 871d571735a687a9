package dev.userstream.cli;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.CassandraPreflight;
import dev.userstream.model.CassandraSchema;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code userstream schema}: creates the keyspace and both tables when absent, from common-model's
 * {@link CassandraSchema} (the jobs do the same at start; the DAG does it first so a down Cassandra
 * fails a run before anything is produced).
 *
 * <pre>{@code
 * ./userstream schema
 * ./userstream schema --keyspace analytics --replication-factor 3 --cassandra-host cassandra
 * }</pre>
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    modelTransformer = DeclaredOptions.Pipeline.class,
    description = {
      "Create the keyspace and the created_users / rejected_users tables if absent.",
      "Takes the pipeline options below (--keyspace, --users-table, --cassandra-host, ...).",
    })
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
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
}
