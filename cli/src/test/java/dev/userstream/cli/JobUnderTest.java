package dev.userstream.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One start of a job JVM by a test, launched as {@code userstream run} launches it ({@link
 * JvmJobLauncher}: {@code java ... <main class>} directly, no wrapper script), so that a kill hits
 * the job itself. Output goes to a log file that failures quote.
 */
final class JobUnderTest {
  /** Jobs still running when the test JVM exits are killed, whatever the test did. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-test-jobs"));
  }

  /** Flink's job state changes (RUNNING to RESTARTING and back) are logged at INFO. */
  static final String FLINK_STATE_LOGGING =
      "-Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.executiongraph=info";

  private final Process process;
  private final List<String> command;
  private final Path log;

  private JobUnderTest(Process process, List<String> command, Path log) {
    this.process = process;
    this.command = List.copyOf(command);
    this.log = log;
  }

  /** Starts {@code engine}'s job with {@code args} as a local JVM, output to {@code log}. */
  static JobUnderTest start(Engine engine, List<String> args, String heap, Path log) {
    return start(engine.cliName(), localProcess(engine, args, heap), log);
  }

  /**
   * {@code engine}'s job as {@code userstream run} starts it locally, as built (Flink's job state
   * changes logged too).
   */
  static ProcessBuilder localProcess(Engine engine, List<String> args, String heap) {
    JvmJobLauncher launcher = (JvmJobLauncher) engine.launcher();
    ProcessBuilder builder = launcher.processAsBuilt(FaultFixture.ROOT, args, heap);
    if (engine == Engine.FLINK) {
      builder.command().add(1, FLINK_STATE_LOGGING);
    }
    return builder;
  }

  /** Starts {@code builder} (the job named {@code what}), output to {@code log}. */
  static JobUnderTest start(String what, ProcessBuilder builder, Path log) {
    try {
      Files.createDirectories(log.getParent());
      Process process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      LIVE.add(process);
      return new JobUnderTest(process, builder.command(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + what + " job", e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** The command it was started with. */
  List<String> command() {
    return command;
  }

  /** The executable of the running process, as the OS reports it (empty once it ended). */
  String executable() {
    return process.info().command().orElse("");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits up to {@code timeout} for it to end; true when it did. */
  boolean waitFor(java.time.Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The exit code; only once it ended. */
  int exitCode() {
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no last checkpoint or commit; returns once it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("job pid " + pid() + " survived SIGKILL for 30 s");
    }
    LIVE.remove(process);
  }

  /** SIGTERM, as an operator stops a job; SIGKILL if it is still there after 30 s. */
  void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
    LIVE.remove(process);
  }

  Path log() {
    return log;
  }

  /** What the job printed so far. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** The last {@code lines} lines of its output, headed by the log's path, for failures. */
  String tail(int lines) {
    List<String> all = output().lines().toList();
    return "--- last lines of "
        + log
        + " ---\n"
        + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
