package dev.userstream.bench;

import java.util.Objects;

/**
 * The Kafka broker and Cassandra node the benchmark runs against: the local stack or given servers.
 *
 * @param bootstrapServers Kafka {@code host:port[,host:port]}
 * @param cassandraHost one Cassandra contact point
 * @param cassandraPort its CQL port
 * @param datacenter the driver's local datacenter
 */
public record BenchServers(
    String bootstrapServers, String cassandraHost, int cassandraPort, String datacenter) {

  public BenchServers {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(cassandraHost, "cassandraHost");
    Objects.requireNonNull(datacenter, "datacenter");
  }
}
