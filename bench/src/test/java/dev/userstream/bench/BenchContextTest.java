package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each job run of the benchmark gets from the connection: options, and secrets apart. */
class BenchContextTest {
  private static final String PASSWORD = "s3cret-for-the-test";

  private final List<List<String>> started = new ArrayList<>();

  private BenchContext context(PipelineOptions connection) {
    BenchServers servers =
        new BenchServers(
            connection,
            tuning -> {
              throw new AssertionError("no session is opened here");
            });
    JobStarter starter =
        (engine, jvmOptions, args) -> {
          started.add(args);
          return new ProcessBuilder("true");
        };
    BenchPlan plan =
        BenchPlan.builder()
            .workDir(Path.of("target", "bench-context-test"))
            .engineOption("flink", "--buffer-timeout=10ms")
            .build();
    return new BenchContext(
        plan, servers, starter, null, new PrintWriter(new StringWriter()), "20261121_000000");
  }

  @Test
  void jobsGetTheConnectionAndTheirOwnTablesWithTheSecretsInTheEnvironmentOnly() {
    PipelineOptions connection =
        PipelineOptions.builder()
            .bootstrapServers("kafka.example:9093")
            .cassandraHosts(List.of("db.example"))
            .cassandraPort(9142)
            .cassandraUsername("bench")
            .cassandraPassword(PASSWORD)
            .kafkaProperty("security.protocol", "SASL_SSL")
            .kafkaProperty("sasl.jaas.config", "secret-jaas " + PASSWORD)
            .build();
    BenchContext ctx = context(connection);
    PipelineOptions options =
        ctx.options("bench_t", "thr_flink_1", PipelineOptions.Mode.AVAILABLE_NOW);
    ProcessBuilder job = ctx.job("flink", options);

    List<String> args = started.get(0);
    for (String expected :
        List.of(
            "--bootstrap-servers=kafka.example:9093",
            "--cassandra-host=db.example",
            "--cassandra-port=9142",
            "--cassandra-username=bench",
            "--kafka-property=security.protocol=SASL_SSL",
            "--keyspace=" + BenchCassandra.KEYSPACE,
            "--users-table=thr_flink_1",
            "--rejects-table=thr_flink_1_rej",
            "--topic=bench_t")) {
      assertTrue(args.contains(expected), expected + " in " + args);
    }
    assertTrue(args.contains("--buffer-timeout=10ms"), "the plan's engine options: " + args);
    assertFalse(String.join(" ", args).contains(PASSWORD), "no secret on the command line");

    Map<String, String> env = job.environment();
    assertEquals(PASSWORD, env.get(PipelineOptions.ENV_CASSANDRA_PASSWORD));
    assertTrue(env.get(PipelineOptions.ENV_KAFKA_PROPERTIES).contains("sasl.jaas.config"));
  }

  @Test
  void withoutCredentialsNoSecretIsAdded() {
    BenchContext ctx = context(PipelineOptions.defaults());
    ProcessBuilder job =
        ctx.job("spark", ctx.options("bench_t", "lat_spark_1", PipelineOptions.Mode.CONTINUOUS));
    assertFalse(job.environment().containsKey(PipelineOptions.ENV_CASSANDRA_PASSWORD));
    assertFalse(job.environment().containsKey(PipelineOptions.ENV_KAFKA_PROPERTIES));
    assertTrue(started.get(0).contains("--mode=continuous"), started.get(0).toString());
  }
}
