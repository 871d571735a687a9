package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./userstream} as users run it, in a child process, for integration tests. */
final class UserstreamScript {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  private UserstreamScript() {}

  /** What one command did: its exit code, its output (stdout and stderr) and how long it took. */
  record Result(int exit, String output, double seconds) {}

  /**
   * Runs {@code ./userstream args} with only the {@code USERSTREAM_*} variables of {@code env}:
   * nothing of a developer's own exported credentials reaches it.
   */
  static Result run(Map<String, String> env, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("userstream").toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("USERSTREAM_"));
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), args.get(0) + " did not finish");
    return new Result(process.exitValue(), output, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The arguments of {@code run}: {@code engine}'s job with a 1g heap, available-now, from {@code
   * topic} of {@code stack} into {@code keyspace}, checkpoints in {@code checkpointDir}.
   */
  static List<String> availableNowRun(
      String engine, LocalStack stack, String topic, String keyspace, Path checkpointDir) {
    return List.of(
        "run",
        "--engine",
        engine,
        "--heap",
        "1g",
        "--mode",
        "available-now",
        "--bootstrap-servers",
        stack.config().kafkaBootstrap(),
        "--cassandra-port",
        String.valueOf(stack.config().cassandraPort()),
        "--topic",
        topic,
        "--keyspace",
        keyspace,
        "--checkpoint-dir",
        checkpointDir.toString());
  }
}
