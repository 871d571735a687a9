package dev.userstream.spark;

/**
 * The job cannot run or did not finish (a service unreachable, a permission missing, the query
 * failed): its message is one line for the operator, printed without a stack trace.
 */
public final class JobFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JobFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
