package dev.userstream.cli;

import java.util.Locale;

/**
 * The stream processors {@code userstream run} can start. Adding one is a constant here plus its
 * {@link JobLauncher}.
 */
enum Engine {
  /** Spark Structured Streaming, the documented engine: {@code local[*]} in a child JVM. */
  SPARK(JvmJobLauncher.spark()),
  /** Apache Flink, the alternative: a local MiniCluster in a child JVM. */
  FLINK(JvmJobLauncher.flink());

  private final JobLauncher launcher;

  Engine(JobLauncher launcher) {
    this.launcher = launcher;
  }

  /** The name as typed after {@code --engine}. */
  String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** This engine's launcher. */
  JobLauncher launcher() {
    return launcher;
  }
}
