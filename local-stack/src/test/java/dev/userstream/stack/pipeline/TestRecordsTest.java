package dev.userstream.stack.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.model.CreatedUser;
import dev.userstream.model.RejectReason;
import dev.userstream.model.Rejection;
import dev.userstream.model.TestUsers;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TestRecordsTest {
  private final UserTransform transform = UserTransform.withDefaults();

  @Test
  void mixHasExactlyTheAskedBadCountAndDistinctUsers() {
    List<byte[]> values = TestRecords.mixed(1000, 50, 7);
    assertEquals(1000, values.size());
    Set<UUID> ids = new HashSet<>();
    Set<String> reasons = new HashSet<>();
    int rejects = 0;
    for (byte[] value : values) {
      TransformResult result = transform.apply(value, TestUsers.EVENT_TIME);
      if (result instanceof CreatedUser user) {
        ids.add(user.id());
      } else {
        rejects++;
        reasons.add(((Rejection) result).code().name());
      }
    }
    assertEquals(50, rejects);
    assertEquals(950, ids.size());
    assertEquals(TestRecords.BAD_KINDS.size(), reasons.size(), "every bad kind appears");
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherIds() {
    List<byte[]> a = TestRecords.mixed(100, 5, 1);
    List<byte[]> b = TestRecords.mixed(100, 5, 1);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i));
    }
    ExpectedRows one = ExpectedRows.of(records(a), transform);
    ExpectedRows other = ExpectedRows.of(records(TestRecords.mixed(100, 5, 2)), transform);
    Set<UUID> overlap = new HashSet<>(one.users().keySet());
    overlap.retainAll(other.users().keySet());
    assertEquals(Set.of(), overlap);
  }

  @Test
  void poisonIsEveryBadKindATombstoneAndANearMaxRecordAllRejected() {
    List<byte[]> poison = TestRecords.poison();
    assertEquals(TestRecords.BAD_KINDS.size() + 2, poison.size());
    ExpectedRows expected = ExpectedRows.of(records(poison), transform);
    assertEquals(Map.of(), expected.users());
    assertEquals(poison.size(), expected.rejects().size());
    Set<RejectReason> codes = new HashSet<>();
    for (byte[] value : poison) {
      codes.add(((Rejection) transform.apply(value, TestUsers.EVENT_TIME)).code());
    }
    Set<RejectReason> all = new HashSet<>(TestRecords.BAD_KINDS);
    assertEquals(all, codes, "the tombstone and the big record add no kind of their own");
    // The tombstone survives the oracle: a rejection at its position, with common-model's reason.
    RecordPosition tombstone = new RecordPosition("t", 0, TestRecords.BAD_KINDS.size());
    String reason = expected.rejects().get(tombstone);
    assertTrue(reason.startsWith(RejectReason.EMPTY_VALUE.name()), reason);
  }

  @Test
  void nearMaxRecordFitsADefaultBrokerAndIsRejectedForItsFieldNotItsSize() {
    byte[] big = TestRecords.nearBrokerMax();
    assertEquals(TestRecords.NEAR_BROKER_MAX_BYTES, big.length);
    // message.max.bytes = 1 MiB + 12 bytes bounds the batch; the headers need well under 8 KiB.
    assertTrue(big.length > 1_000_000 && big.length + 8 * 1024 < 1_048_588);
    Rejection rejection = (Rejection) transform.apply(big, TestUsers.EVENT_TIME);
    assertEquals(RejectReason.FIELD_TOO_LONG, rejection.code());
  }

  private static List<ProducedRecord> records(List<byte[]> values) {
    List<ProducedRecord> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(new ProducedRecord("t", 0, i, TestUsers.EVENT_TIME, values.get(i)));
    }
    return records;
  }
}
