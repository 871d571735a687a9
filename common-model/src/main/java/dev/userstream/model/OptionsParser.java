package dev.userstream.model;

import static dev.userstream.model.PipelineOptions.BOOTSTRAP_SERVERS;
import static dev.userstream.model.PipelineOptions.CASSANDRA_CREDENTIALS_FILE;
import static dev.userstream.model.PipelineOptions.CASSANDRA_DATACENTER;
import static dev.userstream.model.PipelineOptions.CASSANDRA_HOST;
import static dev.userstream.model.PipelineOptions.CASSANDRA_KEYSTORE;
import static dev.userstream.model.PipelineOptions.CASSANDRA_KEYSTORE_PASSWORD;
import static dev.userstream.model.PipelineOptions.CASSANDRA_PASSWORD;
import static dev.userstream.model.PipelineOptions.CASSANDRA_PORT;
import static dev.userstream.model.PipelineOptions.CASSANDRA_SSL;
import static dev.userstream.model.PipelineOptions.CASSANDRA_TRUSTSTORE;
import static dev.userstream.model.PipelineOptions.CASSANDRA_TRUSTSTORE_PASSWORD;
import static dev.userstream.model.PipelineOptions.CASSANDRA_USERNAME;
import static dev.userstream.model.PipelineOptions.CHECKPOINT_DIR;
import static dev.userstream.model.PipelineOptions.KAFKA_PROPERTY;
import static dev.userstream.model.PipelineOptions.KEYSPACE;
import static dev.userstream.model.PipelineOptions.MAX_RECORD_BYTES;
import static dev.userstream.model.PipelineOptions.MODE;
import static dev.userstream.model.PipelineOptions.PARALLELISM;
import static dev.userstream.model.PipelineOptions.REJECTS_TABLE;
import static dev.userstream.model.PipelineOptions.REPLICATION_FACTOR;
import static dev.userstream.model.PipelineOptions.STARTING_OFFSETS;
import static dev.userstream.model.PipelineOptions.TOPIC;
import static dev.userstream.model.PipelineOptions.USERS_TABLE;

import dev.userstream.model.PipelineOptions.Mode;
import dev.userstream.model.PipelineOptions.StartingOffsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns command-line arguments or name/value maps into {@link PipelineOptions}. */
final class OptionsParser {

