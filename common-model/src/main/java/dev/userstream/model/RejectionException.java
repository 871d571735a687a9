package dev.userstream.model;

/**
 * Internal signal that stops a transformation at the first problem; never leaves {@link
 * UserTransform#apply}.
 *
 * <p>It carries no stack trace: rejections are expected data, not bugs, and filling a trace per bad
 * record would be the most expensive part of rejecting it.
 */
final class RejectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final RejectReason code;

  RejectionException(RejectReason code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  Rejection toRejection() {
    return new Rejection(code, getMessage());
  }

  /** Quotes an input value for a message, shortened so a 4 KiB field cannot flood a log line. */
  static String quote(String value) {
    int max = 64;
    String shown = value.length() <= max ? value : value.substring(0, max) + "...";
    return "'" + shown + "'";
  }
}
