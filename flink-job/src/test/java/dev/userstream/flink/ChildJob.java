package dev.userstream.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process started by a test, its output in a log file that failures quote. */
final class ChildJob implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildJob(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with {@code env} added, stdout and stderr to {@code log}. */
  static ChildJob start(List<String> command, Map<String, String> env, Path workDir, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ChildJob(builder.start(), log);
  }

  /** SIGKILL: no shutdown hook, no final checkpoint, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Waits for the exit code, failing after {@code seconds}. */
  int waitFor(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after " + seconds + " s\n" + output());
    }
    return process.exitValue();
  }

  /** What the process printed so far. */
  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
