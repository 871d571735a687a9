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
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security options reach the Flink job's clients: Kafka properties (TLS, SASL) the KafkaSource and
 * the admin client, credentials, TLS and the write consistency the Cassandra connector's DataStax
 * 3.x cluster. The TLS context itself is pipeline-io's ({@code TlsContextTest}).
 */
class SecurityOptionsTest {
  private static final String STORE_PASSWORD = "store-secret-42";

  @TempDir static Path stores;

  /** A truststore holding one self-signed certificate, made with the JDK's keytool. */
  private static Path truststore;

  @BeforeAll
  static void makeStores() throws Exception {
    Path keystore = stores.resolve("server.p12");
    Path certificate = stores.resolve("server.cer");
    truststore = stores.resolve("client-truststore.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "cassandra",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=userstream-test",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-keypass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        "cassandra",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "cassandra",
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        STORE_PASSWORD);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
  }

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
  void credentialsAndTlsReachTheClusterConfiguration() {
    PipelineOptions p =
        PipelineOptions.builder()
            .cassandraUsername("userstream")
            .cassandraPassword("cassandra-secret")
            .cassandraSsl(true)
            .cassandraTruststore(truststore.toString())
            .cassandraTruststorePassword(STORE_PASSWORD)
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
