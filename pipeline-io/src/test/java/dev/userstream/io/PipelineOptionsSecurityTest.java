package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials from options, a file and the environment with their precedence; Cassandra TLS
 * options; secrets masked in every printed form and kept off child command lines.
 */
class PipelineOptionsSecurityTest {
  private static final String SECRET = "s3cr3t-Pa55";
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\""
          + SECRET
          + "\";";

  @TempDir Path dir;

  private static PipelineOptions parse(Map<String, String> env, String... args) {
    return PipelineOptions.parse(args, env);
  }

  private static String failure(Map<String, String> env, String... args) {
    return assertThrows(OptionsException.class, () -> parse(env, args)).getMessage();
  }

  private Path credentials(String text) throws IOException {
    Path file = dir.resolve("cassandra-credentials.properties");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void credentialsFileGivesUsernameAndPassword() throws IOException {
    Path file = credentials("# the project role\nusername = userstream\npassword=" + SECRET + "\n");
    PipelineOptions o = parse(Map.of(), "--cassandra-credentials-file", file.toString());
    assertEquals(Optional.of("userstream"), o.cassandraUsername());
    assertEquals(Optional.of(SECRET), o.cassandraPassword());
  }

  @Test
  void optionsBeatTheEnvironmentWhichBeatsTheFileFieldByField() throws IOException {
    Path file = credentials("username=fileuser\npassword=filepw\n");
    String path = "--cassandra-credentials-file=" + file;

    PipelineOptions fileAlone = parse(Map.of(), path);
    assertEquals(Optional.of("fileuser"), fileAlone.cassandraUsername());
    assertEquals(Optional.of("filepw"), fileAlone.cassandraPassword());

    Map<String, String> envPassword = Map.of(PipelineOptions.ENV_CASSANDRA_PASSWORD, "envpw");
    PipelineOptions envOverFile = parse(envPassword, path);
    assertEquals(Optional.of("fileuser"), envOverFile.cassandraUsername());
    assertEquals(Optional.of("envpw"), envOverFile.cassandraPassword());

    PipelineOptions optionOverAll =
        parse(envPassword, path, "--cassandra-password", "clipw", "--cassandra-username=cli");
    assertEquals(Optional.of("cli"), optionOverAll.cassandraUsername());
    assertEquals(Optional.of("clipw"), optionOverAll.cassandraPassword());
  }

  @Test
  void badCredentialsFilesAreOneLineWithoutTheirContent() throws IOException {
    Path missing = dir.resolve("nope.properties");
    assertEquals(
        "--cassandra-credentials-file " + missing + ": no such file",
        failure(Map.of(), "--cassandra-credentials-file", missing.toString()));

    // A file holding only the password reads as one key without value: never echo it.
    String onlyPassword = credentials(SECRET + "\n").toString();
    String message = failure(Map.of(), "--cassandra-credentials-file", onlyPassword);
    assertTrue(message.contains("other than username and password"), message);
    assertFalse(message.contains(SECRET), message);

    String noPassword = credentials("username=u\n").toString();
    assertTrue(
        failure(Map.of(), "--cassandra-credentials-file", noPassword).contains("go together"));
  }

  @Test
  void passwordsAreMaskedInToStringAndKeptOffTheCommandLine() {
    Map<String, String> env =
        Map.of(
            PipelineOptions.ENV_CASSANDRA_TRUSTSTORE_PASSWORD, SECRET + "-ts",
            PipelineOptions.ENV_CASSANDRA_KEYSTORE_PASSWORD, SECRET + "-ks");
    PipelineOptions o =
        parse(
            env,
            "--cassandra-username=u",
            "--cassandra-password=" + SECRET,
            "--cassandra-ssl=true",
            "--cassandra-truststore=/etc/ts.p12",
            "--cassandra-keystore=/etc/ks.p12",
            "--kafka-property=security.protocol=SASL_SSL",
            "--kafka-property=sasl.mechanism=PLAIN",
            "--kafka-property=sasl.jaas.config=" + JAAS,
            "--kafka-property=ssl.truststore.password=" + SECRET);
    String shown = o.toString() + o.cassandraTls();
    assertFalse(shown.contains(SECRET), shown);
    assertTrue(shown.contains("cassandra-password=****"), shown);
    assertTrue(shown.contains("cassandra-truststore-password=****"), shown);
    assertTrue(shown.contains("sasl.jaas.config=****"), shown);
    assertTrue(shown.contains("security.protocol=SASL_SSL"), shown);
    assertTrue(shown.contains("cassandra-truststore=/etc/ts.p12"), shown);

    List<String> args = o.toArgs();
    assertFalse(String.join(" ", args).contains(SECRET), args.toString());
    assertTrue(args.contains("--kafka-property=sasl.mechanism=PLAIN"), args.toString());
    assertTrue(args.contains("--cassandra-ssl=true"), args.toString());
    assertFalse(String.join(" ", args).contains("sasl.jaas.config"), args.toString());

    // What the command line leaves out, the environment carries: a child parses an equal object.
    Map<String, String> childEnv = o.secretEnvironment();
    assertEquals(
        Set.of(
            "USERSTREAM_CASSANDRA_PASSWORD",
            "USERSTREAM_CASSANDRA_TRUSTSTORE_PASSWORD",
            "USERSTREAM_CASSANDRA_KEYSTORE_PASSWORD",
            "USERSTREAM_KAFKA_PROPERTIES"),
        childEnv.keySet());
    assertEquals(o, parse(childEnv, args.toArray(String[]::new)));
    assertEquals(o, o.toBuilder().build());
  }

  @Test
  void describeAndUsageCarryNoValueOfASecret() {
    PipelineOptions o = parse(Map.of(), "--cassandra-username=u", "--cassandra-password=" + SECRET);
    assertEquals(SECRET, o.cassandraPassword().orElseThrow());
    for (OptionKey<?> spec : PipelineOptions.OPTIONS.keys()) {
      if (spec.name().contains("password")) {
        assertEquals("", spec.defaultText(), spec.name());
      }
    }
    assertFalse(PipelineOptions.usage().contains(SECRET));
    assertTrue(PipelineOptions.usage().contains("--cassandra-credentials-file"));
  }

  @Test
  void kafkaPropertiesFromTheEnvironmentYieldToTheCommandLine() {
    Map<String, String> env =
        Map.of(
            PipelineOptions.ENV_KAFKA_PROPERTIES,
            "sasl.jaas.config=" + JAAS.replace("\"", "\\\"") + "\nsecurity.protocol=SASL_SSL\n");
    PipelineOptions o = parse(env, "--kafka-property", "security.protocol=SSL");
    assertEquals(JAAS, o.kafkaProperties().get("sasl.jaas.config"));
    assertEquals("SSL", o.kafkaProperties().get("security.protocol"));
    String bad =
        failure(Map.of(PipelineOptions.ENV_KAFKA_PROPERTIES, "a=\\u12" + SECRET.substring(0, 2)));
    assertTrue(bad.startsWith("USERSTREAM_KAFKA_PROPERTIES is not in properties format"), bad);
  }

  @Test
  void secretLookingKafkaKeysAreRecognised() {
    for (String key :
        List.of(
            "sasl.jaas.config",
            "ssl.key.password",
            "ssl.keystore.password",
            "ssl.truststore.password",
            "ssl.keystore.key",
            "sasl.oauthbearer.client.credentials.client.secret",
            "sasl.oauthbearer.token.endpoint.url.token")) {
      assertTrue(PipelineOptions.isSecretKafkaProperty(key), key);
    }
    for (String key :
        List.of("security.protocol", "sasl.mechanism", "ssl.truststore.location", "client.id")) {
      assertFalse(PipelineOptions.isSecretKafkaProperty(key), key);
    }
  }

  @Test
  void tlsOptionsParseAndValidate() {
    assertEquals(CassandraTls.DISABLED, PipelineOptions.defaults().cassandraTls());
    PipelineOptions o =
        parse(
            Map.of(),
            "--cassandra-ssl",
            "TRUE",
            "--cassandra-truststore",
            "/etc/client.truststore",
            "--cassandra-truststore-password",
            SECRET);
    CassandraTls tls = o.cassandraTls();
    assertTrue(tls.enabled());
    assertEquals(Optional.of("/etc/client.truststore"), tls.truststore());
    assertEquals(Optional.of(SECRET), tls.truststorePassword());
    assertEquals(Optional.empty(), tls.keystore());

    assertEquals(
        "--cassandra-ssl must be true or false, got 'yes'",
        failure(Map.of(), "--cassandra-ssl", "yes"));
    assertEquals(
        "--cassandra-truststore needs --cassandra-ssl true",
        failure(Map.of(), "--cassandra-truststore", "/ts"));
    assertEquals(
        "--cassandra-keystore-password (or env USERSTREAM_CASSANDRA_KEYSTORE_PASSWORD) is set but"
            + " --cassandra-keystore is not",
        failure(Map.of(), "--cassandra-ssl=true", "--cassandra-keystore-password", SECRET));
  }
}
