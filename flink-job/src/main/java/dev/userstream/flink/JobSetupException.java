package dev.userstream.flink;

/**
 * A problem found before the job starts (Kafka or Cassandra unreachable, credentials refused, no
 * checkpoint to resume): its message is one line for the user, printed without a stack trace.
 */
public final class JobSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-line, user-facing message. */
  public JobSetupException(String message) {
    super(message);
  }
}
