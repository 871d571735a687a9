package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.junit.jupiter.api.Test;

/**
 * Security options reach the Flink job's Kafka clients: Kafka properties (TLS, SASL) the
 * KafkaSource and the admin client. Its Cassandra sessions are pipeline-io's CassandraSessions,
 * whose credentials, TLS and timeouts CassandraSessionsTest covers (and CassandraAuthIT end to
 * end).
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
}
