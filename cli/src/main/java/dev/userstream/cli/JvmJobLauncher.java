package dev.userstream.cli;

import dev.userstream.io.JvmFlags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a job module's main class on the embedded default (Spark {@code local[*]}, Flink's local
 * MiniCluster) in a child JVM: the module's classes plus the classpath files its build writes to
 * {@code target/} (the engine itself included). The CLI itself never loads an engine class.
 *
 * @param module the job module, e.g. {@code spark-job}
 * @param sourceModules other modules whose sources go into the job (both Spark jobs: {@code
 *     spark-common}'s), which make it stale when they change as its own do
 * @param mainClass the job's main class
 * @param classpathFiles the files in the module's {@code target/} that list its classpath
 * @param jvmOptions JVM flags the engine needs on Java 17
 * @param environment variables the child JVM gets on top of this one's
 */
record JvmJobLauncher(
    String module,
    List<String> sourceModules,
    String mainClass,
    List<String> classpathFiles,
    List<String> jvmOptions,
    Map<String, String> environment)
    implements JobLauncher {
  /** Touched in each module's target/ after a build this launcher ran. */
  private static final String BUILT_MARKER = ".userstream-built";

  /**
   * The Spark 3.5 job: {@code spark-job.classpath} (compile + runtime) and {@code
   * spark-job-provided.classpath} (Spark itself).
   */
  static JvmJobLauncher spark() {
    return sparkJob("spark-job", "dev.userstream.spark.SparkJobMain", JvmFlags.SPARK_JAVA17);
  }

  /** The Spark 4 job, alike: {@code spark-rt-job.classpath}, with Spark 4's Java flags. */
  static JvmJobLauncher sparkRt() {
    return sparkJob("spark-rt-job", "dev.userstream.spark.SparkRtJobMain", JvmFlags.SPARK4_JAVA17);
  }

  /**
   * A Spark job module built from its own and spark-common's sources, whose build writes {@code
   * <module>.classpath} (compile + runtime) and {@code <module>-provided.classpath} (Spark).
   */
  private static JvmJobLauncher sparkJob(String module, String mainClass, List<String> flags) {
    return new JvmJobLauncher(
        module,
        List.of("spark-common"),
        mainClass,
        List.of(module + ".classpath", module + "-provided.classpath"),
        flags,
        // Loopback only: without it Spark picks the first non-loopback interface for its own use.
        Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
  }

  /** The Flink job: {@code flink-job.classpath} holds runtime and provided (Flink) jars. */
  static JvmJobLauncher flink() {
    return new JvmJobLauncher(
        "flink-job",
        List.of(),
        "dev.userstream.flink.FlinkJobMain",
        List.of("flink-job.classpath"),
        JvmFlags.FLINK_JAVA17,
        Map.of());
  }

  @Override
  public JvmJobLauncher withJvmOptions(List<String> options) {
    List<String> all = new ArrayList<>(jvmOptions);
    all.addAll(options);
    return new JvmJobLauncher(
        module, sourceModules, mainClass, classpathFiles, List.copyOf(all), environment);
  }

  @Override
  public ProcessBuilder process(Path repoRoot, List<String> jobArgs, String heap) {
    ensureBuilt(repoRoot, () -> true);
    return processAsBuilt(repoRoot, jobArgs, heap);
  }

  /**
   * Builds the module (./mvnw package) when it is stale, when one of its classpath files is
   * missing, or when {@code artifactBuilt} (e.g. "the shaded jar is there") says no.
   */
  void ensureBuilt(Path repoRoot, java.util.function.BooleanSupplier artifactBuilt) {
    Path target = repoRoot.resolve(module).resolve("target");
    if (isStale(repoRoot, module, sourceModules)
        || classpathFiles.stream().anyMatch(f -> !Files.isRegularFile(target.resolve(f)))
        || !artifactBuilt.getAsBoolean()) {
      build(repoRoot, module);
    }
  }

  /**
   * The child process for the module as it is built now, without the staleness check: for tests,
   * whose own build has just compiled the job (a rebuild in the middle of a test would only measure
   * the build, or pick up someone's half-edited sources).
   */
  ProcessBuilder processAsBuilt(Path repoRoot, List<String> jobArgs, String heap) {
    Path target = repoRoot.resolve(module).resolve("target");
    List<String> classpath = new ArrayList<>();
    classpath.add(target.resolve("classes").toString());
    try {
      for (String file : classpathFiles) {
        classpath.add(Files.readString(target.resolve(file)).strip());
      }
    } catch (IOException e) {
      throw new CommandFailure("cannot read the " + module + " classpath: " + e.getMessage());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(":", classpath));
    command.add(mainClass);
    command.addAll(jobArgs);
    ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile());
    builder.environment().putAll(environment);
    return builder;
  }

  /**
   * A module's classes are missing, or its sources or pom (for the job module, also those of its
   * {@code shared} source modules) are newer than them. (The classpath files cannot tell: the
   * dependency plugin leaves them untouched when their content is the same.)
   */
  static boolean isStale(Path root, String jobModule, List<String> shared) {
    try {
      for (String module : List.of("common-model", "pipeline-io", jobModule)) {
        Path dir = root.resolve(module);
        Path classes = dir.resolve("target/classes");
        if (!Files.isDirectory(classes)) {
          return true;
        }
        // A build that changed nothing leaves the class files' times alone: the marker written
        // after each of our builds says "checked at this time" even then.
        Path marker = dir.resolve("target").resolve(BUILT_MARKER);
        FileTime built =
            Files.exists(marker)
                ? max(newest(classes), Files.getLastModifiedTime(marker))
                : newest(classes);
        List<Path> sources = new ArrayList<>(List.of(dir));
        if (module.equals(jobModule)) {
          shared.forEach(s -> sources.add(root.resolve(s)));
        }
        for (Path source : sources) {
          if (newest(source.resolve("src/main")).compareTo(built) > 0
              || newest(source.resolve("pom.xml")).compareTo(built) > 0) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | UncheckedIOException e) {
      return true;
    }
  }

  private static FileTime max(FileTime a, FileTime b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static FileTime newest(Path path) throws IOException {
    if (!Files.exists(path)) {
      return FileTime.fromMillis(0);
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files
          .filter(Files::isRegularFile)
          .map(
              file -> {
                try {
                  return Files.getLastModifiedTime(file);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .max(FileTime::compareTo)
          .orElse(FileTime.fromMillis(0));
    }
  }

  /** Builds the job the way ./userstream builds the CLI: package, tests skipped. */
  private static void build(Path root, String module) {
    Path log = root.resolve(".userstream").resolve(module + "-build.log");
    System.err.println("building " + module + " (./mvnw package, tests skipped) ...");
    try {
      Files.createDirectories(log.getParent());
      Process mvn =
          new ProcessBuilder(
                  root.resolve("mvnw").toString(),
                  "-q",
                  "-B",
                  "-DskipTests",
                  "-Dspotless.check.skip=true",
                  "-pl",
                  module,
                  "-am",
                  "package")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!mvn.waitFor(30, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
        mvn.destroyForcibly();
        throw new CommandFailure("building " + module + " failed; see " + log);
      }
      for (String built : List.of("common-model", "pipeline-io", module)) {
        Path marker = root.resolve(built).resolve("target").resolve(BUILT_MARKER);
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "built by ./userstream\n");
      }
    } catch (IOException e) {
      throw new CommandFailure("cannot run ./mvnw to build " + module + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted while building " + module);
    }
  }
}
