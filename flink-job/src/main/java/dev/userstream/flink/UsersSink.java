package dev.userstream.flink;

import dev.userstream.model.CassandraSchema;

/** Upserts users into the users table (metric {@code userstream.usersWritten}). */
public final class UsersSink extends CassandraRowSink<UserRow> {
  private static final long serialVersionUID = 1L;

  /** The engine name in the lineage column {@code engine}. */
  public static final String ENGINE = "flink";

  private final CassandraSchema schema;

  /** A sink writing to {@code schema}'s users table through {@code connection}. */
  public UsersSink(CassandraSchema schema, CassandraConnection connection, int maxConcurrent) {
    super(schema.insertUserCql(), connection, maxConcurrent, "usersWritten");
    this.schema = schema;
  }

  @Override
  protected Object[] extract(UserRow row) {
    return toDriver3(schema.userBindValues(row.user(), row.lineage(), ENGINE));
  }
}
