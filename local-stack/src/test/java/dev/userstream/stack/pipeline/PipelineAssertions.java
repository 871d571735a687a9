package dev.userstream.stack.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The project's promise as assertions: every record lands exactly once, with the right columns. */
public final class PipelineAssertions {
  private PipelineAssertions() {}

  /**
   * users + rejects = produced; the stored users equal common-model's output column by column
   * (lineage included); every rejection sits at its Kafka position with common-model's reason;
   * every row names {@code engine}.
   */
  public static void assertExactly(ExpectedRows expected, StoredRows stored, String engine) {
    assertEquals(
        expected.produced(),
        stored.users().size() + stored.rejects().size(),
        "users + rejects must equal the records produced");
    assertSameKeys("users", expected.users(), stored.users());
    assertSameKeys("rejects", expected.rejects(), stored.rejects());
    for (Map.Entry<UUID, StoredUser> entry : expected.users().entrySet()) {
      StoredUser actual = stored.users().get(entry.getKey());
      assertEquals(entry.getValue().user(), actual.user(), "columns of user " + entry.getKey());
      assertEquals(entry.getValue().lineage(), actual.lineage(), "lineage of " + entry.getKey());
    }
    for (Map.Entry<RecordPosition, String> entry : expected.rejects().entrySet()) {
      assertEquals(
          entry.getValue(), stored.rejects().get(entry.getKey()), "reason at " + entry.getKey());
    }
    Set<String> engines = new HashSet<>(stored.userEngines().values());
    engines.addAll(stored.rejectEngines().values());
    if (!expected.users().isEmpty() || !expected.rejects().isEmpty()) {
      assertEquals(Set.of(engine), engines, "engine column");
    }
  }

  private static <K> void assertSameKeys(String what, Map<K, ?> expected, Map<K, ?> actual) {
    if (expected.keySet().equals(actual.keySet())) {
      return;
    }
    Set<K> missing = new HashSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    Set<K> unexpected = new HashSet<>(actual.keySet());
    unexpected.removeAll(expected.keySet());
    fail(
        what
            + ": expected "
            + expected.size()
            + ", found "
            + actual.size()
            + "; missing "
            + sample(missing)
            + ", unexpected "
            + sample(unexpected));
  }

  private static String sample(Set<?> keys) {
    return keys.size() + " " + keys.stream().limit(5).toList();
  }
}
