package dev.userstream.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.userstream.model.RejectReason;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Both engines count under the same names: users, rejections, rejectionReasons.CODE. */
class RowTallyTest {

  @Test
  void countsUsersRejectionsAndEachReason() {
    Map<String, Long> counts = new TreeMap<>();
    RowTally tally = new RowTally(name -> n -> counts.merge(name, n, Long::sum));
    Object[] values = new Object[0];
    tally.count(new KafkaRecordBinder.BoundRow(null, values));
    tally.count(new KafkaRecordBinder.BoundRow(null, values));
    tally.count(new KafkaRecordBinder.BoundRow(RejectReason.NOT_JSON, values));
    assertEquals(2L, counts.get("users"));
    assertEquals(1L, counts.get("rejections"));
    assertEquals(1L, counts.get("rejectionReasons.NOT_JSON"));
    assertEquals(null, counts.get("rejectionReasons.INVALID_EMAIL"));
  }
}
