package dev.userstream.spark;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.userstream.io.CassandraTls;
import dev.userstream.io.PipelineOptions;
import dev.userstream.model.CassandraSchema;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.spark.SparkConf;

/**
 * Where and how the job writes: the Spark Cassandra connector's settings derived from the options,
 * and the start-up check that creates the keyspace and tables through the connector's own session.
 */
final class CassandraTarget {
  /** The connector's data source name. */
  static final String FORMAT = "org.apache.spark.sql.cassandra";

  private CassandraTarget() {}

  /**
   * The connector settings of these options, passed with every write (and to the start-up session)
   * so that two jobs in one Spark session can write to different clusters.
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

  /** Write options for one table: the settings plus keyspace and table. */
  static Map<String, String> writeOptions(SparkJobOptions options, String table) {
    Map<String, String> w = new LinkedHashMap<>(settings(options));
    w.put("keyspace", options.pipeline().keyspace());
    w.put("table", table);
    return w;
  }

  /**
   * Opens a connector session and runs common-model's DDL: proves Cassandra is reachable, the
   * credentials work and the tables exist before any record is read.
   *
   * @throws JobFailure with one line saying what is wrong
   */
  static void ensureSchema(SparkConf base, SparkJobOptions options) {
    SparkConf conf = base.clone();
    settings(options).forEach(conf::set);
    CassandraSchema schema = options.pipeline().cassandraSchema();
    String where = addresses(options.pipeline());
    try (CqlSession session = CassandraConnector.apply(conf).openSession()) {
      for (String cql : schema.ddl()) {
        session.execute(cql);
      }
    } catch (UnauthorizedException e) {
      throw new JobFailure(
          "Cassandra at "
              + where
              + " refused to create "
              + schema.keyspace()
              + " and its tables: "
              + e.getMessage(),
          e);
    } catch (AuthenticationException e) {
      throw rejectedCredentials(options.pipeline(), where, e);
    } catch (RuntimeException e) {
      // Driver errors, and connection failures the connector wraps in IOException (rethrown
      // unchecked by Scala).
      throw unreachable(options.pipeline(), where, e);
    } catch (Exception e) {
      throw unreachable(options.pipeline(), where, e);
    }
  }

  private static JobFailure unreachable(PipelineOptions p, String where, Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && !(cause instanceof AllNodesFailedException)
        && !(cause instanceof AuthenticationException)) {
      cause = cause.getCause();
    }
    if (cause instanceof AuthenticationException
        || (cause instanceof AllNodesFailedException all
            && nodeError(all, AuthenticationException.class))) {
      return rejectedCredentials(p, where, e);
    }
    if (cause instanceof AllNodesFailedException all && nodeError(all, SSLException.class)) {
      return new JobFailure(
          "the TLS handshake with Cassandra at "
              + where
              + " failed (check --cassandra-ssl and the truststore)",
          e);
    }
    if (e instanceof IOException || cause instanceof AllNodesFailedException) {
      return new JobFailure(
          "Cassandra is not reachable at "
              + where
              + " (check --cassandra-host/--cassandra-port, and that it is up)",
          e);
    }
    return new JobFailure("Cassandra at " + where + " failed: " + firstLine(e), e);
  }

  /** One line naming the user, never the password, and where credentials come from. */
  private static JobFailure rejectedCredentials(PipelineOptions p, String where, Exception e) {
    return new JobFailure(
        PipelineOptions.rejectedCredentials(where, p.cassandraUsername().orElse(null)), e);
  }

  /** The driver reports a login every node refused as "all nodes failed": look inside. */
  private static boolean nodeError(AllNodesFailedException e, Class<? extends Throwable> type) {
    return e.getAllErrors().values().stream()
        .flatMap(List::stream)
        .anyMatch(
            error -> {
              for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (type.isInstance(t)) {
                  return true;
                }
              }
              return false;
            });
  }

  private static String addresses(PipelineOptions p) {
    return String.join(",", p.cassandraHosts()) + ":" + p.cassandraPort();
  }

  static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
