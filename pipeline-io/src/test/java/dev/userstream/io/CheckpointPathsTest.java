package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One checkpoint scheme for every engine: {@code <dir>/<engine>/<keyspace>.<topic>}. */
class CheckpointPathsTest {
  @TempDir Path dir;

  @Test
  void oneFolderPerEngineKeyspaceAndTopic() {
    PipelineOptions p =
        PipelineOptions.builder().checkpointDir(dir.toString()).topic("t1").keyspace("ks").build();
    assertEquals(dir + "/spark/ks.t1", CheckpointPaths.location(p, "spark"));
    assertEquals(dir.resolve("flink/ks.t1"), Path.of(CheckpointPaths.uri(p, "flink")));
  }

  @Test
  void uriBasesAreKept() {
    PipelineOptions remote =
        PipelineOptions.builder().checkpointDir("s3://bucket/cp/").topic("t1").build();
    assertEquals(
        "s3://bucket/cp/spark/spark_streams.t1", CheckpointPaths.location(remote, "spark"));
    assertEquals(
        URI.create("s3://bucket/cp/flink/spark_streams.t1"), CheckpointPaths.uri(remote, "flink"));
  }
}
