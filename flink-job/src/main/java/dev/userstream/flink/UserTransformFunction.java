package dev.userstream.flink;

import dev.userstream.io.MetricNames;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.io.cassandra.RowTally;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The engine adapter around pipeline-io's {@link KafkaRecordBinder} (common-model's transformation
 * and the schema's column order): user rows go to the main output, reject rows to {@link #REJECTS}.
 * It reads the record and counts; it parses and validates nothing.
 *
 * <p>Metrics ({@link MetricNames}, group {@code userstream}): {@code users}, {@code rejections},
 * and one counter per reason code under {@code rejectionReasons.<CODE>}. The accumulators {@value
 * #USERS_ACCUMULATOR} and {@value #REJECTIONS_ACCUMULATOR} give the same totals in the job result.
 */
public final class UserTransformFunction extends ProcessFunction<KafkaRecord, BoundRow> {
  private static final long serialVersionUID = 1L;

  /** The side output of records that did not become users. */
  public static final OutputTag<BoundRow> REJECTS = new OutputTag<>("rejects") {};

  public static final String USERS_ACCUMULATOR = "userstream-users";
  public static final String REJECTIONS_ACCUMULATOR = "userstream-rejections";

  private final KafkaRecordBinder binder;
  private transient RowTally tally;
  private transient LongCounter usersTotal;
  private transient LongCounter rejectionsTotal;

  public UserTransformFunction(KafkaRecordBinder binder) {
    this.binder = binder;
  }

  @Override
  public void open(OpenContext openContext) {
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
    tally = new RowTally(name -> group.counter(name)::inc);
    usersTotal = getRuntimeContext().getLongCounter(USERS_ACCUMULATOR);
    rejectionsTotal = getRuntimeContext().getLongCounter(REJECTIONS_ACCUMULATOR);
  }

  @Override
  public void processElement(KafkaRecord record, Context ctx, Collector<BoundRow> out) {
    BoundRow row =
        binder.bind(
            record.value(),
            record.topic(),
            record.partition(),
            record.offset(),
            Instant.ofEpochMilli(record.timestamp()),
            Instant.now());
    if (tally.count(row).user()) {
      usersTotal.add(1);
      out.collect(row);
    } else {
      rejectionsTotal.add(1);
      ctx.output(REJECTS, row);
    }
  }
}
