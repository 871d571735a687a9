package dev.userstream.spark;

import static dev.userstream.io.PipelineOptions.CASSANDRA_CONCURRENT_WRITES;
import static dev.userstream.io.PipelineOptions.CASSANDRA_CONSISTENCY;
import static dev.userstream.io.PipelineOptions.CASSANDRA_DATACENTER;
import static dev.userstream.io.PipelineOptions.CASSANDRA_HOST;
import static dev.userstream.io.PipelineOptions.CASSANDRA_KEYSTORE;
import static dev.userstream.io.PipelineOptions.CASSANDRA_KEYSTORE_PASSWORD;
import static dev.userstream.io.PipelineOptions.CASSANDRA_PASSWORD;
import static dev.userstream.io.PipelineOptions.CASSANDRA_PORT;
import static dev.userstream.io.PipelineOptions.CASSANDRA_SSL;
import static dev.userstream.io.PipelineOptions.CASSANDRA_TRUSTSTORE;
import static dev.userstream.io.PipelineOptions.CASSANDRA_TRUSTSTORE_PASSWORD;
import static dev.userstream.io.PipelineOptions.CASSANDRA_USERNAME;

import dev.userstream.io.CassandraTls;
import dev.userstream.io.OptionKey;
import dev.userstream.io.PipelineOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The two ways Spark users configure Cassandra, reconciled on the driver: the pipeline options and
 * the Spark Cassandra connector's {@code spark.cassandra.*} settings (e.g. {@code spark-submit
 * --conf}). An option given on the command line or in the environment wins; a connector setting
 * beats an option's default. The executors' sessions get the result as one settings map, so a
 * {@code --conf spark.cassandra.*} setting reaches them too.
 */
final class SparkCassandra {
  private static final String SSL = "spark.cassandra.connection.ssl.";

  /** Connector setting -> the option it stands for. */
  private static final Map<String, OptionKey<?>> MAPPED = new LinkedHashMap<>();

  static {
    MAPPED.put("spark.cassandra.connection.host", CASSANDRA_HOST);
    MAPPED.put("spark.cassandra.connection.port", CASSANDRA_PORT);
    MAPPED.put("spark.cassandra.connection.localDC", CASSANDRA_DATACENTER);
    MAPPED.put("spark.cassandra.auth.username", CASSANDRA_USERNAME);
    MAPPED.put("spark.cassandra.auth.password", CASSANDRA_PASSWORD);
    MAPPED.put(SSL + "enabled", CASSANDRA_SSL);
    MAPPED.put(SSL + "trustStore.path", CASSANDRA_TRUSTSTORE);
    MAPPED.put(SSL + "trustStore.password", CASSANDRA_TRUSTSTORE_PASSWORD);
    MAPPED.put(SSL + "keyStore.path", CASSANDRA_KEYSTORE);
    MAPPED.put(SSL + "keyStore.password", CASSANDRA_KEYSTORE_PASSWORD);
    MAPPED.put("spark.cassandra.output.consistency.level", CASSANDRA_CONSISTENCY);
    MAPPED.put("spark.cassandra.output.concurrent.writes", CASSANDRA_CONCURRENT_WRITES);
  }

  private SparkCassandra() {}

  /** {@code p} with each option that was not given taken from {@code conf}'s connector setting. */
  static PipelineOptions withConf(PipelineOptions p, SparkConf conf) {
    PipelineOptions.Builder b = p.toBuilder();
    MAPPED.forEach(
        (setting, key) -> {
          if (!p.values().isGiven(key) && conf.contains(setting)) {
            set(b, key, conf.get(setting));
          }
        });
    return b.build();
  }

  private static <T> void set(PipelineOptions.Builder b, OptionKey<T> key, String text) {
    b.set(key, key.parse(text));
  }

  /**
   * Every {@code spark.cassandra.*} setting of {@code conf} (timeouts, retries, ... that no option
   * covers), overridden by the connector settings of {@code p}: what each executor's session uses.
   */
  static Map<String, String> settings(SparkConf conf, PipelineOptions p) {
    Map<String, String> s = new LinkedHashMap<>();
    for (Tuple2<String, String> entry : conf.getAllWithPrefix("spark.cassandra.")) {
      s.put("spark.cassandra." + entry._1(), entry._2());
    }
    s.putAll(settings(p));
    return s;
  }

  /** The connector settings of the options (connector 3.5's names). */
  static Map<String, String> settings(PipelineOptions p) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("spark.cassandra.connection.host", String.join(",", p.cassandraHosts()));
    s.put("spark.cassandra.connection.port", String.valueOf(p.cassandraPort()));
    s.put("spark.cassandra.connection.localDC", p.cassandraDatacenter());
    p.cassandraUsername().ifPresent(u -> s.put("spark.cassandra.auth.username", u));
    p.cassandraPassword().ifPresent(pw -> s.put("spark.cassandra.auth.password", pw));
    CassandraTls tls = p.cassandraTls();
    if (tls.enabled()) {
      // The stores must exist at the same path on the driver and every executor. Spark redacts
      // the password keys in its UI and logs (spark.redaction.regex matches "password").
      s.put(SSL + "enabled", "true");
      tls.truststore().ifPresent(path -> s.put(SSL + "trustStore.path", path));
      tls.truststorePassword().ifPresent(pw -> s.put(SSL + "trustStore.password", pw));
      tls.keystore().ifPresent(path -> s.put(SSL + "clientAuth.enabled", "true"));
      tls.keystore().ifPresent(path -> s.put(SSL + "keyStore.path", path));
      tls.keystorePassword().ifPresent(pw -> s.put(SSL + "keyStore.password", pw));
    }
    return s;
  }
}
