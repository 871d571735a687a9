package dev.userstream.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the Spark job on the embedded default, {@code local[*]}, in a child JVM: the spark-job
 * module's classes plus its full classpath, written by its build to {@code
 * spark-job/target/spark-job.classpath} (compile + runtime) and {@code
 * spark-job-provided.classpath} (Spark itself). The CLI itself never loads a Spark class.
 */
final class SparkJobLauncher implements JobLauncher {
  static final String MAIN_CLASS = "dev.userstream.spark.SparkJobMain";

  /** What Spark's own launcher adds on Java 17 (JavaModuleOptions); the job JVM needs the same. */
  static final List<String> JAVA17_OPTIONS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED");

  private static final String MODULE = "spark-job";

  @Override
  public ProcessBuilder process(Path repoRoot, List<String> jobArgs, String heap) {
    Path target = repoRoot.resolve(MODULE).resolve("target");
    Path classpathFile = target.resolve("spark-job.classpath");
    Path providedFile = target.resolve("spark-job-provided.classpath");
    if (isStale(repoRoot, classpathFile) || !Files.isRegularFile(providedFile)) {
      build(repoRoot);
    }
    String classpath;
    try {
      classpath =
          String.join(
              ":",
              target.resolve("classes").toString(),
              Files.readString(classpathFile).strip(),
              Files.readString(providedFile).strip());
    } catch (IOException e) {
      throw new CommandFailure("cannot read the spark-job classpath: " + e.getMessage());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(JAVA17_OPTIONS);
    command.add("-cp");
    command.add(classpath);
    command.add(MAIN_CLASS);
    command.addAll(jobArgs);
    ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile());
    // Loopback only: without it Spark picks the first non-loopback interface for its own use.
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder;
  }

  /**
   * Missing, or a module's sources or pom are newer than its compiled classes. (The classpath files
   * cannot tell: the dependency plugin leaves them untouched when their content is the same.)
   */
  private static boolean isStale(Path root, Path classpathFile) {
    if (!Files.isRegularFile(classpathFile)) {
      return true;
    }
    try {
      for (String module : List.of("common-model", MODULE)) {
        Path dir = root.resolve(module);
        Path classes = dir.resolve("target/classes");
        if (!Files.isDirectory(classes)) {
          return true;
        }
        FileTime built = newest(classes);
        if (newest(dir.resolve("src/main")).compareTo(built) > 0
            || newest(dir.resolve("pom.xml")).compareTo(built) > 0) {
          return true;
        }
      }
      return false;
    } catch (IOException | UncheckedIOException e) {
      return true;
    }
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
  private static void build(Path root) {
    Path log = root.resolve(".userstream").resolve("spark-job-build.log");
    System.err.println("building spark-job (./mvnw package, tests skipped) ...");
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
                  MODULE,
                  "-am",
                  "package")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!mvn.waitFor(30, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
        mvn.destroyForcibly();
        throw new CommandFailure("building spark-job failed; see " + log);
      }
    } catch (IOException e) {
      throw new CommandFailure("cannot run ./mvnw to build spark-job: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted while building spark-job");
    }
  }
}
