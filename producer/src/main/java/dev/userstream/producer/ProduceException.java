package dev.userstream.producer;

import java.util.Optional;

/**
 * A run that did not produce what it was asked to: Kafka unreachable, the topic not creatable, a
 * send failed, or the source broke. The message is one line; the summary, when the run got as far
 * as sending, says what was and was not acknowledged.
 */
public final class ProduceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ProduceSummary summary;

  public ProduceException(String message, ProduceSummary summary, Throwable cause) {
    super(message, cause);
    this.summary = summary;
  }

  /** What was produced before the failure, if sending had started. */
  public Optional<ProduceSummary> summary() {
    return Optional.ofNullable(summary);
  }
}
