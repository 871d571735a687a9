package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A job's shaded jar under a real {@code spark-submit}, {@code local[2]} on loopback: the one of a
 * pinned pyspark virtualenv of the project ({@code tools/python-env.sh spark} for Spark 3.5, {@code
 * spark4} for Spark 4), as a user runs the jar on a plain Spark installation.
 */
final class SparkSubmitRun {
  private static final Path REPO_ROOT = StackJobs.MODULE_DIR.getParent();

  private SparkSubmitRun() {}

  /** The module's shaded jar, built by the package phase (failsafe names it). */
  static Path shadedJar() {
    Path jar = Path.of(System.getProperty("userstream.spark.shaded.jar"));
    assertTrue(Files.isRegularFile(jar), "shaded jar built by the package phase: " + jar);
    return jar;
  }

  /** Where {@link #run} writes spark-submit's output. */
  static Path log(Path dir) {
    return dir.resolve("spark-submit.log");
  }

  /**
   * Runs {@code spark-submit --master local[2] --conf ... --class mainClass <shaded jar> jobArgs}
   * with the spark-submit of the virtualenv {@code venv}, in {@code dir}, output to {@link
   * #log(Path)}; returns its exit code (a run past five minutes fails the test).
   *
   * @param conf extra {@code --conf} settings, {@code key=value}
   */
  static int run(String venv, List<String> conf, String mainClass, List<String> jobArgs, Path dir)
      throws Exception {
    return run(venv, conf, mainClass, jobArgs, dir, Map.of());
  }

  /** {@link #run} with extra environment variables for spark-submit. */
  private static int run(
      String venv,
      List<String> conf,
      String mainClass,
      List<String> jobArgs,
      Path dir,
      Map<String, String> env)
      throws Exception {
    Path sparkSubmit = venv(venv).resolve("bin/spark-submit");
    List<String> command = new ArrayList<>(List.of(sparkSubmit.toString(), "--master", "local[2]"));
    List<String> settings =
        new ArrayList<>(
            List.of(
                "spark.driver.host=127.0.0.1",
                "spark.driver.bindAddress=127.0.0.1",
                "spark.ui.enabled=false"));
    settings.addAll(conf);
    settings.forEach(setting -> command.addAll(List.of("--conf", setting)));
    command.addAll(List.of("--class", mainClass, shadedJar().toString()));
    command.addAll(jobArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log(dir).toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(env);
    // As an activated virtualenv: spark-submit finds its SPARK_HOME with the venv's python.
    builder
        .environment()
        .put("PATH", sparkSubmit.getParent() + ":" + builder.environment().get("PATH"));
    return StackJobs.await(builder.start(), Duration.ofMinutes(5), log(dir));
  }

  /**
   * A clean run is quiet: Spark at WARN under spark-submit too ({@link SparkLogging}), no stack
   * trace (the Cassandra driver's optional native probe once logged one), at most 30 lines, the
   * run's summary last.
   */
  static void assertQuiet(Path dir, String summaryPrefix) throws Exception {
    List<String> lines = Files.readAllLines(log(dir));
    String all = lines.size() + " lines:\n" + String.join("\n", lines);
    assertTrue(lines.size() <= 30, all);
    assertTrue(
        lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), all);
    assertTrue(lines.get(lines.size() - 1).startsWith(summaryPrefix), all);
  }

  /**
   * A {@code log4j2.properties} of the user's own in {@code SPARK_CONF_DIR} is the one in use, not
   * the job's: Spark's INFO lines show in the user's pattern. The job fails fast at its Kafka check
   * (nothing listens on port 1 of loopback), after its session has started.
   */
  static void assertUsersConfigWins(String venv, String mainClass, Path dir) throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.write(
        conf.resolve("log4j2.properties"),
        List.of(
            "rootLogger.level = info",
            "rootLogger.appenderRef.console.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = users-own %p %c: %m%n"));
    List<String> jobArgs = List.of("--bootstrap-servers", "127.0.0.1:1", "--mode", "available-now");
    int exit =
        run(venv, List.of(), mainClass, jobArgs, dir, Map.of("SPARK_CONF_DIR", conf.toString()));
    String log = Files.readString(log(dir));
    assertEquals(1, exit, log);
    assertTrue(log.contains("users-own INFO org.apache.spark.SparkContext: "), log);
  }

  /** The project's pinned pyspark virtualenv {@code name} (created on first use, minutes). */
  private static Path venv(String name) throws Exception {
    Path log = Files.createTempFile("python-env", ".log");
    try {
      Process process =
          new ProcessBuilder(REPO_ROOT.resolve("tools/python-env.sh").toString(), name)
              .directory(REPO_ROOT.toFile())
              .redirectError(log.toFile())
              .start();
      String out = new String(process.getInputStream().readAllBytes()).strip();
      // pyspark 4.2.0 is a 450 MB source distribution: its first install takes minutes.
      int exit = StackJobs.await(process, Duration.ofMinutes(20), log);
      assertEquals(0, exit, "tools/python-env.sh " + name + " failed\n" + StackJobs.tail(log));
      return Path.of(out.lines().reduce((first, last) -> last).orElseThrow());
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
