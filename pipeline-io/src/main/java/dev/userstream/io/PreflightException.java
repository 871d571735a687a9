package dev.userstream.io;

/**
 * A service the process needs is unreachable, refuses it, or cannot be set up (Kafka, Cassandra,
 * TLS stores): its message is one line for the operator, printed without a stack trace.
 */
public final class PreflightException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one line saying what is wrong and what to check, never a secret
   * @param cause the underlying error, for logs; may be null
   */
  public PreflightException(String message, Throwable cause) {
    super(message, cause);
  }
}
