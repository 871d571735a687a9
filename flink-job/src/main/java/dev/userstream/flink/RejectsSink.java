package dev.userstream.flink;

import dev.userstream.model.CassandraSchema;

/** Upserts rejected records into the rejects table (metric {@code userstream.rejectsWritten}). */
public final class RejectsSink extends CassandraRowSink<RejectRow> {
  private static final long serialVersionUID = 1L;

  private final CassandraSchema schema;

  /** A sink writing to {@code schema}'s rejects table through {@code connection}. */
  public RejectsSink(CassandraSchema schema, CassandraConnection connection, int maxConcurrent) {
    super(schema.insertRejectCql(), connection, maxConcurrent, "rejectsWritten");
    this.schema = schema;
  }

  @Override
  protected Object[] extract(RejectRow row) {
    return toDriver3(
        schema.rejectBindValues(
            row.rejection(), row.payload(), row.lineage(), UsersSink.ENGINE, row.rejectedAt()));
  }
}
