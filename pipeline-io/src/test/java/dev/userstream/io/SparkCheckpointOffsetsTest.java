package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkCheckpointOffsetsTest {
  private static final String HEADER =
      "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1796211820975}\n";

  @Test
  void theOffsetsAreThoseOfTheLastCommittedBatch(@TempDir Path checkpoint) throws Exception {
    assertTrue(SparkCheckpointOffsets.committed(checkpoint).isEmpty(), "no folders yet");
    assertEquals(OptionalLong.empty(), SparkCheckpointOffsets.lastCommittedBatch(checkpoint));
    Files.createDirectories(checkpoint.resolve("offsets"));
    Files.createDirectories(checkpoint.resolve("commits"));
    Files.writeString(
        checkpoint.resolve("offsets/0"), HEADER + "{\"backlog\":{\"1\":250,\"0\":150}}");
    assertEquals(0, SparkCheckpointOffsets.committedRecords(checkpoint), "0 not committed yet");

    Files.writeString(checkpoint.resolve("commits/0"), "v1\n{\"nextBatchWatermarkMs\":0}");
    assertEquals(
        Map.of("backlog", Map.of(0, 150L, 1, 250L)), SparkCheckpointOffsets.committed(checkpoint));
    assertEquals(400, SparkCheckpointOffsets.committedRecords(checkpoint));
    assertEquals(OptionalLong.of(0), SparkCheckpointOffsets.lastCommittedBatch(checkpoint));

    Files.writeString(
        checkpoint.resolve("offsets/1"), HEADER + "{\"backlog\":{\"1\":300,\"0\":200}}");
    Files.writeString(checkpoint.resolve("offsets/2"), HEADER + "{\"backlog\":{\"1\":999}}");
    Files.writeString(checkpoint.resolve("commits/1"), "v1\n{\"nextBatchWatermarkMs\":0}");
    Files.writeString(checkpoint.resolve("commits/.1.crc"), "");
    assertEquals(
        Map.of("backlog", Map.of(0, 200L, 1, 300L)),
        SparkCheckpointOffsets.committed(checkpoint),
        "batch 2 is planned, not written");
    assertEquals(500, SparkCheckpointOffsets.committedRecords(checkpoint));
    assertEquals(OptionalLong.of(1), SparkCheckpointOffsets.lastCommittedBatch(checkpoint));
  }

  @Test
  void aCommittedBatchWithoutItsOffsetsIsAClearError(@TempDir Path checkpoint) throws Exception {
    Files.createDirectories(checkpoint.resolve("commits"));
    Files.writeString(checkpoint.resolve("commits/3"), "v1\n{}");

    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class, () -> SparkCheckpointOffsets.committed(checkpoint));
    assertTrue(
        e.getMessage().startsWith("cannot read the Spark checkpoint " + checkpoint + ": missing "),
        e.getMessage());
  }
}
