package dev.userstream.flink;

import dev.userstream.io.KafkaRecord;
import dev.userstream.io.MetricNames;
import dev.userstream.io.cassandra.KafkaRecordBinder;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.io.cassandra.RowTally;
import dev.userstream.io.metrics.PipelineMetrics;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.MetricGroup;

/**
 * The engine adapter around pipeline-io's {@link KafkaRecordBinder} (common-model's transformation
 * and the schema's column order): every record becomes one row, a user or a reject, which the sink
 * writes to its table. It reads the record and counts; it parses and validates nothing.
 *
 * <p>Metrics ({@link MetricNames}, group {@code userstream}): {@code users}, {@code rejections},
 * and one counter per reason code under {@code rejectionReasons.<CODE>}. The accumulators {@value
 * #USERS_ACCUMULATOR} and {@value #REJECTIONS_ACCUMULATOR} give the same totals in the job result.
 */
public final class UserTransformFunction extends RichMapFunction<KafkaRecord, BoundRow> {
  private static final long serialVersionUID = 1L;

  public static final String USERS_ACCUMULATOR = "userstream-users";
  public static final String REJECTIONS_ACCUMULATOR = "userstream-rejections";

  private static final PipelineMetrics METRICS = PipelineMetrics.process();

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
  public BoundRow map(KafkaRecord record) {
    METRICS.recordsRead(1);
    BoundRow row = tally.count(binder.bind(record, Instant.now()));
    (row.user() ? usersTotal : rejectionsTotal).add(1);
    return row;
  }
}
