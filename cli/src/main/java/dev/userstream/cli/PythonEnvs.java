package dev.userstream.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The project's pinned Python virtualenvs ({@code tools/python-env.sh NAME}, created on first use)
 * and the engine distributions their wheels carry: Spark's in the pyspark package, Flink's in
 * apache-flink's pyflink package. What {@code spark-submit}, {@code flink run} and the stack's
 * clusters run from.
 */
final class PythonEnvs {
  private static final Map<String, Path> VENVS = new ConcurrentHashMap<>();

  private PythonEnvs() {}

  /** The virtualenv {@code name} (e.g. {@code spark}); its first creation takes minutes. */
  static Path venv(Path repoRoot, String name) {
    return VENVS.computeIfAbsent(name, n -> create(repoRoot, n));
  }

  /** Spark's distribution ({@code SPARK_HOME}): the pyspark package of the {@code spark} venv. */
  static Path sparkHome(Path repoRoot) {
    return sitePackage(venv(repoRoot, "spark"), "pyspark", "jars");
  }

  /** Flink's distribution ({@code FLINK_HOME}): the pyflink package of the {@code flink} venv. */
  static Path flinkHome(Path repoRoot) {
    return sitePackage(venv(repoRoot, "flink"), "pyflink", "bin/flink");
  }

  private static Path sitePackage(Path venv, String pkg, String marker) {
    try (Stream<Path> libs = Files.list(venv.resolve("lib"))) {
      return libs.map(lib -> lib.resolve("site-packages").resolve(pkg))
          .filter(home -> Files.exists(home.resolve(marker)))
          .findFirst()
          .orElseThrow(() -> new CommandFailure("no " + pkg + "/" + marker + " under " + venv));
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + venv + ": " + e.getMessage());
    }
  }

  private static Path create(Path repoRoot, String name) {
    try {
      Process process =
          new ProcessBuilder(repoRoot.resolve("tools").resolve("python-env.sh").toString(), name)
              .directory(repoRoot.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new CommandFailure(
            "tools/python-env.sh "
                + name
                + " failed (exit "
                + process.exitValue()
                + "); see above");
      }
      return Path.of(out.strip().lines().reduce((first, last) -> last).orElseThrow());
    } catch (IOException e) {
      throw new CommandFailure("cannot run tools/python-env.sh " + name + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted while creating the " + name + " virtualenv");
    }
  }
}
