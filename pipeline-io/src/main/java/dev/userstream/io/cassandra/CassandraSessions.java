package dev.userstream.io.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import dev.userstream.io.CassandraTls;
import dev.userstream.io.PipelineOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place that builds a Cassandra session (DataStax 4.x driver): contact points and port,
 * local datacenter, credentials and TLS from {@link PipelineOptions}, timeouts, plus whatever
 * driver settings a caller adds on top (the benchmark's paging, the local stack's short readiness
 * probe).
 *
 * <p>Used by the CLI, the local stack, the benchmark, the schema preflight of every job, and the
 * Spark driver, which runs it on the connector's shaded copy of the driver: only API that driver
 * 4.13 already has is used here.
 */
public final class CassandraSessions {
  /** How long one request may take: DDL and full-table pages on a busy node included. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private CassandraSessions() {}

  /**
   * A session for the options: requests time out after {@link #REQUEST_TIMEOUT}, connecting after
   * {@code --connect-timeout}. The caller closes it.
   *
   * @throws com.datastax.oss.driver.api.core.DriverException when no node can be reached or logged
   *     into; {@link CassandraPreflight#failure} words it
   * @throws dev.userstream.io.PreflightException when a TLS store cannot be read
   */
  public static CqlSession open(PipelineOptions p) {
    return open(p, config -> {});
  }

  /**
   * A session for the options with the caller's driver settings applied after the options' own; the
   * caller closes it.
   */
  public static CqlSession open(
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
    sslEngineFactory(p.cassandraTls()).ifPresent(builder::withSslEngineFactory);
    return builder.build();
  }

  /**
   * Driver tuning that makes every request and connection step wait at most {@code timeout}: a
   * readiness probe that must answer "not yet" quickly, or a session of a known-slow moment.
   */
  public static Consumer<ProgrammaticDriverConfigLoaderBuilder> timeouts(Duration timeout) {
    return config ->
        config
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout);
  }

  /** The driver configuration of the options, before any caller tuning. */
  static ProgrammaticDriverConfigLoaderBuilder config(PipelineOptions p) {
    Duration connect = p.connectTimeout();
    return DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
        .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, connect)
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, connect)
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, connect);
  }

  /**
   * With {@code --cassandra-ssl}: the shared {@link TlsContext}, and the server certificate must
   * name the host it is reached by (what the driver's own DefaultSslEngineFactory checks by
   * default; the jobs' connectors verify the chain only).
   */
  static Optional<SslEngineFactory> sslEngineFactory(CassandraTls tls) {
    if (!tls.enabled()) {
      return Optional.empty();
    }
    return Optional.of(new ProgrammaticSslEngineFactory(TlsContext.of(tls), null, true));
  }
}
