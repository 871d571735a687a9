package dev.userstream.cli;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import dev.userstream.io.CassandraTls;
import dev.userstream.io.PipelineOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The CLI's Cassandra sessions (DataStax 4.x driver), for {@code schema}, {@code verify} and {@code
 * demo}: contact points, credentials and TLS from {@link PipelineOptions}, and driver failures
 * turned into one line that says which of them is wrong.
 */
final class CassandraSessions {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private CassandraSessions() {}

  /** A session for the options; the caller closes it. */
  static CqlSession open(PipelineOptions p) {
    return open(p, config -> {});
  }

  /**
   * A session for the options with the caller's driver settings on top (e.g. the benchmark's longer
   * timeouts); the caller closes it.
   */
  static CqlSession open(
      PipelineOptions p, Consumer<ProgrammaticDriverConfigLoaderBuilder> tuning) {
    ProgrammaticDriverConfigLoaderBuilder config = config(p);
    tuning.accept(config);
    CqlSessionBuilder builder =
        CqlSession.builder()
            .withLocalDatacenter(p.cassandraDatacenter())
            .withConfigLoader(config.build());
    for (String host : p.cassandraHosts()) {
      builder.addContactPoint(new InetSocketAddress(host, p.cassandraPort()));
    }
    if (p.cassandraUsername().isPresent()) {
      builder.withAuthCredentials(p.cassandraUsername().get(), p.cassandraPassword().orElseThrow());
    }
    return builder.build();
  }

  /**
   * The driver configuration of the options: timeouts and, with {@code --cassandra-ssl}, the
   * driver's DefaultSslEngineFactory with the stores (host names are validated, the driver's
   * default).
   */
  static DriverConfigLoader configLoader(PipelineOptions p) {
    return config(p).build();
  }

  private static ProgrammaticDriverConfigLoaderBuilder config(PipelineOptions p) {
    ProgrammaticDriverConfigLoaderBuilder config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, CONNECT_TIMEOUT)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, CONNECT_TIMEOUT);
    CassandraTls tls = p.cassandraTls();
    if (tls.enabled()) {
      config.withString(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS, "DefaultSslEngineFactory");
      tls.truststore()
          .ifPresent(t -> config.withString(DefaultDriverOption.SSL_TRUSTSTORE_PATH, t));
      tls.truststorePassword()
          .ifPresent(pw -> config.withString(DefaultDriverOption.SSL_TRUSTSTORE_PASSWORD, pw));
      tls.keystore().ifPresent(k -> config.withString(DefaultDriverOption.SSL_KEYSTORE_PATH, k));
      tls.keystorePassword()
          .ifPresent(pw -> config.withString(DefaultDriverOption.SSL_KEYSTORE_PASSWORD, pw));
    }
    return config;
  }

  /**
   * One line for a driver failure: refused credentials, a failed TLS handshake, an unreachable
   * node, or the driver's own first line, prefixed with {@code doing} for other errors.
   */
  static CommandFailure failure(PipelineOptions p, String doing, RuntimeException e) {
    String where = where(p);
    if (causedBy(e, AuthenticationException.class)) {
      return new CommandFailure(
          PipelineOptions.rejectedCredentials(where, p.cassandraUsername().orElse(null)));
    }
    if (causedBy(e, SSLException.class)) {
      return new CommandFailure(
          "the TLS handshake with Cassandra at "
              + where
              + " failed (check --cassandra-ssl and the truststore): "
              + firstLine(rootOf(e, SSLException.class)));
    }
    if (e instanceof AllNodesFailedException) {
      return new CommandFailure(
          "Cassandra is not reachable at "
              + where
              + " (check --cassandra-host/--cassandra-port, and that it is up)");
    }
    return new CommandFailure(doing + " at " + where + " failed: " + firstLine(e));
  }

  static String where(PipelineOptions p) {
    return String.join(",", p.cassandraHosts()) + ":" + p.cassandraPort();
  }

  /** True when {@code type} is in the cause chain, or among the node errors of the driver. */
  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return rootOf(e, type) != null;
  }

  private static Throwable rootOf(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
      if (t instanceof AllNodesFailedException all) {
        for (List<Throwable> errors : all.getAllErrors().values()) {
          for (Throwable error : errors) {
            Throwable found = rootOf(error, type);
            if (found != null) {
              return found;
            }
          }
        }
      }
    }
    return null;
  }

  private static String firstLine(Throwable e) {
    if (e == null) {
      return "";
    }
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
