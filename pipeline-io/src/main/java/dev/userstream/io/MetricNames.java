package dev.userstream.io;

/**
 * The metric names every engine publishes, so dashboards and tests read one set of names: counters
 * under the group {@value #GROUP}, one per reject reason under {@code rejectionReasons.<CODE>}.
 */
public final class MetricNames {
  public static final String GROUP = "userstream";
  public static final String USERS = "users";
  public static final String REJECTIONS = "rejections";
  public static final String REJECTION_REASONS = "rejectionReasons";
  public static final String ROWS_WRITTEN = "rowsWritten";

  private MetricNames() {}
}
