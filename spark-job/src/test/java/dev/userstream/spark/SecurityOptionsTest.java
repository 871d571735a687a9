package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.spark.connector.cql.CassandraConnectorConf;
import com.datastax.spark.connector.cql.IpBasedContactInfo;
import com.datastax.spark.connector.cql.PasswordAuthConf;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.ConnectorSettings;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * Security options reach the Spark job's clients: Kafka properties (TLS, SASL) the Kafka source,
 * credentials and TLS the Cassandra connector, as the connector itself parses them.
 */
class SecurityOptionsTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\""
          + " password=\"kafka-secret\";";

  @Test
  void kafkaSecurityPropertiesReachTheKafkaSource() {
    SparkJobOptions options =
        SparkJobOptions.defaults(
            PipelineOptions.parse(
                "--kafka-property",
                "security.protocol=SASL_SSL",
                "--kafka-property",
                "sasl.mechanism=SCRAM-SHA-512",
                "--kafka-property=sasl.jaas.config=" + JAAS,
                "--kafka-property",
                "ssl.truststore.location=/etc/kafka/truststore.p12"));
    Map<String, String> source = UserStreamJob.sourceOptions(options);
    assertEquals("SASL_SSL", source.get("kafka.security.protocol"));
    assertEquals("SCRAM-SHA-512", source.get("kafka.sasl.mechanism"));
    assertEquals(JAAS, source.get("kafka.sasl.jaas.config"));
    assertEquals("/etc/kafka/truststore.p12", source.get("kafka.ssl.truststore.location"));
    assertFalse(options.pipeline().toString().contains("kafka-secret"));
  }

  @Test
  void credentialsAndTlsReachTheCassandraConnector() {
    PipelineOptions p =
        PipelineOptions.builder()
            .cassandraUsername("userstream")
            .cassandraPassword("cassandra-secret")
            .cassandraSsl(true)
            .cassandraTruststore("/etc/cassandra/client.truststore")
            .cassandraTruststorePassword("ts-secret")
            .cassandraKeystore("/etc/cassandra/client.keystore")
            .cassandraKeystorePassword("ks-secret")
            .build();
    SparkConf conf = new SparkConf(false);
    ConnectorSettings.of(p).forEach(conf::set);

    // The connector's own parsing of the settings: what its sessions will use.
    IpBasedContactInfo contact =
        assertInstanceOf(
            IpBasedContactInfo.class, CassandraConnectorConf.fromSparkConf(conf).contactInfo());
    PasswordAuthConf auth = assertInstanceOf(PasswordAuthConf.class, contact.authConf());
    assertEquals("userstream", auth.user());
    assertEquals("cassandra-secret", auth.password());
    CassandraConnectorConf.CassandraSSLConf ssl = contact.cassandraSSLConf();
    assertTrue(ssl.enabled());
    assertEquals(Option.apply("/etc/cassandra/client.truststore"), ssl.trustStorePath());
    assertEquals(Option.apply("ts-secret"), ssl.trustStorePassword());
    assertTrue(ssl.clientAuthEnabled());
    assertEquals(Option.apply("/etc/cassandra/client.keystore"), ssl.keyStorePath());
    assertEquals(Option.apply("ks-secret"), ssl.keyStorePassword());
  }

  @Test
  void withoutTheOptionsTheConnectorUsesPlainTextAndNoLogin() {
    SparkConf conf = new SparkConf(false);
    ConnectorSettings.of(PipelineOptions.defaults()).forEach(conf::set);
    IpBasedContactInfo contact =
        (IpBasedContactInfo) CassandraConnectorConf.fromSparkConf(conf).contactInfo();
    assertFalse(contact.cassandraSSLConf().enabled());
    assertFalse(contact.authConf() instanceof PasswordAuthConf);
  }

  @Test
  void sessionsComeFromTheTokenAwareFactoryUnlessConfNamesAnother() {
    SparkConf executor = new SparkConf(false);
    SparkCassandra.settings(new SparkConf(false), PipelineOptions.defaults())
        .forEach(executor::set);
    assertInstanceOf(
        TokenAwareConnectionFactory.class,
        CassandraConnectorConf.fromSparkConf(executor).connectionFactory());

    SparkConf submitted =
        new SparkConf(false)
            .set(
                SparkCassandra.FACTORY,
                "com.datastax.spark.connector.cql.DefaultConnectionFactory");
    assertEquals(
        "com.datastax.spark.connector.cql.DefaultConnectionFactory",
        SparkCassandra.settings(submitted, PipelineOptions.defaults()).get(SparkCassandra.FACTORY));
  }
}
