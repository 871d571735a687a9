package dev.userstream.producer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Replays a folder of {@code .json} and {@code .ndjson} files in file-name order. A file may hold
 * one record per line, an API response (its {@code results} are the records), a JSON array of
 * records, or one record; any mix of these, one after another.
 *
 * <p>Files are read as a stream, so a large ndjson file is never held in memory whole. A value that
 * is not a JSON object stops the replay with its file and line: replaying is for faithful data, and
 * {@code --bad-ratio} is the way to send malformed records on purpose.
 */
public final class FileSource implements UserSource {
  private final Path dir;
  private final Deque<Path> files;
  private final int fileCount;
  private final Deque<ObjectNode> pending = new ArrayDeque<>();
  private MappingIterator<JsonNode> current;
  private Path currentFile;

  /**
   * @throws SourceException when {@code dir} is not a readable folder or holds no such file
   */
  public FileSource(Path dir) {
    this.dir = dir;
    if (!Files.isDirectory(dir)) {
      throw new SourceException("--dir " + dir + " is not a folder");
    }
    List<Path> found;
    try (Stream<Path> listing = Files.list(dir)) {
      found =
          listing
              .filter(Files::isRegularFile)
              .filter(FileSource::isRecordFile)
              .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new SourceException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new SourceException("no .json or .ndjson files in " + dir);
    }
    this.files = new ArrayDeque<>(found);
    this.fileCount = found.size();
  }

  static boolean isRecordFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && (name.endsWith(".json") || name.endsWith(".ndjson"));
  }

  @Override
  public ObjectNode next() {
    while (pending.isEmpty()) {
      JsonNode value = nextValue();
      if (value == null) {
        return null;
      }
      expand(value);
    }
    return pending.poll();
  }

  /** The next top-level JSON value of the current or a following file; null after the last. */
  private JsonNode nextValue() {
    while (true) {
      if (current == null) {
        if (files.isEmpty()) {
          return null;
        }
        open(files.poll());
      }
      try {
        if (current.hasNextValue()) {
          return current.nextValue();
        }
      } catch (JsonProcessingException e) {
        throw new SourceException(
            currentFile + where(e.getLocation()) + ": invalid JSON: " + e.getOriginalMessage(), e);
      } catch (IOException e) {
        throw new SourceException("cannot read " + currentFile + ": " + e.getMessage(), e);
      }
      closeCurrent();
    }
  }

  private void expand(JsonNode value) {
    JsonNode records =
        value.isObject() && value.path("results").isArray()
            ? value.get("results")
            : value.isArray() ? value : null;
    if (records == null) {
      requireObject(value);
      pending.add((ObjectNode) value);
      return;
    }
    for (JsonNode record : records) {
      requireObject(record);
      pending.add((ObjectNode) record);
    }
  }

  private void requireObject(JsonNode value) {
    if (!value.isObject()) {
      throw new SourceException(
          currentFile
              + where(current.getCurrentLocation())
              + ": expected a user record (a JSON object), found "
              + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
  }

  private void open(Path file) {
    currentFile = file;
    try {
      current = Json.MAPPER.readerFor(JsonNode.class).readValues(file.toFile());
    } catch (IOException e) {
      throw new SourceException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr();
  }

  @Override
  public String description() {
    return "files " + dir + " (" + fileCount + (fileCount == 1 ? " file)" : " files)");
  }

  @Override
  public void close() {
    closeCurrent();
    files.clear();
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // Read-only file: nothing was lost, and the replay already has what it read.
      }
      current = null;
    }
  }
}
