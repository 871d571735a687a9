package dev.userstream.producer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.userstream.model.TestUsers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for randomuser.me on 127.0.0.1 (an ephemeral port): answers {@code ?results=N}
 * with N users built from common-model's recorded samples, or replays scripted failures (status +
 * body, or a slow reply) first. Records every query it was sent.
 */
final class RecordedApi implements AutoCloseable {
  /** A scripted answer: a status and body, after an optional delay. */
  record Reply(int status, String body, long delayMillis, Map<String, String> headers) {
    static Reply of(int status, String body) {
      return new Reply(status, body, 0, Map.of());
    }

    static Reply slow(long delayMillis) {
      return new Reply(200, null, delayMillis, Map.of());
    }
  }

  /** The recorded samples, parsed once: a 5000-user page is built from copies. */
  private static final List<ObjectNode> SAMPLES =
      List.of(
          read(TestUsers.sample("raw-us").json()),
          read(TestUsers.sample("raw-norway").json()),
          read(TestUsers.sample("raw-iran").json()));

  private final HttpServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Map<String, String>> queries = Collections.synchronizedList(new ArrayList<>());

  RecordedApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/1.4/", this::handle);
    // One thread per exchange: a deliberately slow reply must not hold up the client's retry.
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/1.4/");
  }

  /** Queues answers given before the normal ones, in order. */
  synchronized RecordedApi then(Reply reply) {
    script.add(reply);
    return this;
  }

  List<Map<String, String>> queries() {
    return List.copyOf(queries);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
    queries.add(query);
    Reply reply;
    synchronized (this) {
      reply = script.poll();
    }
    try (exchange) {
      if (reply != null && reply.delayMillis() > 0) {
        Thread.sleep(reply.delayMillis());
      }
      if (reply != null && reply.body() != null) {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        send(exchange, reply.status(), reply.body());
        return;
      }
      send(exchange, 200, page(Integer.parseInt(query.getOrDefault("results", "1"))));
    } catch (IOException e) {
      // The client gave up (a timeout test): nothing to answer.
    } catch (InterruptedException e) {
      // close() stops the server while a slow reply waits: nobody is left to answer.
      Thread.currentThread().interrupt();
    }
  }

  /** An API response with {@code n} users, each a recorded sample with its own uuid. */
  static String page(int n) {
    ObjectNode response = Json.object();
    ArrayNode results = response.putArray("results");
    for (int i = 0; i < n; i++) {
      ObjectNode user = SAMPLES.get(i % SAMPLES.size()).deepCopy();
      ((ObjectNode) user.get("login")).put("uuid", UUID.randomUUID().toString());
      results.add(user);
    }
    ObjectNode info = response.putObject("info");
    info.put("seed", "abc").put("results", n).put("page", 1).put("version", "1.4");
    return response.toString();
  }

  private static ObjectNode read(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> parse(String query) {
    Map<String, String> values = new HashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        values.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return values;
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
