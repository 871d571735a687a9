package dev.userstream.bench;

/** A benchmark that cannot go on (a job failed, rows are missing): one line for the user. */
public final class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
