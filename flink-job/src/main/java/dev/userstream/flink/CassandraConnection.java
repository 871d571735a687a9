package dev.userstream.flink;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.QueryOptions;
import com.datastax.driver.core.RemoteEndpointAwareJdkSSLOptions;
import com.datastax.driver.core.SocketOptions;
import com.datastax.driver.core.policies.DCAwareRoundRobinPolicy;
import com.datastax.driver.core.policies.TokenAwarePolicy;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.TlsContext;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;

/**
 * The shared Cassandra options mapped onto the connector's DataStax 3.x driver: contact points,
 * port, local datacenter, credentials, write consistency and TLS (pipeline-io's {@link
 * TlsContext}). Serialisable, so each sink subtask builds its own cluster object (and TLS context)
 * where it runs: TLS store files must exist at the same path on every task manager.
 */
public final class CassandraConnection extends ClusterBuilder {
  private static final long serialVersionUID = 1L;

  private final PipelineOptions options;

  /** The connection the options describe. */
  public CassandraConnection(PipelineOptions options) {
    this.options = options;
  }

  @Override
  protected Cluster buildCluster(Cluster.Builder builder) {
    // The 3.x driver names consistency levels as the option does (LOCAL_QUORUM, ...).
    ConsistencyLevel consistency = ConsistencyLevel.valueOf(options.cassandraConsistency());
    builder
        .addContactPoints(options.cassandraHosts().toArray(String[]::new))
        .withPort(options.cassandraPort())
        .withClusterName("userstream-flink")
        .withLoadBalancingPolicy(
            new TokenAwarePolicy(
                DCAwareRoundRobinPolicy.builder()
                    .withLocalDc(options.cassandraDatacenter())
                    .build()))
        .withQueryOptions(new QueryOptions().setConsistencyLevel(consistency))
        .withSocketOptions(new SocketOptions().setConnectTimeoutMillis(5_000))
        // The driver's JMX reporter registers an MBean per cluster object, and there is one per
        // sink subtask: nothing reads them, and metrics-core 3.x's reporter is noisy on clashes.
        .withoutJMXReporting();
    options
        .cassandraUsername()
        .ifPresent(user -> builder.withCredentials(user, options.cassandraPassword().orElse("")));
    if (options.cassandraTls().enabled()) {
      builder.withSSL(
          RemoteEndpointAwareJdkSSLOptions.builder()
              .withSSLContext(TlsContext.of(options.cassandraTls()))
              .build());
    }
    return builder.build();
  }
}
