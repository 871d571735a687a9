package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.driver.core.AuthProvider;
import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.PlainTextAuthProvider;
import com.datastax.driver.core.ProtocolOptions;
import com.datastax.driver.core.RemoteEndpointAwareJdkSSLOptions;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.TestStores;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security options reach the Flink job's clients: Kafka properties (TLS, SASL) the KafkaSource and
 * the admin client, credentials, TLS and the write consistency the Cassandra connector's DataStax
 * 3.x cluster. The TLS context itself is pipeline-io's ({@code TlsContextTest}).
 */
class SecurityOptionsTest {
  @Test
  void kafkaSecurityPropertiesReachTheSourceAndTheAdminClient() throws Exception {
    PipelineOptions p =
        PipelineOptions.parse(
            "--kafka-property",
            "security.protocol=SASL_SSL",
            "--kafka-property",
            "sasl.mechanism=PLAIN",
            "--kafka-property=sasl.jaas.config=PlainLoginModule required password=\"k-secret\";");
    // KafkaSource keeps its client properties private: read what it will hand its readers.
    Field field = KafkaSource.class.getDeclaredField("props");
    field.setAccessible(true);
    Properties source = (Properties) field.get(FlinkJobMain.kafkaSource(p));
    Properties admin =
        dev.userstream.io.KafkaPreflight.adminProperties(
            p.bootstrapServers(), p.kafkaProperties(), p.connectTimeout());
    for (Properties props : List.of(source, admin)) {
      assertEquals("SASL_SSL", props.getProperty("security.protocol"));
      assertEquals("PLAIN", props.getProperty("sasl.mechanism"));
      assertTrue(props.getProperty("sasl.jaas.config").contains("k-secret"));
    }
    assertFalse(p.toString().contains("k-secret"), p.toString());
  }

  @Test
  void credentialsAndTlsReachTheClusterConfiguration(@TempDir Path stores) throws Exception {
    // A truststore holding one self-signed certificate (pipeline-io's test stores).
    TestStores tls = TestStores.create(stores);
    PipelineOptions p =
        PipelineOptions.builder()
            .cassandraUsername("userstream")
            .cassandraPassword("cassandra-secret")
            .cassandraSsl(true)
            .cassandraTruststore(tls.truststore().toString())
            .cassandraTruststorePassword(tls.password())
            .build();
    // Building a cluster object opens no connection: its configuration is what it would use.
    try (Cluster cluster = new CassandraConnection(p).getCluster()) {
      ProtocolOptions protocol = cluster.getConfiguration().getProtocolOptions();
      assertInstanceOf(PlainTextAuthProvider.class, protocol.getAuthProvider());
      assertInstanceOf(RemoteEndpointAwareJdkSSLOptions.class, protocol.getSSLOptions());
    }
    try (Cluster plain = new CassandraConnection(PipelineOptions.defaults()).getCluster()) {
      ProtocolOptions protocol = plain.getConfiguration().getProtocolOptions();
      assertEquals(AuthProvider.NONE, protocol.getAuthProvider());
      assertNull(protocol.getSSLOptions());
    }
  }

  @Test
  void theWriteConsistencyIsTheOption() {
    PipelineOptions p = PipelineOptions.parse("--cassandra-consistency", "EACH_QUORUM");
    try (Cluster cluster = new CassandraConnection(p).getCluster()) {
      assertEquals(
          ConsistencyLevel.EACH_QUORUM,
          cluster.getConfiguration().getQueryOptions().getConsistencyLevel());
    }
    try (Cluster cluster = new CassandraConnection(PipelineOptions.defaults()).getCluster()) {
      assertEquals(
          ConsistencyLevel.LOCAL_QUORUM,
          cluster.getConfiguration().getQueryOptions().getConsistencyLevel());
    }
  }
}
