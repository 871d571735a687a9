package dev.userstream.io.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.userstream.io.PipelineOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's Prometheus endpoint: {@code http://<host>:<--metrics-port>/metrics} serves this JVM's
 * {@link PipelineMetrics} and the job's {@link ConsumerLag}, on every interface (so a Prometheus in
 * another container can scrape it). One per JVM: {@link #open} starts it or, when it runs already
 * (Flink's sink subtasks of one TaskManager), shares it; the last {@link #close()} stops it.
 *
 * <p>Where it runs: the Spark driver (Spark's tasks count into accumulators the driver reads; the
 * write latency is the local executors' — on a cluster each executor keeps its own); Flink's
 * TaskManager that runs the sink (with the {@code local} target, the {@code flink run} JVM).
 */
public final class MetricsEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
  private static MetricsEndpoint shared;

  private final HttpServer server;
  private final String engine;
  private final ConsumerLag lag;
  private int users;

  private MetricsEndpoint(HttpServer server, String engine, ConsumerLag lag) {
    this.server = server;
    this.engine = engine;
    this.lag = lag;
  }

  /**
   * Serves {@code engine}'s metrics on {@code --metrics-port}, or shares the endpoint this JVM runs
   * already; {@code null} when the option is 0 (off).
   *
   * @throws UncheckedIOException when the port is taken
   */
  public static synchronized MetricsEndpoint open(
      PipelineOptions p, String engine, ConsumerLag.Positions positions) {
    int port = p.get(PipelineOptions.METRICS_PORT);
    if (port == 0) {
      return null;
    }
    if (shared == null) {
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot serve metrics on port " + port + " (--metrics-port): " + e.getMessage(), e);
      }
      MetricsEndpoint endpoint = new MetricsEndpoint(server, engine, new ConsumerLag(p, positions));
      server.createContext("/metrics", endpoint::handle);
      server.setExecutor(
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "userstream-metrics");
                t.setDaemon(true);
                return t;
              }));
      server.start();
      LOG.info("metrics at http://<this host>:{}/metrics", server.getAddress().getPort());
      shared = endpoint;
    }
    shared.users++;
    return shared;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** What a scrape returns now. */
  String scrape() {
    StringBuilder out = new StringBuilder(4096);
    ConsumerLag.Snapshot snapshot = null;
    try {
      snapshot = lag.read();
    } catch (Exception e) {
      LOG.debug("consumer lag unavailable: {}", e.toString());
    }
    PipelineMetrics.process().render(out, engine, snapshot);
    return out.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops serving once every user of the shared endpoint has closed it. */
  @Override
  public void close() {
    synchronized (MetricsEndpoint.class) {
      if (--users > 0) {
        return;
      }
      server.stop(0);
      lag.close();
      if (shared == this) {
        shared = null;
      }
    }
  }
}
