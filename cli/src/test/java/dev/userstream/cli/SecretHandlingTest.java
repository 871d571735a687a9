package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CLI's side of secrets: {@code run} moves them from the job's command line to its environment,
 * and {@code --help} shows none. How the 4.x session gets credentials and TLS, and the one line of
 * a refused login, are pipeline-io's ({@code CassandraSessionsTest}, {@code
 * CassandraPreflightTest}).
 */
class SecretHandlingTest {
  private static final String SECRET = "Sup3r-Secret";

  @Test
  void runMovesEverySecretFromTheCommandLineToTheEnvironment() throws IOException {
    CommandLine cli = new CommandLine(new RunCommand());
    cli.parseArgs(
        "--mode",
        "available-now",
        "--trigger-interval",
        "5s",
        "--cassandra-password",
        SECRET,
        "--cassandra-username=userstream",
        "--cassandra-truststore-password=" + SECRET + "-ts",
        "--kafka-property",
        "sasl.jaas.config=PlainLoginModule required password=\"" + SECRET + "\";",
        "--kafka-property=security.protocol=SASL_SSL",
        "--cassandra-credentials-file",
        "/etc/userstream/cassandra.properties");
    RunCommand run = cli.getCommand();
    // What the CLI's own environment holds comes along, below the command line.
    RunCommand.JobCommand job =
        run.jobCommand(
            Map.of(
                PipelineOptions.ENV_KAFKA_PROPERTIES, "sasl.mechanism=PLAIN\nssl.key.password=k"));

    assertEquals(
        List.of(
            "--kafka-property=sasl.mechanism=PLAIN",
            "--kafka-property=security.protocol=SASL_SSL",
            "--cassandra-username=userstream",
            "--cassandra-credentials-file=/etc/userstream/cassandra.properties",
            "--mode=available-now",
            "--trigger-interval",
            "5s"),
        job.args());
    assertEquals(
        Set.of(
            "USERSTREAM_CASSANDRA_PASSWORD",
            "USERSTREAM_CASSANDRA_TRUSTSTORE_PASSWORD",
            "USERSTREAM_KAFKA_PROPERTIES"),
        job.secrets().keySet());
    assertEquals(SECRET, job.secrets().get("USERSTREAM_CASSANDRA_PASSWORD"));
    assertEquals(SECRET + "-ts", job.secrets().get("USERSTREAM_CASSANDRA_TRUSTSTORE_PASSWORD"));

    Properties kafka = new Properties();
    kafka.load(new StringReader(job.secrets().get("USERSTREAM_KAFKA_PROPERTIES")));
    assertEquals(
        Map.of(
            "sasl.jaas.config",
            "PlainLoginModule required password=\"" + SECRET + "\";",
            "ssl.key.password",
            "k"),
        Map.copyOf(kafka));
  }

  @Test
  void helpListsTheSecretOptionsAndTheirVariables() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Main.run("verify", "--help");
    } finally {
      System.setOut(original);
    }
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("--cassandra-credentials-file"), help);
    assertTrue(help.contains("--cassandra-truststore-password"), help);
    assertTrue(help.contains("USERSTREAM_CASSANDRA_PASSWORD"), help);
  }
}
