package dev.userstream.producer;

/** A source could not deliver records; the message is one line that names what and where. */
public final class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
