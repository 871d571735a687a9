package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import dev.userstream.io.PipelineOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CLI's side of secrets: {@code run} moves them from the job's command line to its environment,
 * {@code --help} shows none, the 4.x driver gets credentials and TLS, and a refused login is one
 * line without the password.
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

  @Test
  void tlsOptionsReachTheDriverConfiguration() {
    PipelineOptions p =
        PipelineOptions.builder()
            .cassandraSsl(true)
            .cassandraTruststore("/etc/cassandra/client.truststore")
            .cassandraTruststorePassword(SECRET)
            .cassandraKeystore("/etc/cassandra/client.keystore")
            .cassandraKeystorePassword(SECRET + "-ks")
            .build();
    DriverExecutionProfile config =
        CassandraSessions.configLoader(p).getInitialConfig().getDefaultProfile();
    assertEquals(
        "DefaultSslEngineFactory", config.getString(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS));
    assertEquals(
        "/etc/cassandra/client.truststore",
        config.getString(DefaultDriverOption.SSL_TRUSTSTORE_PATH));
    assertEquals(SECRET, config.getString(DefaultDriverOption.SSL_TRUSTSTORE_PASSWORD));
    assertEquals(
        "/etc/cassandra/client.keystore", config.getString(DefaultDriverOption.SSL_KEYSTORE_PATH));
    assertEquals(SECRET + "-ks", config.getString(DefaultDriverOption.SSL_KEYSTORE_PASSWORD));

    DriverExecutionProfile plain =
        CassandraSessions.configLoader(PipelineOptions.defaults())
            .getInitialConfig()
            .getDefaultProfile();
    assertFalse(plain.isDefined(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS));
  }

  @Test
  void aRefusedLoginIsOneLineNamingTheUserNotThePassword() {
    PipelineOptions p =
        PipelineOptions.builder().cassandraUsername("userstream").cassandraPassword(SECRET).build();
    AuthenticationException refused =
        new AuthenticationException(
            new DefaultEndPoint(new InetSocketAddress("127.0.0.1", 9042)),
            "Provided username userstream and/or password are incorrect");
    String message = CassandraSessions.failure(p, "reading", refused).getMessage();
    assertTrue(
        message.startsWith(
            "Cassandra at 127.0.0.1:9042 rejected the credentials of user 'userstream'"),
        message);
    assertFalse(message.contains(SECRET), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void aLoginWithoutCredentialsSaysThatNoneWereGiven() {
    AuthenticationException refused =
        new AuthenticationException(
            new DefaultEndPoint(new InetSocketAddress("127.0.0.1", 9042)),
            "Host requires authentication, but no authenticator found in Cluster configuration");
    String message =
        CassandraSessions.failure(PipelineOptions.defaults(), "reading", refused).getMessage();
    assertTrue(
        message.startsWith(
            "Cassandra at 127.0.0.1:9042 requires a login and no credentials were given"),
        message);
    assertTrue(message.contains("--cassandra-credentials-file"), message);
  }
}
