package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.model.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying a folder: ndjson and API-response files, in name order. */
class FileSourceTest {
  @TempDir Path dir;

  @Test
  void replaysNdjsonAndApiResponsesInNameOrder() throws Exception {
    Files.writeString(
        dir.resolve("b-users.ndjson"),
        TestUsers.raw(1).json() + "\n\n" + TestUsers.flat(2).json() + "\n");
    Files.writeString(dir.resolve("a-response.json"), RecordedApi.page(3));
    Files.writeString(dir.resolve("c-one.json"), TestUsers.raw(4).json());
    Files.writeString(dir.resolve("notes.txt"), "not a record file");
    Files.writeString(dir.resolve(".hidden.json"), "{broken");

    List<ObjectNode> records = drain(new FileSource(dir));

    assertEquals(6, records.size());
    // a-response.json: the three recorded samples, in their order.
    assertEquals("US", records.get(0).path("nat").asText());
    assertEquals("NO", records.get(1).path("nat").asText());
    assertEquals("IR", records.get(2).path("nat").asText());
    // b-users.ndjson: one per line, raw then flat, blank line skipped.
    assertEquals("user1", records.get(3).path("login").path("username").asText());
    assertEquals("user2", records.get(4).path("username").asText());
    // c-one.json: a single record.
    assertEquals("user4", records.get(5).path("login").path("username").asText());
  }

  @Test
  void describesItsFolder() throws Exception {
    Files.writeString(dir.resolve("x.ndjson"), TestUsers.raw().json());
    assertEquals("files " + dir + " (1 file)", new FileSource(dir).description());
  }

  @Test
  void anArrayOfRecordsIsReplayedToo() throws Exception {
    Files.writeString(
        dir.resolve("list.json"),
        "[" + TestUsers.raw(1).json() + "," + TestUsers.raw(2).json() + "]");
    assertEquals(2, drain(new FileSource(dir)).size());
  }

  @Test
  void invalidJsonNamesFileAndLine() throws Exception {
    Files.writeString(dir.resolve("bad.ndjson"), TestUsers.raw().json() + "\n{\"name\": \n");
    FileSource source = new FileSource(dir);
    source.next();
    SourceException e = assertThrows(SourceException.class, source::next);
    assertTrue(e.getMessage().startsWith(dir.resolve("bad.ndjson") + ":"), e.getMessage());
    assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
  }

  @Test
  void aValueThatIsNotAnObjectIsRefused() throws Exception {
    Files.writeString(dir.resolve("x.ndjson"), "42\n");
    SourceException e = assertThrows(SourceException.class, () -> new FileSource(dir).next());
    assertTrue(e.getMessage().contains("expected a user record (a JSON object), found number"));
  }

  @Test
  void aFolderWithoutRecordFilesIsAClearError() throws Exception {
    Files.writeString(dir.resolve("readme.txt"), "x");
    SourceException e = assertThrows(SourceException.class, () -> new FileSource(dir));
    assertEquals("no .json or .ndjson files in " + dir, e.getMessage());
    assertThrows(SourceException.class, () -> new FileSource(dir.resolve("missing")));
  }

  private static List<ObjectNode> drain(FileSource source) {
    List<ObjectNode> records = new ArrayList<>();
    try (source) {
      for (ObjectNode r; (r = source.next()) != null; ) {
        records.add(r);
      }
      assertNull(source.next());
    }
    return records;
  }
}
