package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userstream.io.MetricNames;
import dev.userstream.io.PipelineOptions;
import dev.userstream.model.RejectReason;
import dev.userstream.model.Rejection;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.SharedTestStack;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.TestRecords;
import dev.userstream.stack.pipeline.TopicWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a user watches while a continuous job of each engine runs on the shared test stack: once the
 * producer has stopped and {@code verify} passes,
 *
 * <ul>
 *   <li>{@code userstream status --once --json} shows no lag in any partition, the job itself among
 *       the running ones, writes per second into the users table, and the users, rejects and reject
 *       reasons that verify and the transformation count;
 *   <li>the job's Prometheus endpoint ({@code --metrics-port}) serves the shared metric names with
 *       the same figures: records read, users written, rejects by reason, one write latency per
 *       row, batches, and no lag in any partition.
 * </ul>
 */
class ObservabilityIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Pattern VERIFIED = Pattern.compile("users=(\\d+) rejects=(\\d+) expected=");
  private static final int PARTITIONS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(Engine.class)
  void statusMatchesVerifyWhileTheJobRuns(Engine engine) throws Exception {
    LocalStack stack = SharedTestStack.get();
    String topic = SharedTestStack.uniqueName("status_" + engine.cliName().replace('-', '_'));
    Path work = ROOT.resolve("cli/target/status-it").resolve(topic);
    List<String> options =
        PipelineOptions.builder()
            .bootstrapServers(stack.config().kafkaBootstrap())
            .cassandraPort(stack.config().cassandraPort())
            .topic(topic)
            .keyspace(topic)
            .checkpointDir(work.resolve("checkpoints").toString())
            .build()
            .toArgs();
    List<ProducedRecord> records =
        TopicWriter.write(stack.kafka(), topic, PARTITIONS, TestRecords.mixed(3000, 150, 41));
    Map<String, Long> expectedReasons = new TreeMap<>();
    UserTransform transform = UserTransform.withDefaults();
    for (ProducedRecord record : records) {
      if (transform.apply(record.value(), record.timestamp()) instanceof Rejection r) {
        expectedReasons.merge(r.code().name(), 1L, Long::sum);
      }
    }

    List<String> jobArgs = new ArrayList<>(options);
    int metricsPort = freePort();
    jobArgs.addAll(List.of("--mode", "continuous", "--metrics-port", String.valueOf(metricsPort)));
    jobArgs.add(
        switch (engine) {
          case SPARK -> "--trigger-interval=1s";
          case SPARK_RT -> "--checkpoint-interval=5s"; // Real-Time Mode's shortest
          case FLINK -> "--checkpoint-interval=1s";
        });
    JobUnderTest job = JobUnderTest.start(engine, jobArgs, "1g", work.resolve("job.log"));
    try {
      UserstreamScript.Result verified = waitForVerify(options, records.size(), job);
      Matcher counts = VERIFIED.matcher(verified.output());
      assertTrue(counts.find(), verified.output());

      // Flink commits its group's offsets when a checkpoint completes, Real-Time Mode its epoch
      // every 5 s: give them a few.
      JsonNode status = null;
      for (int i = 0; i < 45; i++) {
        status = status(options);
        if (status.path("lag").path(engine.cliName()).asLong(-1) == 0) {
          break;
        }
        Thread.sleep(1000);
      }
      String shown = status.toString();
      assertEquals(0, status.path("lag").path(engine.cliName()).asLong(-1), shown);
      for (JsonNode partition : status.get("partitions")) {
        assertEquals(0, partition.path("lag").path(engine.cliName()).asLong(-1), shown);
      }
      assertEquals(records.size(), status.get("records").asLong(), shown);
      assertEquals(Long.parseLong(counts.group(1)), status.get("users").asLong(), shown);
      assertEquals(Long.parseLong(counts.group(2)), status.get("rejects").asLong(), shown);
      Map<String, Long> reasons = new TreeMap<>();
      status
          .get("rejectReasons")
          .fields()
          .forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
      assertEquals(expectedReasons, reasons, shown);
      boolean listed = false;
      for (JsonNode running : status.get("jobs")) {
        listed |=
            running.get("pid").asLong() == job.pid()
                && running.get("engine").asText().equals(engine.cliName());
      }
      assertTrue(listed, "job pid " + job.pid() + " not among the running jobs: " + shown);
      JsonNode users = status.path("writes").path("created_users");
      assertTrue(users.path("count").asLong() >= status.get("users").asLong(), shown);
      assertTrue(users.path("perSecond").asDouble() > 0, shown);

      assertMetrics(
          engine,
          metricsPort,
          records.size(),
          Long.parseLong(counts.group(1)),
          Long.parseLong(counts.group(2)),
          expectedReasons);
    } finally {
      job.stop();
    }
  }

  /** The endpoint's figures once the lag it computes has reached 0 in every partition. */
  private static void assertMetrics(
      Engine engine,
      int port,
      long records,
      long users,
      long rejects,
      Map<String, Long> expectedReasons)
      throws Exception {
    String e = "{engine=\"" + engine.cliName() + "\"";
    Map<String, Double> metrics = Map.of();
    for (int i = 0; i < 45; i++) {
      metrics = scrape(port);
      long lagging =
          metrics.entrySet().stream()
              .filter(m -> m.getKey().startsWith(MetricNames.PROM_CONSUMER_LAG + e))
              .filter(m -> m.getValue() != 0)
              .count();
      if (lagging == 0 && metrics.keySet().stream().anyMatch(k -> k.contains("_lag_"))) {
        break;
      }
      Thread.sleep(1000);
    }
    String shown = String.join("\n", new TreeMap<>(metrics).toString().split(", "));
    for (int partition = 0; partition < PARTITIONS; partition++) {
      String lag = MetricNames.PROM_CONSUMER_LAG + e + ",topic=";
      String which = ",partition=\"" + partition + "\"}";
      assertEquals(
          List.of(0.0),
          metrics.entrySet().stream()
              .filter(m -> m.getKey().startsWith(lag))
              .filter(m -> m.getKey().endsWith(which))
              .map(Map.Entry::getValue)
              .toList(),
          "lag of partition " + partition + ":\n" + shown);
    }
    assertEquals(records, metrics.get(MetricNames.PROM_RECORDS_READ + e + "}"), 0, shown);
    assertEquals(users, metrics.get(MetricNames.PROM_USERS_WRITTEN + e + "}"), 0, shown);
    Map<String, Long> reasons = new TreeMap<>();
    long rejectsShown = 0;
    for (RejectReason reason : RejectReason.values()) {
      Double n = metrics.get(MetricNames.PROM_REJECTS_WRITTEN + e + ",reason=\"" + reason + "\"}");
      assertTrue(n != null, reason + " missing:\n" + shown);
      rejectsShown += n.longValue();
      if (n > 0) {
        reasons.put(reason.name(), n.longValue());
      }
    }
    assertEquals(expectedReasons, reasons, shown);
    assertEquals(rejects, rejectsShown, shown);
    // One statement per row (batch size 1); a replayed batch would only add more.
    double latencies = metrics.get(MetricNames.PROM_WRITE_LATENCY + "_count" + e + "}");
    assertTrue(latencies >= users + rejects, shown);
    assertEquals(
        latencies,
        metrics.get(MetricNames.PROM_WRITE_LATENCY + "_bucket" + e + ",le=\"+Inf\"}"),
        0,
        shown);
    assertTrue(metrics.get(MetricNames.PROM_WRITE_LATENCY + "_sum" + e + "}") > 0, shown);
    assertTrue(metrics.get(MetricNames.PROM_BATCHES + e + "}") > 0, shown);
    assertTrue(metrics.get(MetricNames.PROM_BATCH_DURATION + e + "}") >= 0, shown);
  }

  /** Every sample of the endpoint, keyed by name and labels as served. */
  private static Map<String, Double> scrape(int port) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        response.headers().toString());
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : response.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return samples;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static UserstreamScript.Result waitForVerify(
      List<String> options, int expected, JobUnderTest job) throws Exception {
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (true) {
      List<String> args = new ArrayList<>(List.of("verify", "--expect", String.valueOf(expected)));
      args.addAll(options);
      UserstreamScript.Result result = UserstreamScript.run(Map.of(), args);
      if (result.exit() == 0) {
        return result;
      }
      assertTrue(job.isAlive(), "the job ended:\n" + job.tail(40));
      assertTrue(System.nanoTime() < deadline, "verify never passed:\n" + result.output());
      Thread.sleep(2000);
    }
  }

  private static JsonNode status(List<String> options) throws Exception {
    List<String> args = new ArrayList<>(List.of("status", "--once", "--json"));
    args.addAll(options);
    UserstreamScript.Result result = UserstreamScript.run(Map.of(), args);
    assertEquals(0, result.exit(), result.output());
    List<String> lines = result.output().lines().filter(l -> l.startsWith("{")).toList();
    assertEquals(1, lines.size(), result.output());
    return JSON.readTree(lines.get(0));
  }
}
