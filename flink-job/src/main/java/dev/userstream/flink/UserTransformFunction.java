package dev.userstream.flink;

import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectReason;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.Rejection;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The engine adapter around common-model's {@link UserTransform}: users go to the main output,
 * rejections to {@link #REJECTS}. It adds lineage and counts; it parses and validates nothing.
 *
 * <p>Metrics (group {@code userstream}): {@code users}, {@code rejections}, and one counter per
 * reason code under {@code rejectionReasons.<CODE>}. The accumulators {@value #USERS_ACCUMULATOR}
 * and {@value #REJECTIONS_ACCUMULATOR} give the same totals in the job result.
 */
public final class UserTransformFunction extends ProcessFunction<KafkaRecord, UserRow> {
  private static final long serialVersionUID = 1L;

  /** The side output of records that did not become users. */
  public static final OutputTag<RejectRow> REJECTS = new OutputTag<>("rejects") {};

  public static final String METRIC_GROUP = "userstream";
  public static final String USERS_ACCUMULATOR = "userstream-users";
  public static final String REJECTIONS_ACCUMULATOR = "userstream-rejections";

  private final UserTransform transform;
  private transient Counter users;
  private transient Counter rejections;
  private transient Map<RejectReason, Counter> byReason;
  private transient LongCounter usersTotal;
  private transient LongCounter rejectionsTotal;

  /** An adapter applying {@code transform}, which carries the configured limits. */
  public UserTransformFunction(UserTransform transform) {
    this.transform = transform;
  }

  @Override
  public void open(OpenContext openContext) {
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(METRIC_GROUP);
    users = group.counter("users");
    rejections = group.counter("rejections");
    MetricGroup reasons = group.addGroup("rejectionReasons");
    byReason = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      byReason.put(reason, reasons.counter(reason.name()));
    }
    usersTotal = new LongCounter();
    rejectionsTotal = new LongCounter();
    getRuntimeContext().addAccumulator(USERS_ACCUMULATOR, usersTotal);
    getRuntimeContext().addAccumulator(REJECTIONS_ACCUMULATOR, rejectionsTotal);
  }

  @Override
  public void processElement(KafkaRecord record, Context ctx, Collector<UserRow> out) {
    Lineage lineage = record.lineage();
    TransformResult result = transform.apply(record.value(), lineage.eventTime());
    if (result instanceof CreatedUser user) {
      users.inc();
      usersTotal.add(1);
      out.collect(new UserRow(user, lineage));
    } else if (result instanceof Rejection rejection) {
      rejections.inc();
      rejectionsTotal.add(1);
      byReason.get(rejection.code()).inc();
      ctx.output(
          REJECTS,
          new RejectRow(rejection, RejectedPayload.of(record.value()), lineage, Instant.now()));
    }
  }
}
