package dev.userstream.io;

/**
 * A missing or bad command-line option: its message is one line meant for the user, so mains print
 * it with a usage hint instead of a stack trace and exit non-zero.
 */
public final class OptionsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-line, user-facing message. */
  public OptionsException(String message) {
    super(message);
  }
}
