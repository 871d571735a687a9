package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./userstream stack} launcher, end to end: up, status, a second up, down, and a
 * taken port. Ports and folder are its own, so a developer's stack is not disturbed.
 */
class StackCommandIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final String[] PORTS = {
    "--kafka-port", "39092",
    "--kafka-controller-port", "39093",
    "--cassandra-port", "39042",
    "--cassandra-storage-port", "37000"
  };

  @TempDir Path home;

  record Result(int exitCode, String output) {}

  private Result userstream(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("userstream").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--home", home.toString()));
    command.addAll(List.of(PORTS));
    command.addAll(List.of("--owner-pid", String.valueOf(ProcessHandle.current().pid())));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "userstream " + String.join(" ", args));
    return new Result(process.exitValue(), output);
  }

  @AfterEach
  void down() throws Exception {
    userstream("stack", "down");
  }

  @Test
  void upStatusSecondUpAndDown() throws Exception {
    Result up = userstream("stack", "up");
    assertEquals(0, up.exitCode(), up.output());
    assertTrue(up.output().contains("Kafka 127.0.0.1:39092 is up"), up.output());
    assertTrue(up.output().contains("Cassandra 127.0.0.1:39042 is up"), up.output());

    Result status = userstream("stack", "status");
    assertEquals(0, status.exitCode(), status.output());
    assertTrue(
        status.output().matches("(?s)kafka +pid \\d+ +127\\.0\\.0\\.1:39092 +UP.*"),
        status.output());
    assertTrue(
        status.output().matches("(?s).*\ncassandra +pid \\d+ +127\\.0\\.0\\.1:39042 +UP.*"),
        status.output());

    Result again = userstream("stack", "up");
    assertEquals(0, again.exitCode(), again.output());
    assertTrue(again.output().contains("stack is already up"), again.output());

    Result down = userstream("stack", "down");
    assertEquals(0, down.exitCode(), down.output());
    assertTrue(down.output().contains("stopped cassandra, kafka"), down.output());

    Result after = userstream("stack", "status");
    assertEquals(1, after.exitCode(), after.output());
    assertTrue(after.output().contains("DOWN"), after.output());
  }

  @Test
  void upFailsClearlyWhenTheCqlPortIsTaken() throws Exception {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 39042));
      Result up = userstream("stack", "up");
      assertEquals(1, up.exitCode(), up.output());
      assertTrue(
          up.output().contains("error: port 39042 (Cassandra CQL) on 127.0.0.1 is already in use"),
          up.output());
    }
    Result status = userstream("stack", "status");
    assertEquals(1, status.exitCode(), "nothing may be left running: " + status.output());
  }
}
