package dev.userstream.io;

/**
 * A service a process needs is unreachable or refuses (Kafka, Cassandra, a permission, a login):
 * its message is the one line the operator reads, printed without a stack trace.
 */
public final class PreflightException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PreflightException(String message, Throwable cause) {
    super(message, cause);
  }
}