  /** Every option, its default as typed, and what it does: the --help and docs table. */
  static final List<OptionSpec> SPECS =
      List.of(
          new OptionSpec(
              BOOTSTRAP_SERVERS,
              PipelineOptions.DEFAULT_BOOTSTRAP_SERVERS,
              "Kafka bootstrap servers, host:port[,host:port...]"),
          new OptionSpec(TOPIC, PipelineOptions.DEFAULT_TOPIC, "Kafka topic of user events"),
          new OptionSpec(
              STARTING_OFFSETS,
              StartingOffsets.EARLIEST.cliName(),
              "where a job without a checkpoint starts: earliest | latest"),
          new OptionSpec(
              KAFKA_PROPERTY,
              "",
              "extra Kafka client property key=value, repeatable (e.g. security.protocol=SSL);"
                  + " secret ones (sasl.jaas.config, *password*) are masked, or use env "
                  + PipelineOptions.ENV_KAFKA_PROPERTIES),
          new OptionSpec(
              CASSANDRA_HOST,
              PipelineOptions.DEFAULT_CASSANDRA_HOST,
              "Cassandra contact points, comma-separated host names"),
          new OptionSpec(
              CASSANDRA_PORT,
              String.valueOf(PipelineOptions.DEFAULT_CASSANDRA_PORT),
              "Cassandra native protocol port"),
          new OptionSpec(
              CASSANDRA_DATACENTER,
              PipelineOptions.DEFAULT_CASSANDRA_DATACENTER,
              "Cassandra local datacenter, as the driver requires"),
          new OptionSpec(
              KEYSPACE, CassandraSchema.DEFAULT_KEYSPACE, "Cassandra keyspace, created if absent"),
          new OptionSpec(
              REPLICATION_FACTOR,
              String.valueOf(CassandraSchema.DEFAULT_REPLICATION_FACTOR),
              "SimpleStrategy replication factor of a keyspace created here"),
          new OptionSpec(USERS_TABLE, CassandraSchema.DEFAULT_USERS_TABLE, "table of valid users"),
          new OptionSpec(
              REJECTS_TABLE,
              CassandraSchema.DEFAULT_REJECTS_TABLE,
              "table of rejected records with their reason"),
          new OptionSpec(
              CASSANDRA_USERNAME,
              "",
              "Cassandra user, or env " + PipelineOptions.ENV_CASSANDRA_USERNAME),
          new OptionSpec(
              CASSANDRA_PASSWORD,
              "",
              "Cassandra password; prefer env "
                  + PipelineOptions.ENV_CASSANDRA_PASSWORD
                  + " or a credentials file (never printed, never passed on to child command"
                  + " lines)"),
          new OptionSpec(
              CASSANDRA_CREDENTIALS_FILE,
              "",
              "properties file with username= and password=; the options above and their env"
                  + " variables take precedence"),
          new OptionSpec(
              CASSANDRA_SSL, "false", "encrypt Cassandra connections with TLS: true | false"),
          new OptionSpec(
              CASSANDRA_TRUSTSTORE,
              "",
              "JKS/PKCS12 truststore that verifies Cassandra's certificate (default: the JVM's)"),
          new OptionSpec(
              CASSANDRA_TRUSTSTORE_PASSWORD,
              "",
              "truststore password; prefer env "
                  + PipelineOptions.ENV_CASSANDRA_TRUSTSTORE_PASSWORD
                  + " (never printed)"),
          new OptionSpec(
              CASSANDRA_KEYSTORE,
              "",
              "JKS/PKCS12 keystore with a client certificate, for servers that require one"),
          new OptionSpec(
              CASSANDRA_KEYSTORE_PASSWORD,
              "",
              "keystore password; prefer env "
                  + PipelineOptions.ENV_CASSANDRA_KEYSTORE_PASSWORD
                  + " (never printed)"),
          new OptionSpec(
              CHECKPOINT_DIR,
              PipelineOptions.DEFAULT_CHECKPOINT_DIR,
              "checkpoint directory or URI, so a restarted job resumes where it stopped"),
          new OptionSpec(
              MODE,
              Mode.AVAILABLE_NOW.cliName(),
              "continuous (run until stopped) | available-now (process what is there, exit 0)"),
          new OptionSpec(
              PARALLELISM,
              String.valueOf(PipelineOptions.DEFAULT_PARALLELISM),
              "engine parallelism"),
          new OptionSpec(
              MAX_RECORD_BYTES,
              String.valueOf(Limits.DEFAULT.maxRecordBytes()),
              "Kafka values larger than this are rejected as TOO_LARGE without parsing"));

  private static final Set<String> NAMES =
      SPECS.stream().map(OptionSpec::name).collect(Collectors.toUnmodifiableSet());

  private OptionsParser() {}

