package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlinkJobOptionsTest {
  @Test
  void defaultsAreTheSharedOnesPlusFlinkTuning() {
    PipelineOptions options = parse();
    assertEquals(PipelineOptions.defaults(), options);
    assertEquals(Duration.ofSeconds(60), options.get(FlinkJobOptions.CHECKPOINT_INTERVAL));
    assertEquals(Duration.ofMillis(100), options.get(FlinkJobOptions.BUFFER_TIMEOUT));
    assertEquals(64, options.cassandraConcurrentWrites());
    assertEquals("latest", options.get(FlinkJobOptions.RESUME_FROM));
  }

  @Test
  void parsesSharedAndFlinkOptionsFromOneCommandLine() {
    PipelineOptions options =
        parse(
            "--topic",
            "events",
            "--mode=continuous",
            "--checkpoint-interval",
            "500ms",
            "--buffer-timeout=0ms",
            "--cassandra-max-concurrent-requests",
            "8",
            "--resume-from",
            "none",
            "--kafka-property",
            "security.protocol=PLAINTEXT");
    assertEquals("events", options.topic());
    assertEquals(PipelineOptions.Mode.CONTINUOUS, options.mode());
    assertEquals(Duration.ofMillis(500), options.get(FlinkJobOptions.CHECKPOINT_INTERVAL));
    assertEquals(Duration.ZERO, options.get(FlinkJobOptions.BUFFER_TIMEOUT));
    assertEquals(8, options.cassandraConcurrentWrites());
    assertEquals("none", options.get(FlinkJobOptions.RESUME_FROM));
    assertEquals("PLAINTEXT", options.kafkaProperties().get("security.protocol"));
    assertEquals(options, parse(options.toArgs(FlinkJobOptions.OPTIONS).toArray(String[]::new)));
  }

  @Test
  void badValuesAreOneLineNamingTheOption() {
    assertMessage("--checkpoint-interval must be a duration", "--checkpoint-interval", "soon");
    assertMessage("--checkpoint-interval must be at least 10ms", "--checkpoint-interval", "1ms");
    // The old name still works; the message names the option by its shared name.
    assertMessage(
        "--cassandra-concurrent-writes must be an integer",
        "--cassandra-max-concurrent-requests",
        "many");
    assertMessage(
        "--cassandra-concurrent-writes must be an integer 1..512",
        "--cassandra-concurrent-writes",
        "0");
    assertMessage("unknown option --checkpoint-intervall", "--checkpoint-intervall", "1s");
    assertMessage("--parallelism must be an integer", "--parallelism", "0");
  }

  @Test
  void usageListsSharedAndFlinkOptions() {
    String usage = PipelineOptions.usage(FlinkJobOptions.OPTIONS);
    for (String name :
        new String[] {"--bootstrap-servers", "--checkpoint-dir", "--checkpoint-interval"}) {
      assertTrue(usage.contains(name), name);
    }
    assertTrue(usage.contains("--resume-from"));
    assertTrue(usage.contains("(default: 60s)"), usage);
  }

  private static void assertMessage(String start, String... args) {
    OptionsException e = assertThrows(OptionsException.class, () -> parse(args));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  private static PipelineOptions parse(String... args) {
    return PipelineOptions.parse(FlinkJobOptions.OPTIONS, args);
  }
}
