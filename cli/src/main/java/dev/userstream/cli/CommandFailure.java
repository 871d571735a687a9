package dev.userstream.cli;

/** A command that ran but did not achieve its purpose; the message is printed as one line. */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailure(String message) {
    super(message);
  }
}
