package dev.userstream.spark;

import com.datastax.spark.connector.cql.CassandraConnector;
import dev.userstream.io.CassandraTls;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import dev.userstream.io.cassandra.CassandraPreflight;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * Where and how the job writes: the Spark Cassandra connector's settings derived from the options,
 * and the start-up check that creates the keyspace and tables through the connector's own session.
 */
final class CassandraTarget {
  private CassandraTarget() {}

  /**
   * The connector settings of these options, given to every partition writer's session (and to the
   * start-up session) so that two jobs in one Spark session can write to different clusters.
   */
  static Map<String, String> settings(SparkJobOptions options) {
    PipelineOptions p = options.pipeline();
    Map<String, String> s = new LinkedHashMap<>();
    s.put("spark.cassandra.connection.host", String.join(",", p.cassandraHosts()));
    s.put("spark.cassandra.connection.port", String.valueOf(p.cassandraPort()));
    s.put("spark.cassandra.connection.localDC", p.cassandraDatacenter());
    p.cassandraUsername().ifPresent(u -> s.put("spark.cassandra.auth.username", u));
    p.cassandraPassword().ifPresent(pw -> s.put("spark.cassandra.auth.password", pw));
    s.putAll(sslSettings(p.cassandraTls()));
    return s;
  }

  /**
   * The connector's TLS settings ({@code spark.cassandra.connection.ssl.*} of connector 3.5): the
   * stores must exist at the same path on the driver and every executor. Spark redacts the password
   * keys in its UI and logs ({@code spark.redaction.regex} matches "password").
   */
  static Map<String, String> sslSettings(CassandraTls tls) {
    Map<String, String> s = new LinkedHashMap<>();
    if (!tls.enabled()) {
      return s;
    }
    String prefix = "spark.cassandra.connection.ssl.";
    s.put(prefix + "enabled", "true");
    tls.truststore().ifPresent(path -> s.put(prefix + "trustStore.path", path));
    tls.truststorePassword().ifPresent(pw -> s.put(prefix + "trustStore.password", pw));
    tls.keystore()
        .ifPresent(
            path -> {
              s.put(prefix + "clientAuth.enabled", "true");
              s.put(prefix + "keyStore.path", path);
            });
    tls.keystorePassword().ifPresent(pw -> s.put(prefix + "keyStore.password", pw));
    return s;
  }

  /**
   * The shared schema preflight (pipeline-io's {@link CassandraPreflight}) through the connector's
   * own session on the driver, so that {@code spark.cassandra.*} settings of the Spark
   * configuration apply: proves Cassandra is reachable, the credentials work and the tables exist
   * before any record is read.
   *
   * @throws PreflightException with one line saying what is wrong
   */
  static void ensureSchema(SparkConf base, SparkJobOptions options) {
    SparkConf conf = base.clone();
    // The check waits --connect-timeout for a node, unless spark-submit --conf says otherwise.
    conf.setIfMissing(
        "spark.cassandra.connection.timeoutMS",
        String.valueOf(options.pipeline().connectTimeout().toMillis()));
    settings(options).forEach(conf::set);
    CassandraPreflight.ensureSchema(
        options.pipeline(), () -> CassandraConnector.apply(conf).openSession());
  }

  /** The first line of a message (KafkaInput's messages use it too). */
  static String firstLine(Throwable e) {
    return CassandraPreflight.firstLine(e);
  }
}
