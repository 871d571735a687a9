package dev.userstream.cli;

import java.util.Locale;

/**
 * The stream processors {@code userstream run} can start. Adding one is a constant here plus its
 * {@link JobLauncher}.
 */
enum Engine {
  /** Spark Structured Streaming, the documented engine: {@code local[*]} in a child JVM. */
  SPARK(new SparkJobLauncher()),
  /** Apache Flink: its launcher arrives with the flink-job module. */
  FLINK(null);

  private final JobLauncher launcher;

  Engine(JobLauncher launcher) {
    this.launcher = launcher;
  }

  /** The name as typed after {@code --engine}. */
  String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** This engine's launcher, or a one-line failure when the CLI cannot run it yet. */
  JobLauncher launcher() {
    if (launcher == null) {
      throw new CommandFailure(
          "the " + cliName() + " engine cannot be run from the CLI yet; use --engine spark");
    }
    return launcher;
  }
}
