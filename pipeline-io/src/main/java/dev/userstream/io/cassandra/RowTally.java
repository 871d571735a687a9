package dev.userstream.io.cassandra;

import dev.userstream.io.MetricNames;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.RejectReason;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Counts bound rows under {@link MetricNames}' names — {@code users}, {@code rejections} and {@code
 * rejectionReasons.<CODE>} — into whatever counter an engine has (Flink metric counters, Spark
 * accumulators), so both engines publish the same metrics.
 */
public final class RowTally implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One engine counter: {@code add(1)} per row. */
  @FunctionalInterface
  public interface Counter extends Serializable {
    void add(long n);
  }

  private final Counter users;
  private final Counter rejections;
  private final Map<RejectReason, Counter> byReason = new EnumMap<>(RejectReason.class);

  /** Counters made by {@code counters} from their names (reasons as {@code rejectionReasons.X}). */
  public RowTally(Function<String, Counter> counters) {
    this.users = counters.apply(MetricNames.USERS);
    this.rejections = counters.apply(MetricNames.REJECTIONS);
    for (RejectReason reason : RejectReason.values()) {
      byReason.put(reason, counters.apply(MetricNames.REJECTION_REASONS + "." + reason.name()));
    }
  }

  /** Counts {@code row} and returns it. */
  public BoundRow count(BoundRow row) {
    if (row.user()) {
      users.add(1);
    } else {
      rejections.add(1);
      byReason.get(row.reason()).add(1);
    }
    return row;
  }
}
