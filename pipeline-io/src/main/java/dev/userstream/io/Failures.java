package dev.userstream.io;

/**
 * The one {@code Throwable -> one line} description every {@code main} prints: its own messages as
 * they are, anything else as the innermost cause's type and first line (the rest is in the log).
 */
public final class Failures {
  /** The prefix of every error line of every component: {@code error: ...}. */
  public static final String PREFIX = "error: ";

  private Failures() {}

  /** One line for {@code error}: never a stack trace, never more than one line. */
  public static String describe(Throwable error) {
    if (error instanceof PreflightException || error instanceof OptionsException) {
      return firstLine(error.getMessage());
    }
    Throwable root = rootCause(error);
    String message = firstLine(root.getMessage());
    return message.isEmpty()
        ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + message;
  }

  /** The innermost cause's first line, or its type when it has no message. */
  public static String rootMessage(Throwable error) {
    Throwable root = rootCause(error);
    String message = firstLine(root.getMessage());
    return message.isEmpty() ? root.getClass().getSimpleName() : message;
  }

  /** The innermost cause (the one worth reading: drivers wrap it in one or two layers). */
  public static Throwable rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** The first line of a message, empty for none. */
  public static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
