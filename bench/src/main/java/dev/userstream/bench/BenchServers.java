package dev.userstream.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import dev.userstream.io.PipelineOptions;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Kafka broker and Cassandra node the benchmark runs against, the local stack or given servers,
 * with everything needed to reach them: the pipeline's connection options (bootstrap servers, Kafka
 * client properties, Cassandra contact points, datacenter, credentials, TLS) and how to open a
 * driver session with them. Topic, tables and checkpoints of {@code connection} are ignored: each
 * run sets its own.
 *
 * @param connection how every job, the producer and the benchmark's own clients connect
 * @param sessions opens a Cassandra session for {@code connection} (the CLI's, with its credential
 *     and TLS handling and its one-line errors)
 * @param servicePids the process of each local service ({@link CpuRole#CASSANDRA}, {@link
 *     CpuRole#KAFKA}) whose CPU the runs record; empty for given servers, whose CPU is not measured
 */
public record BenchServers(
    PipelineOptions connection, SessionOpener sessions, Map<CpuRole, Long> servicePids) {

  public BenchServers {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(sessions, "sessions");
    servicePids = Map.copyOf(servicePids);
  }

  /** Given servers: no local process to measure. */
  public BenchServers(PipelineOptions connection, SessionOpener sessions) {
    this(connection, sessions, Map.of());
  }

  /** These servers, run by the local processes {@code pids}. */
  public BenchServers withServicePids(Map<CpuRole, Long> pids) {
    return new BenchServers(connection, sessions, pids);
  }

  /** Opens a session with the connection's credentials and TLS, plus the caller's driver tuning. */
  @FunctionalInterface
  public interface SessionOpener {
    /**
     * @param tuning applied to the driver configuration after the connection's own settings
     */
    CqlSession open(Consumer<ProgrammaticDriverConfigLoaderBuilder> tuning);
  }

  String bootstrapServers() {
    return connection.bootstrapServers();
  }

  /** {@code host[,host]:port}, for messages. */
  String cassandraAddress() {
    return String.join(",", connection.cassandraHosts()) + ":" + connection.cassandraPort();
  }
}
