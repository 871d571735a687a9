package dev.userstream.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one immutable, typed configuration shared by the CLI, the Spark job, the Flink job and the
 * producer: same names, same defaults, same validation everywhere.
 *
 * <p>On a command line every option is {@code --name value} or {@code --name=value} (use the {@code
 * =} form for a value that starts with {@code --}); {@code --kafka-property} repeats, any other
 * option given twice is an error. Precedence: command line, then environment (secrets and Kafka
 * properties only, see {@link #secretEnvironment()}), then defaults. Cassandra credentials, field
 * by field: {@code --cassandra-username}/{@code --cassandra-password}, then {@value
 * #ENV_CASSANDRA_USERNAME}/{@value #ENV_CASSANDRA_PASSWORD}, then the {@code
 * --cassandra-credentials-file} (the usual order: options, environment, files).
 *
 * <p>Secrets (the Cassandra password, the TLS store passwords, secret-looking Kafka properties such
 * as {@code sasl.jaas.config}) never leave this object by accident: {@link #toString()} masks them,
 * and {@link #toArgs()} omits them because a command line is visible to every user of the machine
 * ({@code ps}). A parent starting a child JVM or spark-submit passes {@link #secretEnvironment()}
 * as the child's environment instead.
 */
public final class PipelineOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String BOOTSTRAP_SERVERS = "bootstrap-servers";
  public static final String TOPIC = "topic";
  public static final String STARTING_OFFSETS = "starting-offsets";
  public static final String KAFKA_PROPERTY = "kafka-property";
  public static final String CASSANDRA_HOST = "cassandra-host";
  public static final String CASSANDRA_PORT = "cassandra-port";
  public static final String CASSANDRA_DATACENTER = "cassandra-datacenter";
  public static final String KEYSPACE = "keyspace";
  public static final String REPLICATION_FACTOR = "replication-factor";
  public static final String USERS_TABLE = "users-table";
  public static final String REJECTS_TABLE = "rejects-table";
  public static final String CASSANDRA_USERNAME = "cassandra-username";
  public static final String CASSANDRA_PASSWORD = "cassandra-password";
  public static final String CASSANDRA_CREDENTIALS_FILE = "cassandra-credentials-file";
  public static final String CASSANDRA_SSL = "cassandra-ssl";
  public static final String CASSANDRA_TRUSTSTORE = "cassandra-truststore";
  public static final String CASSANDRA_TRUSTSTORE_PASSWORD = "cassandra-truststore-password";
  public static final String CASSANDRA_KEYSTORE = "cassandra-keystore";
  public static final String CASSANDRA_KEYSTORE_PASSWORD = "cassandra-keystore-password";
  public static final String CHECKPOINT_DIR = "checkpoint-dir";
  public static final String MODE = "mode";
  public static final String PARALLELISM = "parallelism";
  public static final String MAX_RECORD_BYTES = "max-record-bytes";

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

  /** What a credentials failure message adds, so the user knows where the values came from. */
  public static final String CREDENTIALS_HINT =
      "check --cassandra-username/--cassandra-password, --cassandra-credentials-file or "
          + ENV_CASSANDRA_USERNAME
          + "/"
          + ENV_CASSANDRA_PASSWORD;

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

  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
  public static final String DEFAULT_TOPIC = "users_created";
  public static final String DEFAULT_CASSANDRA_HOST = "127.0.0.1";
  public static final int DEFAULT_CASSANDRA_PORT = 9042;
  public static final String DEFAULT_CASSANDRA_DATACENTER = "datacenter1";
  public static final String DEFAULT_CHECKPOINT_DIR = ".userstream/checkpoints";
  public static final int DEFAULT_PARALLELISM = 2;

  /** What {@link #toString()} shows instead of a secret. */
  public static final String MASK = "****";

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

  private final String bootstrapServers;
  private final String topic;
  private final StartingOffsets startingOffsets;
  private final Map<String, String> kafkaProperties;
  private final List<String> cassandraHosts;
  private final int cassandraPort;
  private final String cassandraDatacenter;
  private final String keyspace;
  private final int replicationFactor;
  private final String usersTable;
  private final String rejectsTable;
  private final String cassandraUsername;
  private final String cassandraPassword;
  private final CassandraTls cassandraTls;
  private final String checkpointDir;
  private final Mode mode;
  private final int parallelism;
  private final int maxRecordBytes;

  private PipelineOptions(Builder b) {
    bootstrapServers = OptionRules.nonBlank(BOOTSTRAP_SERVERS, b.bootstrapServers);
    topic = OptionRules.topic(b.topic);
    startingOffsets = Objects.requireNonNull(b.startingOffsets, STARTING_OFFSETS);
    kafkaProperties = Collections.unmodifiableMap(new TreeMap<>(b.kafkaProperties));
    cassandraHosts = OptionRules.hosts(b.cassandraHosts);
    cassandraPort = OptionRules.checkInt(CASSANDRA_PORT, b.cassandraPort);
    cassandraDatacenter = OptionRules.nonBlank(CASSANDRA_DATACENTER, b.cassandraDatacenter);
    replicationFactor = OptionRules.checkInt(REPLICATION_FACTOR, b.replicationFactor);
    keyspace = OptionRules.identifier(KEYSPACE, b.keyspace);
    usersTable = OptionRules.identifier(USERS_TABLE, b.usersTable);
    rejectsTable = OptionRules.identifier(REJECTS_TABLE, b.rejectsTable);
    if (usersTable.equalsIgnoreCase(rejectsTable)) {
      throw new OptionsException("--users-table and --rejects-table must differ");
    }
    CredentialsFile file =
        b.credentialsFile == null ? null : CredentialsFile.read(b.credentialsFile);
    String username =
        firstSet(b.cassandraUsername, b.envUsername, file == null ? null : file.username());
    cassandraUsername =
        username == null ? null : OptionRules.nonBlank(CASSANDRA_USERNAME, username);
    cassandraPassword =
        firstSet(b.cassandraPassword, b.envPassword, file == null ? null : file.password());
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
            b.cassandraSsl,
            b.cassandraTruststore,
            firstSet(b.cassandraTruststorePassword, b.envTruststorePassword, null),
            b.cassandraKeystore,
            firstSet(b.cassandraKeystorePassword, b.envKeystorePassword, null));
    checkpointDir = OptionRules.nonBlank(CHECKPOINT_DIR, b.checkpointDir);
    mode = Objects.requireNonNull(b.mode, MODE);
    parallelism = OptionRules.checkInt(PARALLELISM, b.parallelism);
    maxRecordBytes = OptionRules.checkInt(MAX_RECORD_BYTES, b.maxRecordBytes);
  }

  /** Every option at its default, ignoring the environment. */
  public static PipelineOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses a command line; credentials missing from it are taken from the environment.
   *
   * @throws OptionsException with a one-line message for an unknown, missing or bad option
   */
  public static PipelineOptions parse(String... args) {
    return OptionsParser.parse(args, Set.of(), new HashMap<>(), System.getenv());
  }

  /**
   * Parses a command line that also carries a caller's own options: each name in {@code extraNames}
   * (without dashes, taking a value like any option) is put into {@code extrasOut} instead of being
   * refused as unknown. A job main uses it for e.g. {@code --engine-tag}.
   */
  public static PipelineOptions parse(
      String[] args, Set<String> extraNames, Map<String, String> extrasOut) {
    return OptionsParser.parse(args, extraNames, extrasOut, System.getenv());
  }

  /**
   * Parses name/value pairs, e.g. an Airflow conf or a properties file: keys are option names
   * (leading {@code --} allowed); Kafka properties are keys {@code kafka-property.<key>}.
   */
  public static PipelineOptions parse(Map<String, String> options) {
    return OptionsParser.parse(options, System.getenv());
  }

  /** Every option with its default and a one-line description, in a stable order. */
  public static List<OptionSpec> describe() {
    return OptionsParser.SPECS;
  }

  /** A multi-line usage text built from {@link #describe()}, for {@code --help}. */
  public static String usage() {
    return OptionsParser.usage();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String topic() {
    return topic;
  }

  public StartingOffsets startingOffsets() {
    return startingOffsets;
  }

  /** Extra Kafka consumer properties, sorted by key so that equality ignores their order. */
  public Map<String, String> kafkaProperties() {
    return kafkaProperties;
  }

  /** Cassandra contact points (host names; the port is {@link #cassandraPort()}). */
  public List<String> cassandraHosts() {
    return cassandraHosts;
  }

  public int cassandraPort() {
    return cassandraPort;
  }

  public String cassandraDatacenter() {
    return cassandraDatacenter;
  }

  public String keyspace() {
    return keyspace;
  }

  public int replicationFactor() {
    return replicationFactor;
  }

  public String usersTable() {
    return usersTable;
  }

  public String rejectsTable() {
    return rejectsTable;
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

  /** True for Kafka keys whose values are secrets (passwords, JAAS configs, private keys). */
  public static boolean isSecretKafkaProperty(String key) {
    return OptionRules.isSecretKafkaKey(key);
  }

  public String checkpointDir() {
    return checkpointDir;
  }

  public Mode mode() {
    return mode;
  }

  public int parallelism() {
    return parallelism;
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  /** The CQL of the configured keyspace and tables. */
  public CassandraSchema cassandraSchema() {
    return new CassandraSchema(keyspace, usersTable, rejectsTable, replicationFactor);
  }

  /** The transform limits: {@code --max-record-bytes} and the default field limit. */
  public Limits limits() {
    return Limits.ofRecordBytes(maxRecordBytes);
  }

  /** A builder holding these values, to derive a changed copy. */
  public Builder toBuilder() {
    // Through the option text, the one conversion path, so a copy cannot miss a field.
    Builder b = new Builder();
    for (Map.Entry<String, String> option : values(View.ALL)) {
      OptionsParser.apply(b, option.getKey(), option.getValue());
    }
    return b;
  }

  /**
   * Every option as {@code --name=value} arguments that {@link #parse(String...)} turns back into
   * an equal object, except the secrets, which are omitted (pass {@link #secretEnvironment()}).
   */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> option : values(View.ARGS)) {
      args.add("--" + option.getKey() + "=" + option.getValue());
    }
    return args;
  }

  /**
   * The environment a child process needs for what {@link #toArgs()} leaves out: the Cassandra and
   * TLS store passwords, and the secret Kafka properties as {@value #ENV_KAFKA_PROPERTIES}.
   */
  public Map<String, String> secretEnvironment() {
    Map<String, String> env = new TreeMap<>();
    if (cassandraPassword != null) {
      env.put(ENV_CASSANDRA_PASSWORD, cassandraPassword);
    }
    cassandraTls
        .truststorePassword()
        .ifPresent(pw -> env.put(ENV_CASSANDRA_TRUSTSTORE_PASSWORD, pw));
    cassandraTls.keystorePassword().ifPresent(pw -> env.put(ENV_CASSANDRA_KEYSTORE_PASSWORD, pw));
    Map<String, String> secretKafka = new TreeMap<>();
    kafkaProperties.forEach(
        (key, value) -> {
          if (OptionRules.isSecretKafkaKey(key)) {
            secretKafka.put(key, value);
          }
        });
    if (!secretKafka.isEmpty()) {
      env.put(ENV_KAFKA_PROPERTIES, KafkaPropertiesText.format(secretKafka));
    }
    return Collections.unmodifiableMap(env);
  }

  /** All options, the secrets masked. */
  @Override
  public String toString() {
    List<String> shown = new ArrayList<>();
    for (Map.Entry<String, String> option : values(View.DISPLAY)) {
      shown.add(option.getKey() + "=" + option.getValue());
    }
    return "PipelineOptions{" + String.join(", ", shown) + "}";
  }

  /** Which options {@link #values} lists, and how it shows the secrets. */
  private enum View {
    /** Every value as is: for copies and equality. */
    ALL,
    /** Secrets left out: for child command lines. */
    ARGS,
    /** Secrets masked: for people and logs. */
    DISPLAY
  }

  /** Options as (name, value) in {@link #describe()} order, a Kafka property per entry. */
  private List<Map.Entry<String, String>> values(View view) {
    List<Map.Entry<String, String>> v = new ArrayList<>();
    v.add(Map.entry(BOOTSTRAP_SERVERS, bootstrapServers));
    v.add(Map.entry(TOPIC, topic));
    v.add(Map.entry(STARTING_OFFSETS, startingOffsets.cliName()));
    kafkaProperties.forEach(
        (key, value) -> {
          boolean secret = OptionRules.isSecretKafkaKey(key);
          if (!(secret && view == View.ARGS)) {
            String shown = secret && view == View.DISPLAY ? MASK : value;
            v.add(Map.entry(KAFKA_PROPERTY, key + "=" + shown));
          }
        });
    v.add(Map.entry(CASSANDRA_HOST, String.join(",", cassandraHosts)));
    v.add(Map.entry(CASSANDRA_PORT, String.valueOf(cassandraPort)));
    v.add(Map.entry(CASSANDRA_DATACENTER, cassandraDatacenter));
    v.add(Map.entry(KEYSPACE, keyspace));
    v.add(Map.entry(REPLICATION_FACTOR, String.valueOf(replicationFactor)));
    v.add(Map.entry(USERS_TABLE, usersTable));
    v.add(Map.entry(REJECTS_TABLE, rejectsTable));
    if (cassandraUsername != null) {
      v.add(Map.entry(CASSANDRA_USERNAME, cassandraUsername));
    }
    secret(v, view, CASSANDRA_PASSWORD, cassandraPassword);
    if (cassandraTls.enabled()) {
      v.add(Map.entry(CASSANDRA_SSL, "true"));
    }
    cassandraTls.truststore().ifPresent(path -> v.add(Map.entry(CASSANDRA_TRUSTSTORE, path)));
    secret(v, view, CASSANDRA_TRUSTSTORE_PASSWORD, cassandraTls.truststorePassword().orElse(null));
    cassandraTls.keystore().ifPresent(path -> v.add(Map.entry(CASSANDRA_KEYSTORE, path)));
    secret(v, view, CASSANDRA_KEYSTORE_PASSWORD, cassandraTls.keystorePassword().orElse(null));
    v.add(Map.entry(CHECKPOINT_DIR, checkpointDir));
    v.add(Map.entry(MODE, mode.cliName()));
    v.add(Map.entry(PARALLELISM, String.valueOf(parallelism)));
    v.add(Map.entry(MAX_RECORD_BYTES, String.valueOf(maxRecordBytes)));
    return v;
  }

  private static void secret(
      List<Map.Entry<String, String>> v, View view, String name, String value) {
    if (value != null && view != View.ARGS) {
      v.add(Map.entry(name, view == View.DISPLAY ? MASK : value));
    }
  }

  private static String firstSet(String option, String env, String file) {
    for (String value : new String[] {option, env, file}) {
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PipelineOptions other && values(View.ALL).equals(other.values(View.ALL));
  }

  @Override
  public int hashCode() {
    return values(View.ALL).hashCode();
  }

  /** Mutable staging for {@link PipelineOptions}; {@link #build()} validates everything. */
  public static final class Builder {
    private String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
    private String topic = DEFAULT_TOPIC;
    private StartingOffsets startingOffsets = StartingOffsets.EARLIEST;
    private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
    private List<String> cassandraHosts = List.of(DEFAULT_CASSANDRA_HOST);
    private int cassandraPort = DEFAULT_CASSANDRA_PORT;
    private String cassandraDatacenter = DEFAULT_CASSANDRA_DATACENTER;
    private String keyspace = CassandraSchema.DEFAULT_KEYSPACE;
    private int replicationFactor = CassandraSchema.DEFAULT_REPLICATION_FACTOR;
    private String usersTable = CassandraSchema.DEFAULT_USERS_TABLE;
    private String rejectsTable = CassandraSchema.DEFAULT_REJECTS_TABLE;
    private String cassandraUsername;
    private String cassandraPassword;
    private String credentialsFile;
    private String envUsername;
    private String envPassword;
    private boolean cassandraSsl;
    private String cassandraTruststore;
    private String cassandraTruststorePassword;
    private String envTruststorePassword;
    private String cassandraKeystore;
    private String cassandraKeystorePassword;
    private String envKeystorePassword;
    private String checkpointDir = DEFAULT_CHECKPOINT_DIR;
    private Mode mode = Mode.AVAILABLE_NOW;
    private int parallelism = DEFAULT_PARALLELISM;
    private int maxRecordBytes = Limits.DEFAULT.maxRecordBytes();

    private Builder() {}

    public Builder bootstrapServers(String value) {
      bootstrapServers = value;
      return this;
    }

    public Builder topic(String value) {
      topic = value;
      return this;
    }

    public Builder startingOffsets(StartingOffsets value) {
      startingOffsets = value;
      return this;
    }

    /** Adds (or replaces) one Kafka consumer property. */
    public Builder kafkaProperty(String key, String value) {
      if (key == null || key.isBlank() || value == null) {
        throw new OptionsException("--kafka-property must be key=value, got '" + key + "'");
      }
      kafkaProperties.put(key.strip(), value);
      return this;
    }

    public Builder cassandraHosts(List<String> hosts) {
      cassandraHosts = List.copyOf(hosts);
      return this;
    }

    public Builder cassandraPort(int value) {
      cassandraPort = value;
      return this;
    }

    public Builder cassandraDatacenter(String value) {
      cassandraDatacenter = value;
      return this;
    }

    public Builder keyspace(String value) {
      keyspace = value;
      return this;
    }

    public Builder replicationFactor(int value) {
      replicationFactor = value;
      return this;
    }

    public Builder usersTable(String value) {
      usersTable = value;
      return this;
    }

    public Builder rejectsTable(String value) {
      rejectsTable = value;
      return this;
    }

    /** Null clears it. */
    public Builder cassandraUsername(String value) {
      cassandraUsername = value;
      return this;
    }

    /** Null clears it. */
    public Builder cassandraPassword(String value) {
      cassandraPassword = value;
      return this;
    }

    /**
     * A properties file with {@code username} and {@code password}, read by {@link #build()}; its
     * values count below the options and their environment variables. Null clears it.
     */
    public Builder cassandraCredentialsFile(String path) {
      credentialsFile = path == null || path.isBlank() ? null : path.strip();
      return this;
    }

    public Builder cassandraSsl(boolean value) {
      cassandraSsl = value;
      return this;
    }

    /** Null clears it. */
    public Builder cassandraTruststore(String path) {
      cassandraTruststore = path;
      return this;
    }

    /** Null clears it. */
    public Builder cassandraTruststorePassword(String value) {
      cassandraTruststorePassword = value;
      return this;
    }

    /** Null clears it. */
    public Builder cassandraKeystore(String path) {
      cassandraKeystore = path;
      return this;
    }

    /** Null clears it. */
    public Builder cassandraKeystorePassword(String value) {
      cassandraKeystorePassword = value;
      return this;
    }

    public Builder checkpointDir(String value) {
      checkpointDir = value;
      return this;
    }

    public Builder mode(Mode value) {
      mode = value;
      return this;
    }

    public Builder parallelism(int value) {
      parallelism = value;
      return this;
    }

    public Builder maxRecordBytes(int value) {
      maxRecordBytes = value;
      return this;
    }

    /**
     * Takes what {@code env} holds (empty counts as unset): the credentials and store passwords,
     * used where no option sets them, and the Kafka properties of {@value #ENV_KAFKA_PROPERTIES},
     * which a {@code --kafka-property} of the same key overrides.
     */
    public Builder secretsFromEnv(Map<String, String> env) {
      String username = env.get(ENV_CASSANDRA_USERNAME);
      envUsername = username == null || username.isBlank() ? null : username;
      envPassword = env.get(ENV_CASSANDRA_PASSWORD);
      envTruststorePassword = env.get(ENV_CASSANDRA_TRUSTSTORE_PASSWORD);
      envKeystorePassword = env.get(ENV_CASSANDRA_KEYSTORE_PASSWORD);
      String kafka = env.get(ENV_KAFKA_PROPERTIES);
      if (kafka != null && !kafka.isBlank()) {
        KafkaPropertiesText.parse(kafka).forEach(this::kafkaProperty);
      }
      return this;
    }

    /**
     * The options, validated.
     *
     * @throws OptionsException naming the first bad option
     */
    public PipelineOptions build() {
      return new PipelineOptions(this);
    }
  }
}