  static PipelineOptions parse(
      String[] args,
      Set<String> extraNames,
      Map<String, String> extrasOut,
      Map<String, String> env) {
    for (String extra : extraNames) {
      if (NAMES.contains(extra)) {
        throw new IllegalArgumentException("extra option --" + extra + " is a pipeline option");
      }
    }
    PipelineOptions.Builder builder = PipelineOptions.builder().secretsFromEnv(env);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg == null || !arg.startsWith("--") || arg.length() == 2) {
        throw new OptionsException(
            "unexpected argument '" + arg + "': options look like --name value (see --help)");
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      boolean extra = extraNames.contains(name);
      if (!extra && !NAMES.contains(name)) {
        throw unknown(name);
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && args[i + 1] != null && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new OptionsException("missing value for --" + name + " (see --help)");
      }
      if (!name.equals(KAFKA_PROPERTY) && !seen.add(name)) {
        throw new OptionsException("--" + name + " given more than once");
      }
      if (extra) {
        extrasOut.put(name, value);
      } else {
        apply(builder, name, value);
      }
    }
    return builder.build();
  }

  static PipelineOptions parse(Map<String, String> options, Map<String, String> env) {
    PipelineOptions.Builder builder = PipelineOptions.builder().secretsFromEnv(env);
    String prefix = KAFKA_PROPERTY + ".";
    for (Map.Entry<String, String> option : options.entrySet()) {
      String name =
          option.getKey().startsWith("--") ? option.getKey().substring(2) : option.getKey();
      String value = option.getValue();
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        builder.kafkaProperty(name.substring(prefix.length()), value);
        continue;
      }
      if (!NAMES.contains(name)) {
        throw unknown(name);
      }
      if (value == null) {
        throw new OptionsException("missing value for --" + name);
      }
      apply(builder, name, value);
    }
    return builder.build();
  }

  /** Sets one option from its text, converting and range-checking with one-line messages. */
  static void apply(PipelineOptions.Builder builder, String name, String value) {
    switch (name) {
      case BOOTSTRAP_SERVERS -> builder.bootstrapServers(value);
      case TOPIC -> builder.topic(value);
      case STARTING_OFFSETS ->
          builder.startingOffsets(
              choice(name, value, StartingOffsets.values(), StartingOffsets::cliName));
      case KAFKA_PROPERTY -> {
        int equals = value.indexOf('=');
        if (equals <= 0 || value.substring(0, equals).isBlank()) {
          throw new OptionsException("--kafka-property must be key=value, got '" + value + "'");
        }
        builder.kafkaProperty(value.substring(0, equals), value.substring(equals + 1));
      }
      case CASSANDRA_HOST ->
          builder.cassandraHosts(Arrays.stream(value.split(",", -1)).map(String::strip).toList());
      case CASSANDRA_PORT -> builder.cassandraPort(OptionRules.parseInt(name, value));
      case CASSANDRA_DATACENTER -> builder.cassandraDatacenter(value);
      case KEYSPACE -> builder.keyspace(value);
      case REPLICATION_FACTOR -> builder.replicationFactor(OptionRules.parseInt(name, value));
      case USERS_TABLE -> builder.usersTable(value);
      case REJECTS_TABLE -> builder.rejectsTable(value);
      case CASSANDRA_USERNAME -> builder.cassandraUsername(value);
      case CASSANDRA_PASSWORD -> builder.cassandraPassword(value);
      case CASSANDRA_CREDENTIALS_FILE -> builder.cassandraCredentialsFile(value);
      case CASSANDRA_SSL -> builder.cassandraSsl(bool(name, value));
      case CASSANDRA_TRUSTSTORE -> builder.cassandraTruststore(value);
      case CASSANDRA_TRUSTSTORE_PASSWORD -> builder.cassandraTruststorePassword(value);
      case CASSANDRA_KEYSTORE -> builder.cassandraKeystore(value);
      case CASSANDRA_KEYSTORE_PASSWORD -> builder.cassandraKeystorePassword(value);
      case CHECKPOINT_DIR -> builder.checkpointDir(value);
      case MODE -> builder.mode(choice(name, value, Mode.values(), Mode::cliName));
      case PARALLELISM -> builder.parallelism(OptionRules.parseInt(name, value));
      case MAX_RECORD_BYTES -> builder.maxRecordBytes(OptionRules.parseInt(name, value));
      default -> throw unknown(name);
    }
  }

  static String usage() {
    int width = SPECS.stream().mapToInt(s -> s.flag().length()).max().orElse(0) + 2;
    StringBuilder text = new StringBuilder("Options (--name value or --name=value):\n");
    for (OptionSpec spec : SPECS) {
      text.append("  ").append(spec.flag()).append(" ".repeat(width - spec.flag().length()));
      text.append(spec.description());
      if (!spec.defaultValue().isEmpty()) {
        text.append(" (default: ").append(spec.defaultValue()).append(')');
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static boolean bool(String name, String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new OptionsException("--" + name + " must be true or false, got '" + text + "'");
    };
  }

  private static <E extends Enum<E>> E choice(
      String name, String text, E[] values, Function<E, String> cliName) {
    for (E value : values) {
      if (cliName.apply(value).equalsIgnoreCase(text.strip())) {
        return value;
      }
    }
    String allowed = Arrays.stream(values).map(cliName).collect(Collectors.joining(", "));
    throw new OptionsException("--" + name + " must be one of " + allowed + ", got '" + text + "'");
  }

  private static OptionsException unknown(String name) {
    return new OptionsException("unknown option --" + name + " (see --help)");
  }
}
