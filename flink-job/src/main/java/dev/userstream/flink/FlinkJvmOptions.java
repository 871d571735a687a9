package dev.userstream.flink;

import dev.userstream.io.JvmFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a launcher needs to run {@link FlinkJobMain} in a child JVM (the CLI's {@code run --engine
 * flink}, the integration tests): the main class, Flink's Java 17 options and the classpath file
 * the build writes.
 *
 * <pre>{@code
 * java <JAVA_17_FLAGS> -cp $(cat flink-job/target/flink-job.classpath):flink-job/target/classes \
 *     dev.userstream.flink.FlinkJobMain --mode available-now ...
 * }</pre>
 */
public final class FlinkJvmOptions {
  /** The job's main class, also the shaded jar's manifest main class. */
  public static final String MAIN_CLASS = "dev.userstream.flink.FlinkJobMain";

  /**
   * The classpath file {@code maven-dependency-plugin:build-classpath} writes at build time,
   * relative to the repository root: every dependency of a local run, Flink (provided) included,
   * but not the module's own classes ({@code flink-job/target/classes} or the jar).
   */
  public static final Path CLASSPATH_FILE = Path.of("flink-job", "target", "flink-job.classpath");

  /** The module's compiled classes, relative to the repository root. */
  public static final Path CLASSES_DIR = Path.of("flink-job", "target", "classes");

  /** Flink's own Java 17 options, pipeline-io's {@link JvmFlags#FLINK_JAVA17}. */
  public static final List<String> JAVA_17_FLAGS = JvmFlags.FLINK_JAVA17;

  private FlinkJvmOptions() {}

  /**
   * The command line of a child JVM running the job: {@code java}, the flags, the classpath, the
   * main class and {@code jobArgs}. Pass PipelineOptions.secretEnvironment() as its environment.
   */
  public static List<String> command(Path javaHome, String classpath, List<String> jobArgs) {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(JAVA_17_FLAGS);
    command.add("-cp");
    command.add(classpath);
    command.add(MAIN_CLASS);
    command.addAll(jobArgs);
    return command;
  }
}
