package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLocatorTest {
  @TempDir Path dir;

  @Test
  void latestIsTheNewestCompleteCheckpointOfAnyRun() throws IOException {
    assertEquals(Optional.empty(), CheckpointLocator.latest(dir.resolve("none").toUri()));
    checkpoint("job-a/chk-3", 1_000);
    Path newest = checkpoint("job-b/chk-1", 2_000);
    Files.createDirectories(dir.resolve("job-b/chk-2")); // in progress when the process died
    Files.createDirectories(dir.resolve("job-b/shared"));
    Optional<URI> latest = CheckpointLocator.latest(dir.toUri());
    assertTrue(latest.isPresent());
    assertEquals(Path.of(newest.toUri()), Path.of(latest.get()));
  }

  private Path checkpoint(String name, long ageSeconds) throws IOException {
    Path chk = Files.createDirectories(dir.resolve(name));
    Path metadata = Files.writeString(chk.resolve("_metadata"), "x");
    Files.setLastModifiedTime(
        metadata, FileTime.from(Instant.now().minusSeconds(10_000 - ageSeconds)));
    return chk;
  }
}
