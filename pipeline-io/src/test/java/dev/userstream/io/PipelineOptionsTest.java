package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions.Mode;
import dev.userstream.io.PipelineOptions.StartingOffsets;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.Limits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shared options: defaults, both argument forms, messages, secrets, round trips. */
class PipelineOptionsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  /** Parses without the real environment, so a developer's exported password cannot leak in. */
  private static PipelineOptions parse(String... args) {
    return PipelineOptions.parse(args, NO_ENV);
  }

  private static PipelineOptions parseMap(Map<String, String> options, Map<String, String> env) {
    return new PipelineOptions(PipelineOptions.OPTIONS.parse(options, env));
  }

  private static String failure(String... args) {
    return assertThrows(OptionsException.class, () -> parse(args)).getMessage();
  }

  @Test
  void kafkaClientsGetTheBootstrapServersAndEveryKafkaProperty() {
    PipelineOptions p =
        PipelineOptions.parse(
            "--bootstrap-servers",
            "k1:9092,k2:9092",
            "--kafka-property",
            "security.protocol=SSL",
            "--kafka-property=bootstrap.servers=ignored:1");
    java.util.Properties props = p.kafkaClientProperties();
    assertEquals("k1:9092,k2:9092", props.getProperty("bootstrap.servers"), "the option wins");
    assertEquals("SSL", props.getProperty("security.protocol"));
    assertEquals(2, props.size());
  }

  @Test
  void defaultsMatchTheDesign() {
    PipelineOptions o = PipelineOptions.defaults();
    assertEquals("127.0.0.1:9092", o.bootstrapServers());
    assertEquals("users_created", o.topic());
    assertEquals(StartingOffsets.EARLIEST, o.startingOffsets());
    assertEquals(Map.of(), o.kafkaProperties());
    assertEquals(List.of("127.0.0.1"), o.cassandraHosts());
    assertEquals(9042, o.cassandraPort());
    assertEquals("datacenter1", o.cassandraDatacenter());
    assertEquals("spark_streams", o.keyspace());
    assertEquals(1, o.replicationFactor());
    assertEquals("created_users", o.usersTable());
    assertEquals("rejected_users", o.rejectsTable());
    assertEquals(Optional.empty(), o.cassandraUsername());
    assertEquals(Optional.empty(), o.cassandraPassword());
    assertEquals(".userstream/checkpoints", o.checkpointDir());
    assertEquals(Mode.AVAILABLE_NOW, o.mode());
    assertEquals(2, o.parallelism());
    assertEquals(1_048_576, o.maxRecordBytes());
    assertEquals(o, parse());
  }

  @Test
  void everyOptionParsesInBothForms() {
    PipelineOptions o =
        parse(
            "--bootstrap-servers",
            "kafka:29092",
            "--topic=users_v2",
            "--starting-offsets",
            "LATEST",
            "--cassandra-host=c1, c2",
            "--cassandra-port",
            "19042",
            "--cassandra-datacenter=dc1",
            "--keyspace",
            "ks",
            "--replication-factor=3",
            "--users-table",
            "u",
            "--rejects-table=r",
            "--checkpoint-dir",
            "/tmp/ck",
            "--mode=continuous",
            "--parallelism",
            "8",
            "--max-record-bytes=2048");
    assertEquals("kafka:29092", o.bootstrapServers());
    assertEquals("users_v2", o.topic());
    assertEquals(StartingOffsets.LATEST, o.startingOffsets());
    assertEquals(List.of("c1", "c2"), o.cassandraHosts());
    assertEquals(19042, o.cassandraPort());
    assertEquals("dc1", o.cassandraDatacenter());
    assertEquals(new CassandraSchema("ks", "u", "r", 3), o.cassandraSchema());
    assertEquals("/tmp/ck", o.checkpointDir());
    assertEquals(Mode.CONTINUOUS, o.mode());
    assertEquals(8, o.parallelism());
    assertEquals(new Limits(2048, 4096), o.limits());
  }

  @Test
  void kafkaPropertyRepeatsAndKeepsEqualsSignsInValues() {
    PipelineOptions o =
        parse(
            "--kafka-property",
            "security.protocol=SASL_SSL",
            "--kafka-property=sasl.jaas.config=Module required user=\"u\" password=\"p\";");
    assertEquals(
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.jaas.config", "Module required user=\"u\" password=\"p\";"),
        o.kafkaProperties());
  }

  @Test
  void toArgsRoundTripsThroughParse() {
    PipelineOptions o =
        PipelineOptions.builder()
            .topic("t1")
            .kafkaProperty("client.id", "a=b")
            .cassandraHosts(List.of("h1", "h2"))
            .cassandraUsername("cassandra")
            .cassandraPassword("s3cret")
            .mode(Mode.CONTINUOUS)
            .parallelism(4)
            .build();
    String[] args = o.toArgs().toArray(String[]::new);
    PipelineOptions back = PipelineOptions.parse(args, o.secretEnvironment());
    assertEquals(o, back);
    assertEquals(o, o.toBuilder().build());
  }

  @Test
  void passwordIsMaskedInToStringAndAbsentFromArgs() {
    PipelineOptions o =
        parse(
            "--cassandra-username",
            "admin",
            "--cassandra-password",
            "hunter2",
            "--kafka-property",
            "ssl.key.password=kp");
    assertTrue(o.toString().contains("cassandra-password=****"), o.toString());
    assertTrue(o.toString().contains("ssl.key.password=****"), o.toString());
    assertFalse(o.toString().contains("hunter2"));
    assertFalse(o.toString().contains("=kp"));
    assertFalse(String.join(" ", o.toArgs()).contains("hunter2"));
    assertTrue(o.toArgs().contains("--cassandra-username=admin"));
    assertFalse(String.join(" ", o.toArgs()).contains("ssl.key.password"));
    assertEquals(
        Map.of(
            "USERSTREAM_CASSANDRA_PASSWORD",
            "hunter2",
            "USERSTREAM_KAFKA_PROPERTIES",
            "ssl.key.password=kp\n"),
        o.secretEnvironment());
  }

  @Test
  void credentialsComeFromTheEnvironmentUnlessGiven() {
    Map<String, String> env =
        Map.of(
            "USERSTREAM_CASSANDRA_USERNAME", "envuser", "USERSTREAM_CASSANDRA_PASSWORD", "envpw");
    PipelineOptions fromEnv = PipelineOptions.parse(new String[0], env);
    assertEquals(Optional.of("envuser"), fromEnv.cassandraUsername());
    assertEquals(Optional.of("envpw"), fromEnv.cassandraPassword());
    PipelineOptions overridden =
        PipelineOptions.parse(new String[] {"--cassandra-username", "cli"}, env);
    assertEquals(Optional.of("cli"), overridden.cassandraUsername());
  }

  @Test
  void usernameWithoutPasswordIsRefused() {
    assertTrue(failure("--cassandra-username", "admin").contains("go together"));
  }

  @Test
  void unknownOptionPointsToHelp() {
    assertEquals("unknown option --foo (see --help)", failure("--foo", "1"));
    assertEquals("unknown option --topics (see --help)", failure("--topics=x"));
  }

  @Test
  void missingValueIsNamed() {
    assertEquals("missing value for --topic (see --help)", failure("--topic"));
    assertEquals("missing value for --topic (see --help)", failure("--topic", "--mode", "x"));
  }

  @Test
  void badIntegerNamesTheRange() {
    assertEquals(
        "--cassandra-port must be an integer 1..65535, got 'abc'",
        failure("--cassandra-port", "abc"));
    assertEquals(
        "--cassandra-port must be an integer 1..65535, got '70000'",
        failure("--cassandra-port=70000"));
    assertEquals(
        "--parallelism must be an integer 1..32768, got '0'", failure("--parallelism", "0"));
    assertThrows(OptionsException.class, () -> PipelineOptions.builder().cassandraPort(0).build());
  }

  @Test
  void badEnumListsTheAllowedValues() {
    assertEquals(
        "--mode must be one of continuous, available-now, got 'batch'", failure("--mode", "batch"));
    assertEquals(
        "--starting-offsets must be one of earliest, latest, got 'newest'",
        failure("--starting-offsets=newest"));
  }

  @Test
  void kafkaPropertyMustBeKeyValue() {
    assertEquals(
        "--kafka-property must be key=value, got 'acks'", failure("--kafka-property", "acks"));
    assertEquals("--kafka-property must be key=value, got '=1'", failure("--kafka-property", "=1"));
  }

  @Test
  void badNamesAreOneLineMessages() {
    assertEquals(
        "--topic must be 1..249 characters of [a-zA-Z0-9._-], got 'users created'",
        failure("--topic", "users created"));
    assertTrue(failure("--keyspace", "my-ks").startsWith("--keyspace must be a letter"));
    assertEquals(
        "--users-table and --rejects-table must differ",
        failure("--users-table", "t", "--rejects-table", "t"));
    assertTrue(failure("--cassandra-host", "a,,b").startsWith("--cassandra-host must be"));
  }

  @Test
  void repeatedSingleOptionAndStrayArgumentsAreRefused() {
    assertEquals("--topic given more than once", failure("--topic", "a", "--topic", "b"));
    assertTrue(failure("users_created").startsWith("unexpected argument 'users_created'"));
  }

  @Test
  void engineOptionsJoinTheSharedOnesOnOneCommandLine() {
    OptionKey<Integer> events = OptionKey.integer("events", 10, 1, 100, "events");
    OptionSet all = PipelineOptions.OPTIONS.plus(OptionSet.of("Extra", events));
    OptionValues v = all.parse(new String[] {"--topic", "t", "--events=50"}, NO_ENV);
    assertEquals("t", new PipelineOptions(v).topic());
    assertEquals(50, v.get(events));
    assertEquals(List.of("--topic=t", "--events=50"), v.toArgs(all));
    assertThrows(
        IllegalArgumentException.class,
        () -> PipelineOptions.OPTIONS.plus(OptionSet.of("Again", PipelineOptions.TOPIC)));
    assertTrue(all.usage().contains("Extra (--name value"));
  }

  @Test
  void valuesParsedElsewhereGetTheSameRulesAndFallbacksAsACommandLine() {
    OptionSet set = PipelineOptions.OPTIONS;
    OptionKey<Map<String, String>> kafka = PipelineOptions.KAFKA_PROPERTY;
    Map<String, String> env =
        Map.of(
            PipelineOptions.ENV_CASSANDRA_PASSWORD, "pw",
            PipelineOptions.ENV_KAFKA_PROPERTIES, "acks=1\nlinger.ms=5");
    Map<OptionKey<?>, List<?>> parsed =
        Map.of(
            PipelineOptions.TOPIC,
            List.of(PipelineOptions.TOPIC.parse("t")),
            kafka,
            List.of(kafka.parse("acks=all"), kafka.parse("security.protocol=SSL")));
    OptionValues v = set.values(parsed, env);

    assertEquals(
        set.parse(
            new String[] {
              "--topic=t", "--kafka-property=acks=all", "--kafka-property=security.protocol=SSL"
            },
            env),
        v);
    assertEquals("pw", v.get(PipelineOptions.CASSANDRA_PASSWORD));
    assertEquals(Map.of("acks", "all", "linger.ms", "5", "security.protocol", "SSL"), v.get(kafka));
    OptionsException twice =
        assertThrows(
            OptionsException.class,
            () -> set.values(Map.of(PipelineOptions.TOPIC, List.of("a", "b")), NO_ENV));
    assertEquals("--topic given more than once", twice.getMessage());
    OptionKey<Integer> other = OptionKey.integer("events", 10, 1, 100, "events");
    assertThrows(
        IllegalArgumentException.class, () -> set.values(Map.of(other, List.of(5)), NO_ENV));
  }

  @Test
  void oldNamesStillWork() {
    assertEquals(
        128, parse("--cassandra-max-concurrent-requests", "128").cassandraConcurrentWrites());
  }

  @Test
  void mapFormUsesOptionNamesAndPrefixedKafkaProperties() {
    PipelineOptions o =
        parseMap(
            Map.of(
                "topic", "t",
                "--mode", "continuous",
                "kafka-property.security.protocol", "SSL",
                "cassandra-port", "9043"),
            NO_ENV);
    assertEquals("t", o.topic());
    assertEquals(Mode.CONTINUOUS, o.mode());
    assertEquals(Map.of("security.protocol", "SSL"), o.kafkaProperties());
    assertEquals(9043, o.cassandraPort());
    assertThrows(OptionsException.class, () -> parseMap(Map.of("nope", "1"), NO_ENV));
  }

  @Test
  void describeCoversEveryOptionWithItsDefault() {
    Map<String, String> defaults =
        PipelineOptions.OPTIONS.keys().stream()
            .collect(Collectors.toMap(OptionKey::name, OptionKey::defaultText));
    assertEquals(27, defaults.size());
    assertEquals("0", defaults.get(PipelineOptions.METRICS_PORT.name()));
    assertEquals("available-now", defaults.get(PipelineOptions.MODE.name()));
    assertEquals("9042", defaults.get(PipelineOptions.CASSANDRA_PORT.name()));
    assertEquals("", defaults.get(PipelineOptions.CASSANDRA_PASSWORD.name()));
    assertTrue(PipelineOptions.usage().contains("--bootstrap-servers"));
    assertTrue(PipelineOptions.usage().contains("(default: users_created)"));
    // every described option is accepted by the parser
    for (OptionKey<?> spec : PipelineOptions.OPTIONS.keys()) {
      String message = assertThrows(RuntimeException.class, () -> parse(spec.flag())).getMessage();
      assertTrue(message.startsWith("missing value for " + spec.flag()), message);
    }
  }

  @Test
  void optionsAreSerializableValues() throws Exception {
    PipelineOptions o = parse("--topic", "t", "--kafka-property", "a=b");
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (var in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(o, in.readObject());
    }
  }

  @Test
  void theRecordLimitIsAPipelineOption() {
    PipelineOptions o = parse("--max-record-bytes", "4096");
    assertEquals(4096, o.limits().maxRecordBytes());
    assertEquals(dev.userstream.model.Limits.DEFAULT.maxFieldChars(), o.limits().maxFieldChars());
  }
}
