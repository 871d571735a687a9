package dev.userstream.cli;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job's child process in the foreground: its output goes straight to this terminal, its exit
 * code becomes the command's, and stopping the CLI (Ctrl-C, SIGTERM) stops the child too.
 */
final class JobProcess {
  private JobProcess() {}

  /** Starts {@code builder} with inherited I/O, waits for it and returns its exit code. */
  static int run(ProcessBuilder builder) {
    Process process;
    try {
      process = builder.inheritIO().start();
    } catch (IOException e) {
      throw new CommandFailure("cannot start " + builder.command().get(0) + ": " + e.getMessage());
    }
    // Ctrl-C reaches the child as well (same process group); SIGTERM to the CLI alone does not.
    Thread stopChild =
        new Thread(
            () -> {
              process.destroy();
              try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                  process.destroyForcibly();
                }
              } catch (InterruptedException e) {
                process.destroyForcibly();
              }
            },
            "stop-job");
    Runtime.getRuntime().addShutdownHook(stopChild);
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new CommandFailure("interrupted while the job was running");
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running already: it stops the child.
      }
    }
  }
}
