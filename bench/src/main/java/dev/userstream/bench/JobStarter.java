package dev.userstream.bench;

import java.util.List;

/**
 * How the benchmark starts an engine's job: the same child JVM as {@code userstream run}. The CLI
 * passes its launcher in, so this module needs nothing from the CLI.
 */
@FunctionalInterface
public interface JobStarter {
  /**
   * The process for one job run, not yet started (it may build the job module first).
   *
   * @param engine {@code spark} or {@code flink}
   * @param jvmOptions flags added to the job JVM's own (e.g. {@code -XX:StartFlightRecording=...})
   * @param jobArgs the job's own command line: pipeline options and engine options
   */
  ProcessBuilder process(String engine, List<String> jvmOptions, List<String> jobArgs);
}
