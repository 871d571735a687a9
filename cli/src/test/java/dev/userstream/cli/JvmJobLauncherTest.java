package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@code userstream run} rebuilds a job first: a change to any source the job is built from.
 */
class JvmJobLauncherTest {
  private static final Instant BUILT = Instant.parse("2025-01-01T12:00:00Z");

  @Test
  void aChangedSharedSourceMakesTheJobStale(@TempDir Path root) throws IOException {
    for (String module : List.of("common-model", "pipeline-io", "spark-job")) {
      file(root.resolve(module).resolve("target/classes/A.class"), BUILT);
      file(root.resolve(module).resolve("src/main/java/A.java"), BUILT.minusSeconds(60));
      file(root.resolve(module).resolve("pom.xml"), BUILT.minusSeconds(60));
    }
    Path shared = root.resolve("spark-common/src/main/java/S.java");
    file(shared, BUILT.minusSeconds(60));
    assertFalse(JvmJobLauncher.isStale(root, "spark-job", List.of("spark-common")));

    Files.setLastModifiedTime(shared, FileTime.from(BUILT.plusSeconds(60)));
    assertTrue(JvmJobLauncher.isStale(root, "spark-job", List.of("spark-common")));
    assertFalse(
        JvmJobLauncher.isStale(root, "spark-job", List.of()), "a module the job is not built from");
  }

  private static void file(Path path, Instant modified) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, "x");
    Files.setLastModifiedTime(path, FileTime.from(modified));
  }
}
