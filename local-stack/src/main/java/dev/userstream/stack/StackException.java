package dev.userstream.stack;

/** A failure of the local stack with a message meant to be printed as is, on one line. */
public class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
