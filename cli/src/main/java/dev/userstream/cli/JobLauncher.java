package dev.userstream.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * How one engine's job is started locally by {@code userstream run}: a child process whose output
 * the CLI streams and whose exit code it returns. One implementation per {@link Engine}.
 */
interface JobLauncher {

  /**
   * The child process for one run.
   *
   * @param repoRoot the repository root (built modules, the run's working directory)
   * @param jobArgs the job's own command line, passed on unchanged (pipeline and engine options)
   * @param heap the child JVM's maximum heap, e.g. {@code 2g}
   * @throws CommandFailure when the job cannot be started (not built, build failed)
   */
  ProcessBuilder process(Path repoRoot, List<String> jobArgs, String heap);

  /** This launcher with {@code options} added to the child JVM's flags, e.g. a flight recording. */
  JobLauncher withJvmOptions(List<String> options);
}
