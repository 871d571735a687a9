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
 * option given twice is an error. Precedence: command line, then environment (credentials only:
 * {@value #ENV_CASSANDRA_USERNAME}, {@value #ENV_CASSANDRA_PASSWORD}), then defaults.
 *
 * <p>The password never leaves this object by accident: {@link #toString()} masks it, and {@link
 * #toArgs()} omits it because a command line is visible to every user of the machine ({@code ps}).
 * A parent starting a child JVM or spark-submit passes {@link #secretEnvironment()} as the child's
 * environment instead.
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
  public static final String CHECKPOINT_DIR = "checkpoint-dir";
  public static final String MODE = "mode";
  public static final String PARALLELISM = "parallelism";
  public static final String MAX_RECORD_BYTES = "max-record-bytes";

  public static final String ENV_CASSANDRA_USERNAME = "USERSTREAM_CASSANDRA_USERNAME";
  public static final String ENV_CASSANDRA_PASSWORD = "USERSTREAM_CASSANDRA_PASSWORD";

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
    cassandraUsername =
        b.cassandraUsername == null
            ? null
            : OptionRules.nonBlank(CASSANDRA_USERNAME, b.cassandraUsername);
    cassandraPassword =
        b.cassandraPassword == null || b.cassandraPassword.isEmpty() ? null : b.cassandraPassword;
    if ((cassandraUsername == null) != (cassandraPassword == null)) {
      throw new OptionsException(
          "--cassandra-username and --cassandra-password go together (the password may come from "
              + ENV_CASSANDRA_PASSWORD
              + ")");
    }
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
    for (Map.Entry<String, String> option : values(false)) {
      OptionsParser.apply(b, option.getKey(), option.getValue());
    }
    return b.cassandraPassword(cassandraPassword);
  }

  /**
   * Every option as {@code --name=value} arguments that {@link #parse(String...)} turns back into
   * an equal object, except the password, which is omitted (pass {@link #secretEnvironment()}).
   */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> option : values(false)) {
      args.add("--" + option.getKey() + "=" + option.getValue());
    }
    return args;
  }

  /** The environment a child process needs for what {@link #toArgs()} leaves out. */
  public Map<String, String> secretEnvironment() {
    return cassandraPassword == null ? Map.of() : Map.of(ENV_CASSANDRA_PASSWORD, cassandraPassword);
  }

  /** All options, the password and secret-looking Kafka properties masked. */
  @Override
  public String toString() {
    List<String> shown = new ArrayList<>();
    for (Map.Entry<String, String> option : values(true)) {
      shown.add(option.getKey() + "=" + option.getValue());
    }
    return "PipelineOptions{" + String.join(", ", shown) + "}";
  }

  /**
   * Options as (name, value) in {@link #describe()} order, a Kafka property per entry. For display,
   * secrets are masked; otherwise the password is left out.
   */
  private List<Map.Entry<String, String>> values(boolean display) {
    List<Map.Entry<String, String>> v = new ArrayList<>();
    v.add(Map.entry(BOOTSTRAP_SERVERS, bootstrapServers));
    v.add(Map.entry(TOPIC, topic));
    v.add(Map.entry(STARTING_OFFSETS, startingOffsets.cliName()));
    kafkaProperties.forEach(
        (key, value) ->
            v.add(
                Map.entry(
                    KAFKA_PROPERTY,
                    key + "=" + (display && OptionRules.isSecretKafkaKey(key) ? MASK : value))));
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
    if (display && cassandraPassword != null) {
      v.add(Map.entry(CASSANDRA_PASSWORD, MASK));
    }
    v.add(Map.entry(CHECKPOINT_DIR, checkpointDir));
    v.add(Map.entry(MODE, mode.cliName()));
    v.add(Map.entry(PARALLELISM, String.valueOf(parallelism)));
    v.add(Map.entry(MAX_RECORD_BYTES, String.valueOf(maxRecordBytes)));
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PipelineOptions other
        && values(false).equals(other.values(false))
        && Objects.equals(cassandraPassword, other.cassandraPassword);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values(false), cassandraPassword);
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

    /** Takes the credentials from {@code env} where set (empty counts as unset). */
    public Builder credentialsFromEnv(Map<String, String> env) {
      String username = env.get(ENV_CASSANDRA_USERNAME);
      if (username != null && !username.isBlank()) {
        cassandraUsername = username;
      }
      String password = env.get(ENV_CASSANDRA_PASSWORD);
      if (password != null && !password.isEmpty()) {
        cassandraPassword = password;
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
