package dev.userstream.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One job process of a benchmark: started with its output in a log file (the console shows the
 * benchmark's own progress instead), stopped on Ctrl-C with the benchmark.
 */
final class JobRun implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final String label;
  private final long startNanos;
  private final Thread stopOnExit;

  private JobRun(Process process, Path log, String label, long startNanos) {
    this.process = process;
    this.log = log;
    this.label = label;
    this.startNanos = startNanos;
    this.stopOnExit = new Thread(this::stop, "stop-" + label);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Starts {@code builder} with stdout and stderr in {@code log}. */
  static JobRun start(ProcessBuilder builder, Path log, String label) {
    try {
      Files.createDirectories(log.getParent());
      long start = System.nanoTime();
      Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new JobRun(process, log, label, start);
    } catch (IOException e) {
      throw new BenchException("cannot start the " + label + " job: " + e.getMessage(), e);
    }
  }

  /** The job JVM's process id. */
  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Seconds since the process was started. */
  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * Waits for the job to exit by itself (available-now), printing a line every few seconds; returns
   * the seconds from start to exit.
   *
   * @throws BenchException on a non-zero exit or after {@code timeout}
   */
  double awaitExit(Duration timeout, PrintWriter out) {
    long deadline = startNanos + timeout.toNanos();
    try {
      while (!process.waitFor(5, TimeUnit.SECONDS)) {
        if (System.nanoTime() > deadline) {
          stop();
          throw new BenchException(
              "the " + label + " job did not finish within " + timeout.toSeconds() + " s" + tail());
        }
        out.printf("  %s: running, %.0f s%n", label, seconds());
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new BenchException("interrupted while the " + label + " job was running");
    }
    double seconds = seconds();
    if (process.exitValue() != 0) {
      throw new BenchException(
          "the " + label + " job failed with exit code " + process.exitValue() + tail());
    }
    return seconds;
  }

  /** A failure message's tail: the log's last lines and where the whole log is. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      int from = Math.max(0, lines.size() - 15);
      return "; last lines of "
          + log
          + ":\n  "
          + String.join("\n  ", lines.subList(from, lines.size()));
    } catch (IOException | RuntimeException e) {
      return "; see " + log;
    }
  }

  /** Stops a continuous job: SIGTERM, then a forced kill after 30 s. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it stops the job.
    }
  }
}
