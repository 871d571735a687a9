package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.userstream.io.PipelineOptions;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** --kafka-property security settings reach the producer's Kafka producer and admin client. */
class SecurityPropertiesTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"p\""
          + " password=\"producer-secret\";";

  @Test
  void securityPropertiesReachBothClients() {
    ProduceRequest request =
        ProduceRequest.of(
            PipelineOptions.parse(
                "--kafka-property",
                "security.protocol=SASL_SSL",
                "--kafka-property",
                "sasl.mechanism=PLAIN",
                "--kafka-property=sasl.jaas.config=" + JAAS,
                "--kafka-property",
                "ssl.endpoint.identification.algorithm=https"));
    for (Properties props :
        List.of(
            ProducerSettings.of(request),
            dev.userstream.io.KafkaPreflight.adminProperties(
                request.bootstrapServers(), request.kafkaProperties(), request.timeout()))) {
      assertEquals("SASL_SSL", props.get("security.protocol"));
      assertEquals("PLAIN", props.get("sasl.mechanism"));
      assertEquals(JAAS, props.get("sasl.jaas.config"));
      assertEquals("https", props.get("ssl.endpoint.identification.algorithm"));
    }
  }

  @Test
  void theProducersOwnSettingsDoNotOverrideSecurity() {
    ProduceRequest request =
        ProduceRequest.of(PipelineOptions.parse("--kafka-property", "security.protocol=SSL"));
    Properties props = ProducerSettings.of(request);
    assertEquals("SSL", props.get("security.protocol"));
    assertEquals("all", props.get("acks"));
  }
}
