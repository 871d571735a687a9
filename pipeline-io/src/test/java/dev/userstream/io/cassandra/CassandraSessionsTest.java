package dev.userstream.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the options map onto the 4.x driver's session, without opening one. */
class CassandraSessionsTest {

  @Test
  void requestsWaitThirtySecondsAndConnectingTheConnectTimeout() {
    PipelineOptions p = PipelineOptions.parse("--connect-timeout", "4s");
    DriverExecutionProfile config = profile(CassandraSessions.config(p));
    assertEquals(Duration.ofSeconds(30), config.getDuration(DefaultDriverOption.REQUEST_TIMEOUT));
    for (DefaultDriverOption connect :
        new DefaultDriverOption[] {
          DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT,
          DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT,
          DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT
        }) {
      assertEquals(Duration.ofSeconds(4), config.getDuration(connect), connect.getPath());
    }
  }

  @Test
  void theTimeoutsKnobBoundsEveryStep() {
    ProgrammaticDriverConfigLoaderBuilder builder =
        CassandraSessions.config(PipelineOptions.defaults());
    CassandraSessions.timeouts(Duration.ofSeconds(3)).accept(builder);
    DriverExecutionProfile config = profile(builder);
    for (DefaultDriverOption option :
        new DefaultDriverOption[] {
          DefaultDriverOption.REQUEST_TIMEOUT,
          DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT,
          DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT,
          DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT,
          DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT
        }) {
      assertEquals(Duration.ofSeconds(3), config.getDuration(option), option.getPath());
    }
  }

  @Test
  void tlsUsesTheSharedContextAndChecksTheHostName(@TempDir Path dir) throws Exception {
    TestStores stores = TestStores.create(dir);
    PipelineOptions p =
        PipelineOptions.builder()
            .cassandraSsl(true)
            .cassandraTruststore(stores.truststore().toString())
            .cassandraTruststorePassword(stores.password())
            .build();
    SslEngineFactory factory = CassandraSessions.sslEngineFactory(p.cassandraTls()).orElseThrow();
    SSLEngine engine =
        factory.newSslEngine(
            new DefaultEndPoint(InetSocketAddress.createUnresolved("cassandra.example", 9142)));
    assertTrue(engine.getUseClientMode());
    assertEquals("cassandra.example", engine.getPeerHost());
    assertEquals("HTTPS", engine.getSSLParameters().getEndpointIdentificationAlgorithm());

    assertTrue(
        CassandraSessions.sslEngineFactory(PipelineOptions.defaults().cassandraTls()).isEmpty());
  }

  @Test
  void anUnreadableTruststoreFailsBeforeAnyConnection() {
    PipelineOptions p =
        PipelineOptions.builder()
            .cassandraSsl(true)
            .cassandraTruststore("/nonexistent/ts.p12")
            .build();
    PreflightException e =
        assertThrows(PreflightException.class, () -> CassandraSessions.open(p).close());
    assertEquals("--cassandra-truststore /nonexistent/ts.p12: no such file", e.getMessage());
  }

  private static DriverExecutionProfile profile(ProgrammaticDriverConfigLoaderBuilder builder) {
    return builder.build().getInitialConfig().getDefaultProfile();
  }
}
