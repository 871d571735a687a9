package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A broker that is not there: one clear line within the timeout, never a hang. An IT rather than a
 * unit test because it waits out a real network timeout.
 */
class UnreachableBrokerIT {

  @Test
  void aClosedPortFailsWithinTheTimeoutWithOneClearLine() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // closed again below: nothing listens there
    }
    ProduceRequest request =
        ProduceRequest.builder()
            .bootstrapServers("127.0.0.1:" + port)
            .topic("users_created")
            .timeout(Duration.ofSeconds(3))
            .build();
    long start = System.nanoTime();
    ProduceException e =
        assertThrows(
            ProduceException.class,
            () -> new UserProducer(request).produce(new GeneratorSource(1), ProgressListener.NONE));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(
        "Kafka at 127.0.0.1:"
            + port
            + " is not reachable within 3 s (check --bootstrap-servers, and that the broker is up)",
        e.getMessage());
    assertTrue(millis < 8_000, "took " + millis + " ms");
    assertTrue(e.summary().isEmpty(), "nothing was sent");
  }

  @Test
  void anUnresolvableHostFailsAtOnce() {
    ProduceRequest request =
        ProduceRequest.builder()
            .bootstrapServers("no-such-host.invalid:9092")
            .timeout(Duration.ofSeconds(3))
            .build();
    ProduceException e =
        assertThrows(
            ProduceException.class,
            () -> new UserProducer(request).produce(new GeneratorSource(1), ProgressListener.NONE));
    assertTrue(
        e.getMessage().startsWith("Kafka at no-such-host.invalid:9092 is not reachable ("),
        e.getMessage());
  }
}
