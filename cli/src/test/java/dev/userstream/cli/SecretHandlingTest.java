package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
    List<String> args =
        new ArrayList<>(
            List.of(
                "--mode",
                "available-now",
                "--cassandra-password",
                SECRET,
                "--cassandra-username=userstream",
                "--cassandra-truststore-password=" + SECRET + "-ts",
                "--kafka-property",
                "sasl.jaas.config=PlainLoginModule required password=\"" + SECRET + "\";",
                "--kafka-property=security.protocol=SASL_SSL",
                "--cassandra-credentials-file",
                "/etc/userstream/cassandra.properties"));
    Map<String, String> env = RunCommand.takeSecrets(args);

    assertEquals(
        List.of(
            "--mode",
            "available-now",
            "--cassandra-username=userstream",
            "--kafka-property=security.protocol=SASL_SSL",
            "--cassandra-credentials-file",
            "/etc/userstream/cassandra.properties"),
        args);
    assertEquals(
        Set.of(
            "USERSTREAM_CASSANDRA_PASSWORD",
            "USERSTREAM_CASSANDRA_TRUSTSTORE_PASSWORD",
            "USERSTREAM_KAFKA_PROPERTIES"),
        env.keySet());
    assertEquals(SECRET, env.get("USERSTREAM_CASSANDRA_PASSWORD"));

    Properties kafka = new Properties();
    kafka.load(new StringReader(env.get("USERSTREAM_KAFKA_PROPERTIES")));
    assertEquals(
        Map.of("sasl.jaas.config", "PlainLoginModule required password=\"" + SECRET + "\";"),
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
