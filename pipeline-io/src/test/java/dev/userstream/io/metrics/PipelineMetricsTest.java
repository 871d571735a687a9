package dev.userstream.io.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.MetricNames;
import dev.userstream.model.RejectReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {
  @Test
  void rendersEveryFamilyWithTheEngineLabel() {
    PipelineMetrics metrics = new PipelineMetrics();
    metrics.written(MetricNames.USERS, 7);
    metrics.written(MetricNames.REJECTIONS, 3);
    metrics.written(MetricNames.REJECTION_REASONS + "." + RejectReason.NOT_JSON, 2);
    metrics.written(MetricNames.REJECTION_REASONS + "." + RejectReason.TOO_LARGE, 1);
    metrics.written(MetricNames.ROWS_WRITTEN, 99); // not one of the written counters

    Map<String, String> samples =
        samples(metrics, new ConsumerLag.Snapshot("users", Map.of(0, 5L, 1, 0L)));

    assertEquals("10", samples.get("userstream_records_read_total{engine=\"e\"}"));
    assertEquals("7", samples.get("userstream_users_written_total{engine=\"e\"}"));
    assertEquals(
        "2", samples.get("userstream_rejects_written_total{engine=\"e\",reason=\"NOT_JSON\"}"));
    assertEquals(
        "1", samples.get("userstream_rejects_written_total{engine=\"e\",reason=\"TOO_LARGE\"}"));
    for (RejectReason reason : RejectReason.values()) {
      assertTrue(
          samples.containsKey(
              "userstream_rejects_written_total{engine=\"e\",reason=\"" + reason + "\"}"),
          reason + " has a sample even at 0");
    }
    assertEquals(
        "5",
        samples.get(
            "userstream_consumer_lag_records{engine=\"e\",topic=\"users\",partition=\"0\"}"));
    assertEquals(
        "0",
        samples.get(
            "userstream_consumer_lag_records{engine=\"e\",topic=\"users\",partition=\"1\"}"));
    assertEquals("0", samples.get("userstream_batches_total{engine=\"e\"}"));
    assertTrue(
        !samples.containsKey("userstream_batch_duration_seconds{engine=\"e\"}"),
        "no batch yet, no duration");
  }

  @Test
  void latencyIsACumulativeHistogramInSeconds() {
    PipelineMetrics metrics = new PipelineMetrics();
    metrics.writeLatency(400_000); // 0.4 ms: the first bucket
    metrics.writeLatency(1_000_000); // exactly 1 ms: le="0.001" includes it
    metrics.writeLatency(3_000_000); // 3 ms
    metrics.writeLatency(60_000_000_000L); // a minute: only +Inf
    metrics.batch(1_500_000_000L);

    Map<String, String> samples = samples(metrics, null);

    String bucket = "userstream_write_latency_seconds_bucket{engine=\"e\",le=\"";
    assertEquals("1", samples.get(bucket + "5.0E-4\"}"));
    assertEquals("2", samples.get(bucket + "0.001\"}"));
    assertEquals("2", samples.get(bucket + "0.0025\"}"));
    assertEquals("3", samples.get(bucket + "0.005\"}"));
    assertEquals("3", samples.get(bucket + "10.0\"}"));
    assertEquals("4", samples.get(bucket + "+Inf\"}"));
    assertEquals("4", samples.get("userstream_write_latency_seconds_count{engine=\"e\"}"));
    assertEquals(
        60.0044,
        Double.parseDouble(samples.get("userstream_write_latency_seconds_sum{engine=\"e\"}")),
        1e-9);
    assertEquals("1.5", samples.get("userstream_batch_duration_seconds{engine=\"e\"}"));
    assertEquals("1", samples.get("userstream_batches_total{engine=\"e\"}"));
    assertTrue(
        samples.keySet().stream().noneMatch(k -> k.startsWith(MetricNames.PROM_CONSUMER_LAG)),
        "no lag reading, no lag samples");
  }

  @Test
  void everyFamilyHasHelpAndTypeBeforeItsSamples() {
    StringBuilder out = new StringBuilder();
    new PipelineMetrics().render(out, "e", new ConsumerLag.Snapshot("t", Map.of(0, 1L)));
    List<String> lines = out.toString().lines().toList();
    String family = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# HELP ")) {
        family = line.split(" ")[2];
        assertTrue(lines.get(i + 1).startsWith("# TYPE " + family + " "), lines.get(i + 1));
        i++;
      } else {
        assertTrue(family != null && line.startsWith(family), line + " after family " + family);
      }
    }
  }

  private static Map<String, String> samples(PipelineMetrics metrics, ConsumerLag.Snapshot lag) {
    StringBuilder out = new StringBuilder();
    metrics.render(out, "e", lag);
    Map<String, String> samples = new LinkedHashMap<>();
    out.toString()
        .lines()
        .filter(l -> !l.startsWith("#"))
        .forEach(
            l ->
                samples.put(
                    l.substring(0, l.lastIndexOf(' ')), l.substring(l.lastIndexOf(' ') + 1)));
    return samples;
  }
}
