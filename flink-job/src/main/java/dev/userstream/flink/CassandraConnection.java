package dev.userstream.flink;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.QueryOptions;
import com.datastax.driver.core.RemoteEndpointAwareJdkSSLOptions;
import com.datastax.driver.core.SocketOptions;
import com.datastax.driver.core.policies.DCAwareRoundRobinPolicy;
import com.datastax.driver.core.policies.TokenAwarePolicy;
import dev.userstream.io.CassandraTls;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.TlsContext;
import java.util.List;

/**
 * How the job's sinks reach Cassandra with the connector's DataStax 3.x driver: contact points,
 * port, local datacenter, credentials, write consistency and TLS (pipeline-io's shared {@link
 * TlsContext}) from {@link PipelineOptions}. Serialisable, so each sink subtask builds its own
 * cluster object (and TLS context) where it runs: TLS store files must exist at the same path on
 * every task manager.
 */
public final class CassandraConnection
    extends org.apache.flink.streaming.connectors.cassandra.ClusterBuilder {
  private static final long serialVersionUID = 1L;

  private final List<String> hosts;
  private final int port;
  private final String datacenter;
  private final String username;
  private final String password;
  private final String consistency;
  private final CassandraTls tls;

  /** The connection the options describe. */
  public CassandraConnection(PipelineOptions options) {
    this.hosts = List.copyOf(options.cassandraHosts());
    this.port = options.cassandraPort();
    this.datacenter = options.cassandraDatacenter();
    this.username = options.cassandraUsername().orElse(null);
    this.password = options.cassandraPassword().orElse(null);
    this.consistency = options.cassandraConsistency();
    this.tls = options.cassandraTls();
  }

  @Override
  protected Cluster buildCluster(Cluster.Builder builder) {
    builder
        .addContactPoints(hosts.toArray(String[]::new))
        .withPort(port)
        .withClusterName("userstream-flink")
        .withLoadBalancingPolicy(
            new TokenAwarePolicy(DCAwareRoundRobinPolicy.builder().withLocalDc(datacenter).build()))
        // --cassandra-consistency, as the Spark job writes; the option's names are the driver's.
        .withQueryOptions(
            new QueryOptions().setConsistencyLevel(ConsistencyLevel.valueOf(consistency)))
        .withSocketOptions(new SocketOptions().setConnectTimeoutMillis(5_000))
        // The driver's JMX reporter registers an MBean per cluster object, and there is one per
        // sink subtask: nothing reads them, and metrics-core 3.x's reporter is noisy on clashes.
        .withoutJMXReporting();
    if (username != null) {
      builder.withCredentials(username, password);
    }
    if (tls.enabled()) {
      builder.withSSL(
          RemoteEndpointAwareJdkSSLOptions.builder().withSSLContext(TlsContext.of(tls)).build());
    }
    return builder.build();
  }
}
