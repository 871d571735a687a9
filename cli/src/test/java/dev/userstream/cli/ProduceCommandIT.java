package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code userstream produce} as a user meets it: the help names every option, and a broker that is
 * not there is one line and exit 1 within the timeout. (Producing to a real broker is covered by
 * the producer module's UserProducerIT.)
 */
class ProduceCommandIT {
  record Result(int exitCode, String out, String err) {}

  private static synchronized Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Result(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void helpDocumentsEveryOption() {
    Result help = run("produce", "--help");
    assertEquals(0, help.exitCode(), help.err());
    for (String option :
        List.of(
            "--source",
            "--events",
            "--duration",
            "--rate",
            "--format",
            "--bad-ratio",
            "--seed",
            "--partitions",
            "--" + PipelineOptions.BOOTSTRAP_SERVERS,
            "--" + PipelineOptions.TOPIC,
            "--" + PipelineOptions.KAFKA_PROPERTY,
            "--timeout",
            "--api-url",
            "--api-batch",
            "--api-timeout",
            "--api-retries",
            "--dir")) {
      assertTrue(help.out().contains(option + "="), option + " missing from:\n" + help.out());
    }
    // Defaults shared with the jobs are the same strings.
    assertTrue(help.out().contains("(default: " + PipelineOptions.DEFAULT_BOOTSTRAP_SERVERS + ")"));
    assertTrue(help.out().contains("(default: " + PipelineOptions.DEFAULT_TOPIC + ")"));
    assertTrue(run("--help").out().contains("produce"), "listed as a subcommand");
  }

  @Test
  void unreachableBrokerIsOneLineAndExitOneWithinTheTimeout() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    long start = System.nanoTime();
    Result result =
        run(
            "produce",
            "--bootstrap-servers",
            "127.0.0.1:" + port,
            "--timeout",
            "3s",
            "--events",
            "10");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(1, result.exitCode(), result.out() + result.err());
    assertEquals(
        "error: Kafka at 127.0.0.1:"
            + port
            + " is not reachable within 3 s (check --bootstrap-servers, and that the broker is up)",
        result.err().strip());
    assertTrue(millis < 8_000, "took " + millis + " ms");
  }

  @Test
  void badOptionsAreOneLineAndExitTwo() {
    Result noDir = run("produce", "--source", "files");
    assertEquals(2, noDir.exitCode());
    assertEquals("error: --source files needs --dir DIR", noDir.err().strip());
    Result badRatio = run("produce", "--bad-ratio", "1.5");
    assertEquals(2, badRatio.exitCode());
    assertEquals("error: --bad-ratio must be between 0 and 1, got 1.5", badRatio.err().strip());
    Result badTopic = run("produce", "--topic", "has space");
    assertEquals(2, badTopic.exitCode());
    assertTrue(badTopic.err().startsWith("error: "), badTopic.err());
  }
}
