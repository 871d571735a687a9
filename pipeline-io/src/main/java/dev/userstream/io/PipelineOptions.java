package dev.userstream.io;

import dev.userstream.model.CassandraSchema;
import dev.userstream.model.Limits;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The options every component shares — the CLI, the Spark and Flink jobs, the producer and the
 * bench — declared once as {@link OptionKey}s in {@link #OPTIONS}, and the typed, validated view of
 * one set of values.
 *
 * <p>Precedence: command line, then environment (secrets and Kafka properties), then defaults.
 * Cassandra credentials, field by field: option, then its environment variable, then the {@code
 * --cassandra-credentials-file}. Secrets never leave by accident: {@link #toString()} masks them,
 * {@link #toArgs()} leaves them out and {@link #secretEnvironment()} carries them to a child.
 */
public final class PipelineOptions implements Serializable {
  private static final long serialVersionUID = 2L;

  public static final String ENV_CASSANDRA_USERNAME = "USERSTREAM_CASSANDRA_USERNAME";
  public static final String ENV_CASSANDRA_PASSWORD = "USERSTREAM_CASSANDRA_PASSWORD";
  public static final String ENV_CASSANDRA_TRUSTSTORE_PASSWORD =
      "USERSTREAM_CASSANDRA_TRUSTSTORE_PASSWORD";
  public static final String ENV_CASSANDRA_KEYSTORE_PASSWORD =
      "USERSTREAM_CASSANDRA_KEYSTORE_PASSWORD";

  /**
   * Extra Kafka client properties in Java properties format, below {@code --kafka-property} in
   * precedence: how secret ones (e.g. {@code sasl.jaas.config}) reach a child process.
   */
  public static final String ENV_KAFKA_PROPERTIES = "USERSTREAM_KAFKA_PROPERTIES";

  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
  public static final String DEFAULT_TOPIC = "users_created";
  public static final String DEFAULT_CASSANDRA_HOST = "127.0.0.1";
  public static final int DEFAULT_CASSANDRA_PORT = 9042;
  public static final String DEFAULT_CASSANDRA_DATACENTER = "datacenter1";
  public static final String DEFAULT_CHECKPOINT_DIR = ".userstream/checkpoints";
  public static final int DEFAULT_PARALLELISM = 2;

  /** What {@link #toString()} shows instead of a secret. */
  public static final String MASK = OptionValues.MASK;

  /** How long a job runs. */
  public enum Mode {
    /** Runs until stopped, checkpointing so a restart resumes where it stopped. */
    CONTINUOUS("continuous"),
    /** Processes what is in the topic at start, then exits 0 (what scheduled runs use). */
    AVAILABLE_NOW("available-now");

    private final String cliName;

    Mode(String cliName) {
      this.cliName = cliName;
    }

    /** The value as typed after {@code --mode}. */
    public String cliName() {
      return cliName;
    }
  }

  /** Where a job without a checkpoint starts reading the topic. */
  public enum StartingOffsets {
    EARLIEST("earliest"),
    LATEST("latest");

    private final String cliName;

    StartingOffsets(String cliName) {
      this.cliName = cliName;
    }

    /** The value as typed after {@code --starting-offsets}, also what Spark's option expects. */
    public String cliName() {
      return cliName;
    }
  }

  /** The consistency levels a write may use (the driver's names; SERIAL ones are read-only). */
  public static final List<String> CONSISTENCY_LEVELS =
      List.of(
          "ANY",
          "ONE",
          "TWO",
          "THREE",
          "QUORUM",
          "ALL",
          "LOCAL_ONE",
          "LOCAL_QUORUM",
          "EACH_QUORUM");

  public static final OptionKey<String> BOOTSTRAP_SERVERS =
      OptionKey.text(
              "bootstrap-servers",
              DEFAULT_BOOTSTRAP_SERVERS,
              "Kafka bootstrap servers, host:port[,host:port...]")
          .withValidator(v -> OptionRules.nonBlank("bootstrap-servers", v));
  public static final OptionKey<String> TOPIC =
      OptionKey.text("topic", DEFAULT_TOPIC, "Kafka topic of user events")
          .withValidator(v -> OptionRules.topic("topic", v));
  public static final OptionKey<StartingOffsets> STARTING_OFFSETS =
      OptionKey.choice(
          "starting-offsets",
          StartingOffsets.EARLIEST,
          StartingOffsets::cliName,
          "where a job without a checkpoint starts");
  public static final OptionKey<Map<String, String>> KAFKA_PROPERTY =
      OptionKey.properties(
              "kafka-property",
              OptionRules::isSecretKafkaKey,
              "extra Kafka client property key=value, repeatable (e.g. security.protocol=SSL);"
                  + " secret ones (sasl.jaas.config, *password*) are masked")
          .withEnv(ENV_KAFKA_PROPERTIES, KafkaPropertiesText::parse);
  public static final OptionKey<List<String>> CASSANDRA_HOST =
      OptionKey.list(
          "cassandra-host",
          List.of(DEFAULT_CASSANDRA_HOST),
          "Cassandra contact points, comma-separated host names");
  public static final OptionKey<Integer> CASSANDRA_PORT =
      OptionKey.integer(
          "cassandra-port", DEFAULT_CASSANDRA_PORT, 1, 65_535, "Cassandra native protocol port");
  public static final OptionKey<String> CASSANDRA_DATACENTER =
      OptionKey.text(
              "cassandra-datacenter",
              DEFAULT_CASSANDRA_DATACENTER,
              "Cassandra local datacenter, as the driver requires")
          .withValidator(v -> OptionRules.nonBlank("cassandra-datacenter", v));
  public static final OptionKey<String> KEYSPACE =
      OptionKey.text(
              "keyspace", CassandraSchema.DEFAULT_KEYSPACE, "Cassandra keyspace, created if absent")
          .withValidator(v -> OptionRules.identifier("keyspace", v));
  public static final OptionKey<Integer> REPLICATION_FACTOR =
      OptionKey.integer(
          "replication-factor",
          CassandraSchema.DEFAULT_REPLICATION_FACTOR,
          1,
          99,
          "SimpleStrategy replication factor of a keyspace created here");
  public static final OptionKey<String> USERS_TABLE =
      OptionKey.text("users-table", CassandraSchema.DEFAULT_USERS_TABLE, "table of valid users")
          .withValidator(v -> OptionRules.identifier("users-table", v));
  public static final OptionKey<String> REJECTS_TABLE =
      OptionKey.text(
              "rejects-table",
              CassandraSchema.DEFAULT_REJECTS_TABLE,
              "table of rejected records with their reason")
          .withValidator(v -> OptionRules.identifier("rejects-table", v));
  public static final OptionKey<String> CASSANDRA_USERNAME =
      OptionKey.text("cassandra-username", null, "Cassandra user")
          .withValidator(v -> OptionRules.nonBlank("cassandra-username", v))
          .withEnv(ENV_CASSANDRA_USERNAME);
  public static final OptionKey<String> CASSANDRA_PASSWORD =
      OptionKey.text(
              "cassandra-password",
              null,
              "Cassandra password; prefer the environment variable or a credentials file (never"
                  + " printed, never on a child's command line)")
          .asSecret(ENV_CASSANDRA_PASSWORD);
  public static final OptionKey<String> CASSANDRA_CREDENTIALS_FILE =
      OptionKey.text(
          "cassandra-credentials-file",
          null,
          "properties file with username= and password=; the options above and their env"
              + " variables take precedence");
  public static final OptionKey<Boolean> CASSANDRA_SSL =
      OptionKey.bool("cassandra-ssl", false, "encrypt Cassandra connections with TLS");
  public static final OptionKey<String> CASSANDRA_TRUSTSTORE =
      OptionKey.text(
          "cassandra-truststore",
          null,
          "JKS/PKCS12 truststore that verifies Cassandra's certificate (default: the JVM's)");
  public static final OptionKey<String> CASSANDRA_TRUSTSTORE_PASSWORD =
      OptionKey.text("cassandra-truststore-password", null, "truststore password (never printed)")
          .asSecret(ENV_CASSANDRA_TRUSTSTORE_PASSWORD);
  public static final OptionKey<String> CASSANDRA_KEYSTORE =
      OptionKey.text(
          "cassandra-keystore",
          null,
          "JKS/PKCS12 keystore with a client certificate, for servers that require one");
  public static final OptionKey<String> CASSANDRA_KEYSTORE_PASSWORD =
      OptionKey.text("cassandra-keystore-password", null, "keystore password (never printed)")
          .asSecret(ENV_CASSANDRA_KEYSTORE_PASSWORD);
  public static final OptionKey<String> CASSANDRA_CONSISTENCY =
      OptionKey.text(
              "cassandra-consistency",
              "LOCAL_QUORUM",
              "consistency level of every write: " + String.join(", ", CONSISTENCY_LEVELS))
          .withValidator(PipelineOptions::consistency);
  // The driver opens one connection per node and a connection takes 1,024 requests at once; the
  // tasks of one Spark executor share it (2 tasks x 1,024 overran it in a bench run), hence 512.
  // 64 measured best for both engines on the bench machine (Spark 64/256: 7,470/6,735 rows/s;
  // Flink 16/64/256: 4,794/8,617/7,092 rows/s): more in flight only queues inside Cassandra.
  public static final OptionKey<Integer> CASSANDRA_CONCURRENT_WRITES =
      OptionKey.integer(
              "cassandra-concurrent-writes",
              64,
              1,
              512,
              "Cassandra writes in flight per task (Spark) or sink subtask (Flink)")
          .withAlias("cassandra-max-concurrent-requests");
  public static final OptionKey<Duration> CONNECT_TIMEOUT =
      OptionKey.duration(
          "connect-timeout",
          Duration.ofSeconds(15),
          Duration.ofMillis(100),
          "how long the start-up checks wait for Kafka and Cassandra before one clear error");
  public static final OptionKey<String> CHECKPOINT_DIR =
      OptionKey.text(
              "checkpoint-dir",
              DEFAULT_CHECKPOINT_DIR,
              "checkpoint directory or URI, so a restarted job resumes where it stopped")
          .withValidator(v -> OptionRules.nonBlank("checkpoint-dir", v));
  public static final OptionKey<Mode> MODE =
      OptionKey.choice(
          "mode",
          Mode.AVAILABLE_NOW,
          Mode::cliName,
          "continuous (run until stopped) | available-now (process what is there, exit 0)");
  public static final OptionKey<Integer> PARALLELISM =
      OptionKey.integer(
          "parallelism", DEFAULT_PARALLELISM, 1, 32_768, "engine parallelism"); // Flink's max
  public static final OptionKey<Integer> MAX_RECORD_BYTES =
      OptionKey.integer(
          "max-record-bytes",
          Limits.DEFAULT.maxRecordBytes(),
          1,
          1 << 30,
          "Kafka values larger than this are rejected as TOO_LARGE without parsing");

  public static final OptionKey<Integer> METRICS_PORT =
      OptionKey.integer(
          "metrics-port",
          0,
          0,
          65_535,
          "serve Prometheus metrics at http://<host>:N/metrics on every interface (0: off)");

  /** Every shared option, in {@code --help} and docs order. */
  public static final OptionSet OPTIONS =
      OptionSet.of(
          "Pipeline options",
          BOOTSTRAP_SERVERS,
          TOPIC,
          STARTING_OFFSETS,
          KAFKA_PROPERTY,
          CASSANDRA_HOST,
          CASSANDRA_PORT,
          CASSANDRA_DATACENTER,
          KEYSPACE,
          REPLICATION_FACTOR,
          USERS_TABLE,
          REJECTS_TABLE,
          CASSANDRA_USERNAME,
          CASSANDRA_PASSWORD,
          CASSANDRA_CREDENTIALS_FILE,
          CASSANDRA_SSL,
          CASSANDRA_TRUSTSTORE,
          CASSANDRA_TRUSTSTORE_PASSWORD,
          CASSANDRA_KEYSTORE,
          CASSANDRA_KEYSTORE_PASSWORD,
          CASSANDRA_CONSISTENCY,
          CASSANDRA_CONCURRENT_WRITES,
          CONNECT_TIMEOUT,
          CHECKPOINT_DIR,
          MODE,
          PARALLELISM,
          MAX_RECORD_BYTES,
          METRICS_PORT);

  /** What a credentials failure message adds, so the user knows where the values came from. */
  public static final String CREDENTIALS_HINT =
      "check --cassandra-username/--cassandra-password, --cassandra-credentials-file or "
          + ENV_CASSANDRA_USERNAME
          + "/"
          + ENV_CASSANDRA_PASSWORD;

  private final OptionValues values;
  private final String cassandraUsername;
  private final String cassandraPassword;
  private final CassandraTls cassandraTls;

  /**
   * The typed view of {@code values} (which may hold other sets' options too), with the checks that
   * span options.
   *
   * @throws OptionsException naming the first bad option
   */
  public PipelineOptions(OptionValues values) {
    this.values = values;
    if (usersTable().equalsIgnoreCase(rejectsTable())) {
      throw new OptionsException("--users-table and --rejects-table must differ");
    }
    String file = values.get(CASSANDRA_CREDENTIALS_FILE);
    CredentialsFile credentials = file == null ? null : CredentialsFile.read(file);
    cassandraUsername =
        firstSet(
            values.get(CASSANDRA_USERNAME), credentials == null ? null : credentials.username());
    cassandraPassword =
        firstSet(
            values.get(CASSANDRA_PASSWORD), credentials == null ? null : credentials.password());
    if ((cassandraUsername == null) != (cassandraPassword == null)) {
      throw new OptionsException(
          "--cassandra-username and --cassandra-password go together (either may come from "
              + "--cassandra-credentials-file or "
              + ENV_CASSANDRA_USERNAME
              + "/"
              + ENV_CASSANDRA_PASSWORD
              + ")");
    }
    cassandraTls =
        new CassandraTls(
            values.get(CASSANDRA_SSL),
            values.get(CASSANDRA_TRUSTSTORE),
            values.get(CASSANDRA_TRUSTSTORE_PASSWORD),
            values.get(CASSANDRA_KEYSTORE),
            values.get(CASSANDRA_KEYSTORE_PASSWORD));
  }

  /**
   * The one line for a login Cassandra refused, the same in every component: it names the user,
   * never the password, says where credentials come from, and says so when none were given.
   *
   * @param where the node, {@code host:port}
   * @param username the user that was refused, or null when no credentials were given
   */
  public static String rejectedCredentials(String where, String username) {
    if (username == null || username.isEmpty()) {
      return "Cassandra at "
          + where
          + " requires a login and no credentials were given ("
          + CREDENTIALS_HINT
          + ")";
    }
    return "Cassandra at "
        + where
        + " rejected the credentials of user '"
        + username
        + "' ("
        + CREDENTIALS_HINT
        + ")";
  }

  /** Every option at its default, ignoring the environment. */
  public static PipelineOptions defaults() {
    return new PipelineOptions(OptionValues.none());
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder(OptionValues.none());
  }

  /**
   * Parses a command line; options missing from it are taken from the environment.
   *
   * @throws OptionsException with a one-line message for an unknown, missing or bad option
   */
  public static PipelineOptions parse(String... args) {
    return new PipelineOptions(OPTIONS.parse(args, System.getenv()));
  }

  /**
   * Parses a job's command line: the shared options and the job's own {@code engine} ones, which
   * {@link #get} then reads.
   */
  public static PipelineOptions parse(OptionSet engine, String... args) {
    return new PipelineOptions(OPTIONS.plus(engine).parse(args, System.getenv()));
  }

  /** Parses a command line with {@code env} as the environment (tests pass their own). */
  public static PipelineOptions parse(String[] args, Map<String, String> env) {
    return new PipelineOptions(OPTIONS.parse(args, env));
  }

  /**
   * Parses name/value pairs, e.g. an Airflow conf or a properties file: keys are option names
   * (leading {@code --} allowed); Kafka properties are keys {@code kafka-property.<key>}.
   */
  public static PipelineOptions parse(Map<String, String> options) {
    return new PipelineOptions(OPTIONS.parse(options, System.getenv()));
  }

  /** The {@code --help} text of the shared options. */
  public static String usage() {
    return OPTIONS.usage();
  }

  /** The {@code --help} text of the shared options and a job's own. */
  public static String usage(OptionSet engine) {
    return OPTIONS.plus(engine).usage();
  }

  /** The values behind this view, engine options included when they were parsed together. */
  public OptionValues values() {
    return values;
  }

  /** The value of one option. */
  public <T> T get(OptionKey<T> key) {
    return values.get(key);
  }

  public String bootstrapServers() {
    return values.get(BOOTSTRAP_SERVERS);
  }

  public String topic() {
    return values.get(TOPIC);
  }

  public StartingOffsets startingOffsets() {
    return values.get(STARTING_OFFSETS);
  }

  /** Extra Kafka client properties, sorted by key so that equality ignores their order. */
  public Map<String, String> kafkaProperties() {
    return new java.util.TreeMap<>(values.get(KAFKA_PROPERTY));
  }

  /**
   * What every Kafka client of the pipeline is configured with: the {@code --kafka-property}
   * settings (security, tuning) and {@code bootstrap.servers} from {@code --bootstrap-servers}.
   */
  public Properties kafkaClientProperties() {
    Properties props = new Properties();
    props.putAll(kafkaProperties());
    props.put("bootstrap.servers", bootstrapServers());
    return props;
  }

  /** Cassandra contact points (host names; the port is {@link #cassandraPort()}). */
  public List<String> cassandraHosts() {
    return values.get(CASSANDRA_HOST);
  }

  public int cassandraPort() {
    return values.get(CASSANDRA_PORT);
  }

  /** {@code host,host:port}, as messages name the cluster. */
  public String cassandraAddress() {
    return String.join(",", cassandraHosts()) + ":" + cassandraPort();
  }

  public String cassandraDatacenter() {
    return values.get(CASSANDRA_DATACENTER);
  }

  public String keyspace() {
    return values.get(KEYSPACE);
  }

  public int replicationFactor() {
    return values.get(REPLICATION_FACTOR);
  }

  public String usersTable() {
    return values.get(USERS_TABLE);
  }

  public String rejectsTable() {
    return values.get(REJECTS_TABLE);
  }

  public Optional<String> cassandraUsername() {
    return Optional.ofNullable(cassandraUsername);
  }

  public Optional<String> cassandraPassword() {
    return Optional.ofNullable(cassandraPassword);
  }

  /** TLS of the Cassandra connections: {@link CassandraTls#DISABLED} unless --cassandra-ssl. */
  public CassandraTls cassandraTls() {
    return cassandraTls;
  }

  /** The consistency level of every write, a driver constant's name. */
  public String cassandraConsistency() {
    return values.get(CASSANDRA_CONSISTENCY);
  }

  /** Writes in flight per task or sink subtask. */
  public int cassandraConcurrentWrites() {
    return values.get(CASSANDRA_CONCURRENT_WRITES);
  }

  /** How long start-up checks wait for a service. */
  public Duration connectTimeout() {
    return values.get(CONNECT_TIMEOUT);
  }

  /** True for Kafka keys whose values are secrets (passwords, JAAS configs, private keys). */
  public static boolean isSecretKafkaProperty(String key) {
    return OptionRules.isSecretKafkaKey(key);
  }

  public String checkpointDir() {
    return values.get(CHECKPOINT_DIR);
  }

  public Mode mode() {
    return values.get(MODE);
  }

  public int parallelism() {
    return values.get(PARALLELISM);
  }

  public int maxRecordBytes() {
    return values.get(MAX_RECORD_BYTES);
  }

  /** The CQL of the configured keyspace and tables. */
  public CassandraSchema cassandraSchema() {
    return new CassandraSchema(keyspace(), usersTable(), rejectsTable(), replicationFactor());
  }

  /** The transform limits: {@code --max-record-bytes} and the default field limit. */
  public Limits limits() {
    return Limits.ofRecordBytes(maxRecordBytes());
  }

  /** A builder holding these values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(values);
  }

  /**
   * The given options as {@code --name=value} arguments that parse back into equal options, except
   * the secrets, which are left out (pass {@link #secretEnvironment()}).
   */
  public List<String> toArgs() {
    return values.toArgs(OPTIONS);
  }

  /** {@link #toArgs()} followed by the given options of a job's own {@code engine} set. */
  public List<String> toArgs(OptionSet engine) {
    return values.toArgs(OPTIONS.plus(engine));
  }

  /**
   * The environment a child process needs for what {@link #toArgs()} leaves out: the Cassandra and
   * TLS store passwords, and the secret Kafka properties as {@value #ENV_KAFKA_PROPERTIES}. A
   * password from a credentials file travels too (the child may not see the file).
   */
  public Map<String, String> secretEnvironment() {
    Map<String, String> env = new java.util.TreeMap<>(values.secretEnvironment(OPTIONS));
    if (cassandraPassword != null) {
      env.put(ENV_CASSANDRA_PASSWORD, cassandraPassword);
    }
    return java.util.Collections.unmodifiableMap(env);
  }

  /** All options, the secrets masked. */
  @Override
  public String toString() {
    return "PipelineOptions{" + values.display(OPTIONS) + "}";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PipelineOptions other)) {
      return false;
    }
    for (OptionKey<?> key : OPTIONS.keys()) {
      if (!Objects.equals(values.get(key), other.values.get(key))) {
        return false;
      }
    }
    // Options of other sets (a job's own) parsed with these count too.
    return values.given().equals(other.values.given())
        || (Objects.equals(cassandraUsername, other.cassandraUsername)
            && Objects.equals(cassandraPassword, other.cassandraPassword)
            && othersOf(values).equals(othersOf(other.values)));
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic(), keyspace(), bootstrapServers(), cassandraHosts());
  }

  private static Map<String, Object> othersOf(OptionValues v) {
    Map<String, Object> others = new java.util.TreeMap<>(v.given());
    OPTIONS.keys().forEach(key -> others.remove(key.name()));
    return others;
  }

  private static String consistency(String text) {
    String upper = text.strip().toUpperCase(java.util.Locale.ROOT);
    if (!CONSISTENCY_LEVELS.contains(upper)) {
      throw new OptionsException(
          "--cassandra-consistency must be one of "
              + String.join(", ", CONSISTENCY_LEVELS)
              + ", got '"
              + text
              + "'");
    }
    return upper;
  }

  private static String firstSet(String first, String second) {
    return first != null && !first.isEmpty() ? first : second;
  }

  /**
   * Staging for {@link PipelineOptions}: each setter validates its value, {@link #build()} the
   * rest.
   */
  public static final class Builder {
    private OptionValues values;

    private Builder(OptionValues values) {
      this.values = values;
    }

    /** Sets (null: clears) one option. */
    public <T> Builder set(OptionKey<T> key, T value) {
      values = values.with(key, value);
      return this;
    }

    public Builder bootstrapServers(String value) {
      return set(BOOTSTRAP_SERVERS, value);
    }

    public Builder topic(String value) {
      return set(TOPIC, value);
    }

    public Builder startingOffsets(StartingOffsets value) {
      return set(STARTING_OFFSETS, value);
    }

    /** Adds (or replaces) one Kafka client property. */
    public Builder kafkaProperty(String key, String value) {
      if (key == null || key.isBlank() || value == null) {
        throw new OptionsException("--kafka-property must be key=value, got '" + key + "'");
      }
      Map<String, String> merged = new java.util.LinkedHashMap<>(values.get(KAFKA_PROPERTY));
      merged.put(key.strip(), value);
      return set(KAFKA_PROPERTY, merged);
    }

    public Builder cassandraHosts(List<String> hosts) {
      return set(CASSANDRA_HOST, OptionRules.items("cassandra-host", String.join(",", hosts)));
    }

    public Builder cassandraPort(int value) {
      return set(CASSANDRA_PORT, value);
    }

    public Builder cassandraDatacenter(String value) {
      return set(CASSANDRA_DATACENTER, value);
    }

    public Builder keyspace(String value) {
      return set(KEYSPACE, value);
    }

    public Builder replicationFactor(int value) {
      return set(REPLICATION_FACTOR, value);
    }

    public Builder usersTable(String value) {
      return set(USERS_TABLE, value);
    }

    public Builder rejectsTable(String value) {
      return set(REJECTS_TABLE, value);
    }

    /** Null clears it. */
    public Builder cassandraUsername(String value) {
      return set(CASSANDRA_USERNAME, value);
    }

    /** Null clears it. */
    public Builder cassandraPassword(String value) {
      return set(CASSANDRA_PASSWORD, value);
    }

    /** A properties file with {@code username} and {@code password}; null clears it. */
    public Builder cassandraCredentialsFile(String path) {
      return set(CASSANDRA_CREDENTIALS_FILE, path == null || path.isBlank() ? null : path.strip());
    }

    public Builder cassandraSsl(boolean value) {
      return set(CASSANDRA_SSL, value);
    }

    /** Null clears it. */
    public Builder cassandraTruststore(String path) {
      return set(CASSANDRA_TRUSTSTORE, path);
    }

    /** Null clears it. */
    public Builder cassandraTruststorePassword(String value) {
      return set(CASSANDRA_TRUSTSTORE_PASSWORD, value);
    }

    /** Null clears it. */
    public Builder cassandraKeystore(String path) {
      return set(CASSANDRA_KEYSTORE, path);
    }

    /** Null clears it. */
    public Builder cassandraKeystorePassword(String value) {
      return set(CASSANDRA_KEYSTORE_PASSWORD, value);
    }

    public Builder checkpointDir(String value) {
      return set(CHECKPOINT_DIR, value);
    }

    public Builder mode(Mode value) {
      return set(MODE, value);
    }

    public Builder parallelism(int value) {
      return set(PARALLELISM, value);
    }

    public Builder maxRecordBytes(int value) {
      return set(MAX_RECORD_BYTES, value);
    }

    /** Takes what {@code env} holds for options not set yet (Kafka properties: merged below). */
    public Builder secretsFromEnv(Map<String, String> env) {
      OptionValues fromEnv = OPTIONS.parse(new String[0], env);
      for (OptionKey<?> key : OPTIONS.keys()) {
        if (fromEnv.isGiven(key)) {
          copy(fromEnv, key);
        }
      }
      return this;
    }

    private <T> void copy(OptionValues from, OptionKey<T> key) {
      if (key == KAFKA_PROPERTY) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(from.get(KAFKA_PROPERTY));
        merged.putAll(values.get(KAFKA_PROPERTY));
        values = values.with(KAFKA_PROPERTY, merged);
      } else if (!values.isGiven(key)) {
        values = values.with(key, from.get(key));
      }
    }

    /**
     * The options, validated.
     *
     * @throws OptionsException naming the first bad option
     */
    public PipelineOptions build() {
      return new PipelineOptions(values);
    }
  }
}
