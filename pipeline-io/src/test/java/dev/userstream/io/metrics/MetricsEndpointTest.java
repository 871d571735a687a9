package dev.userstream.io.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoint without a Kafka broker: lag is left out, every other family is served. */
class MetricsEndpointTest {
  private static final ConsumerLag.Positions NONE = admin -> Map.of();

  @Test
  void offByDefault() {
    assertNull(MetricsEndpoint.open(options(0), "e", NONE));
  }

  @Test
  void servesThePrometheusTextFormatUntilTheLastUserCloses() throws Exception {
    int port = freePort();
    PipelineOptions p = options(port);
    MetricsEndpoint first = MetricsEndpoint.open(p, "spark", NONE);
    MetricsEndpoint second = MetricsEndpoint.open(p, "spark", NONE);
    assertSame(first, second, "one endpoint per JVM");
    assertEquals(port, first.port());

    HttpResponse<String> response = get(port);
    assertEquals(200, response.statusCode());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        response.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(
        response.body().contains("\nuserstream_users_written_total{engine=\"spark\"} "),
        response.body());
    assertTrue(!response.body().contains("userstream_consumer_lag_records{"), response.body());

    first.close();
    assertEquals(200, get(port).statusCode(), "still shared by the second user");
    second.close();
    assertThrows(ConnectException.class, () -> get(port));
  }

  @Test
  void aTakenPortIsOneClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      UncheckedIOException e =
          assertThrows(
              UncheckedIOException.class,
              () -> MetricsEndpoint.open(options(taken.getLocalPort()), "flink", NONE));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "cannot serve metrics on port " + taken.getLocalPort() + " (--metrics-port)"),
          e.getMessage());
    }
  }

  private static PipelineOptions options(int port) {
    // An address nothing listens on: the lag reading fails fast and is left out.
    return PipelineOptions.parse(
        List.of("--bootstrap-servers", "127.0.0.1:1", "--metrics-port", String.valueOf(port))
            .toArray(String[]::new));
  }

  private static HttpResponse<String> get(int port) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
