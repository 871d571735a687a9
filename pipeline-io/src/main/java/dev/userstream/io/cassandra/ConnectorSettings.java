package dev.userstream.io.cassandra;

import static dev.userstream.io.PipelineOptions.CASSANDRA_CONCURRENT_WRITES;
import static dev.userstream.io.PipelineOptions.CASSANDRA_CONSISTENCY;
import static dev.userstream.io.PipelineOptions.CASSANDRA_DATACENTER;
import static dev.userstream.io.PipelineOptions.CASSANDRA_HOST;
import static dev.userstream.io.PipelineOptions.CASSANDRA_KEYSTORE;
import static dev.userstream.io.PipelineOptions.CASSANDRA_PASSWORD;
import static dev.userstream.io.PipelineOptions.CASSANDRA_PORT;
import static dev.userstream.io.PipelineOptions.CASSANDRA_SSL;
import static dev.userstream.io.PipelineOptions.CASSANDRA_TRUSTSTORE;
import static dev.userstream.io.PipelineOptions.CASSANDRA_USERNAME;

import dev.userstream.io.OptionKey;
import dev.userstream.io.PipelineOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark Cassandra connector's {@code spark.cassandra.*} names of the Cassandra options, both
 * ways, engine-free (plain strings): how a Spark user's {@code spark-submit --conf} settings and
 * the pipeline options meet. An option given on the command line or in the environment wins; a
 * connector setting beats an option's default.
 */
public final class ConnectorSettings {
  /** The prefix of every connector setting. */
  public static final String PREFIX = "spark.cassandra.";

  private static final String SSL = PREFIX + "connection.ssl.";
  private static final OptionKey<?> TRUSTSTORE_PW = PipelineOptions.CASSANDRA_TRUSTSTORE_PASSWORD;
  private static final OptionKey<?> KEYSTORE_PW = PipelineOptions.CASSANDRA_KEYSTORE_PASSWORD;
  private static final Map<String, OptionKey<?>> NAMES = new LinkedHashMap<>();

  static {
    add("connection.", "host", CASSANDRA_HOST, "port", CASSANDRA_PORT);
    add("connection.", "localDC", CASSANDRA_DATACENTER);
    add("auth.", "username", CASSANDRA_USERNAME, "password", CASSANDRA_PASSWORD);
    add("connection.ssl.", "enabled", CASSANDRA_SSL);
    add("connection.ssl.trustStore.", "path", CASSANDRA_TRUSTSTORE, "password", TRUSTSTORE_PW);
    add("connection.ssl.keyStore.", "path", CASSANDRA_KEYSTORE, "password", KEYSTORE_PW);
    add("output.", "consistency.level", CASSANDRA_CONSISTENCY);
    add("output.", "concurrent.writes", CASSANDRA_CONCURRENT_WRITES);
  }

  /** Registers {@code PREFIX + group + name} for each (name, option) pair. */
  private static void add(String group, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      NAMES.put(PREFIX + group + pairs[i], (OptionKey<?>) pairs[i + 1]);
    }
  }

  private ConnectorSettings() {}

  /** {@code p} with each option that was not given taken from its connector setting, if any. */
  public static PipelineOptions under(PipelineOptions p, Map<String, String> settings) {
    PipelineOptions.Builder b = p.toBuilder();
    NAMES.forEach(
        (name, key) -> {
          if (!p.values().isGiven(key) && settings.containsKey(name)) {
            set(b, key, settings.get(name));
          }
        });
    return b.build();
  }

  private static <T> void set(PipelineOptions.Builder b, OptionKey<T> key, String text) {
    b.set(key, key.parse(text));
  }

  /**
   * The connector settings of the options (connector 3.5's names). TLS stores must exist at the
   * same path wherever a session is opened; Spark redacts the password keys in its UI and logs.
   */
  public static Map<String, String> of(PipelineOptions p) {
    Map<String, String> s = new LinkedHashMap<>();
    NAMES.forEach(
        (name, key) -> {
          Object value = p.get(key);
          if (value != null) {
            s.put(name, key.format(value));
          }
        });
    // Credentials from a credentials file are not option values.
    p.cassandraUsername().ifPresent(u -> s.put(PREFIX + "auth.username", u));
    p.cassandraPassword().ifPresent(pw -> s.put(PREFIX + "auth.password", pw));
    p.cassandraTls().keystore().ifPresent(path -> s.put(SSL + "clientAuth.enabled", "true"));
    return s;
  }
}
