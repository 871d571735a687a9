package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints are retained, and a restart finds the one {@code --resume-from} names. */
class FlinkConfigurationTest {
  @TempDir Path dir;

  @Test
  void latestIsTheNewestCompleteCheckpointOfAnyRun() throws IOException {
    assertEquals(
        Optional.empty(), FlinkConfiguration.latestCheckpoint(dir.resolve("none").toUri()));
    checkpoint("job-a/chk-3", 1_000);
    Path newest = checkpoint("job-b/chk-1", 2_000);
    Files.createDirectories(dir.resolve("job-b/chk-2")); // in progress when the process died
    Files.createDirectories(dir.resolve("job-b/shared"));
    Files.writeString(dir.resolve("stray-file"), "x");
    Optional<URI> latest = FlinkConfiguration.latestCheckpoint(dir.toUri());
    assertTrue(latest.isPresent());
    assertEquals(Path.of(newest.toUri()), Path.of(latest.get()));
  }

  @Test
  void continuousRunsRetainCheckpointsAndResumeFromTheLatest() throws IOException {
    PipelineOptions p =
        PipelineOptions.builder()
            .mode(PipelineOptions.Mode.CONTINUOUS)
            .checkpointDir(dir.toString())
            .build();
    Configuration fresh = FlinkConfiguration.of(p, true);
    assertEquals(
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
        fresh.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
    assertTrue(
        fresh
            .get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
            .endsWith("/flink/spark_streams.users_created"));
    assertFalse(fresh.getOptional(StateRecoveryOptions.SAVEPOINT_PATH).isPresent());

    Path root = Path.of(URI.create(fresh.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)));
    Path chk = checkpoint(dir.relativize(root).resolve("job/chk-7").toString(), 1);
    Configuration restart = FlinkConfiguration.of(p, true);
    assertEquals(
        Path.of(chk.toUri()),
        Path.of(URI.create(restart.get(StateRecoveryOptions.SAVEPOINT_PATH))));
    PipelineOptions none = p.toBuilder().set(FlinkJobOptions.RESUME_FROM, "none").build();
    assertFalse(
        FlinkConfiguration.of(none, true)
            .getOptional(StateRecoveryOptions.SAVEPOINT_PATH)
            .isPresent());
  }

  @Test
  void aResumePathThatDoesNotExistIsOneLine() {
    PreflightException e =
        assertThrows(
            PreflightException.class,
            () -> FlinkConfiguration.resumePoint(dir.resolve("gone").toString(), dir.toUri()));
    assertEquals(
        "--resume-from " + dir.resolve("gone") + ": no such checkpoint or savepoint",
        e.getMessage());
  }

  private Path checkpoint(String name, long ageSeconds) throws IOException {
    Path chk = Files.createDirectories(dir.resolve(name));
    Path metadata = Files.writeString(chk.resolve("_metadata"), "x");
    Files.setLastModifiedTime(
        metadata, FileTime.from(Instant.now().minusSeconds(10_000 - ageSeconds)));
    return chk;
  }
}
