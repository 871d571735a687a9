package dev.userstream.spark;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.spark.connector.cql.CassandraConnectionFactory;
import com.datastax.spark.connector.cql.CassandraConnectorConf;
import com.datastax.spark.connector.cql.DefaultConnectionFactory;
import com.datastax.spark.connector.cql.IpBasedContactInfo;

/**
 * The connector's session with the driver's own load-balancing policy instead of the connector's
 * {@code LocalNodeFirstLoadBalancingPolicy}, which builds every request's plan with Scala
 * collections: 12 % of the job's CPU samples in the performance issue's profile. The driver's
 * policy is token-aware and local-datacenter-only too ({@code --cassandra-datacenter}). Everything
 * else is the connector's: its settings, contact points, credentials and TLS.
 */
public final class TokenAwareConnectionFactory implements CassandraConnectionFactory {
  private static final long serialVersionUID = 1L;

  @Override
  public CqlSession createSession(CassandraConnectorConf conf) {
    if (!(conf.contactInfo() instanceof IpBasedContactInfo contact)) {
      return DefaultConnectionFactory.createSession(conf); // a cloud bundle: left as it is
    }
    DriverConfigLoader config =
        DefaultConnectionFactory.connectorConfigBuilder(
                conf, DriverConfigLoader.programmaticBuilder())
            .withString(
                DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, "DefaultLoadBalancingPolicy")
            .build();
    CqlSessionBuilder session = CqlSession.builder();
    contact.authConf().authProvider().foreach(session::withAuthProvider);
    return session.withConfigLoader(config).build();
  }
}
