package dev.userstream.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How far a Spark query has written, read from its checkpoint folder without Spark: {@code
 * commits/N} marks micro-batch N as written, and the last line of {@code offsets/N} holds the Kafka
 * offsets that batch ended at, per topic and partition ({@code {"users":{"0":249552,"1":250448}}}).
 * The format is Spark's, the same in 3.5 and 4.x; the status view and the benchmark's peer read it.
 */
public final class SparkCheckpointOffsets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkCheckpointOffsets() {}

  /**
   * The next offset to read per partition of every topic, after the last committed micro-batch;
   * empty before the first commit (or when there is no such folder).
   *
   * @throws UncheckedIOException when the folder cannot be read or a file is not Spark's format
   */
  public static Map<String, Map<Integer, Long>> committed(Path checkpoint) {
    try {
      OptionalLong last = lastCommitted(checkpoint);
      Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
      if (last.isEmpty()) {
        return offsets;
      }
      Path file = checkpoint.resolve("offsets").resolve(String.valueOf(last.getAsLong()));
      List<String> lines = Files.readAllLines(file);
      JsonNode topics = JSON.readTree(lines.get(lines.size() - 1));
      if (topics == null || !topics.isObject()) {
        throw new IOException("the last line of " + file + " is not Kafka source offsets");
      }
      topics
          .fields()
          .forEachRemaining(
              topic -> {
                Map<Integer, Long> partitions = new TreeMap<>();
                topic
                    .getValue()
                    .fields()
                    .forEachRemaining(
                        p -> partitions.put(Integer.parseInt(p.getKey()), p.getValue().asLong()));
                offsets.put(topic.getKey(), partitions);
              });
      return offsets;
    } catch (NoSuchFileException e) {
      throw unreadable(checkpoint, "missing " + e.getFile(), e);
    } catch (IOException | RuntimeException e) {
      throw unreadable(checkpoint, e.getMessage(), e);
    }
  }

  /**
   * The id of the last micro-batch (Real-Time Mode: epoch) marked as written, empty before the
   * first commit; a restarted query goes on with the next id.
   *
   * @throws UncheckedIOException when the folder cannot be listed
   */
  public static OptionalLong lastCommittedBatch(Path checkpoint) {
    try {
      return lastCommitted(checkpoint);
    } catch (IOException e) {
      throw unreadable(checkpoint, e.getMessage(), e);
    }
  }

  private static OptionalLong lastCommitted(Path checkpoint) throws IOException {
    try (Stream<Path> commits = list(checkpoint.resolve("commits"))) {
      return commits
          .map(p -> p.getFileName().toString())
          .filter(name -> name.matches("\\d+"))
          .mapToLong(Long::parseLong)
          .max();
    }
  }

  /** The records of all topics written so far: the sum of the committed offsets. */
  public static long committedRecords(Path checkpoint) {
    return committed(checkpoint).values().stream()
        .flatMap(p -> p.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  private static UncheckedIOException unreadable(Path checkpoint, String why, Exception cause) {
    String message = "cannot read the Spark checkpoint " + checkpoint + ": " + why;
    return new UncheckedIOException(message, new IOException(message, cause));
  }

  private static Stream<Path> list(Path dir) throws IOException {
    return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
  }
}
