package dev.userstream.producer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where user records come from: each call to {@link #next()} gives one record as a JSON object, in
 * the shape the source holds it (raw randomuser.me for the generator and the API; raw or flat for
 * files).
 *
 * <p>A source is used by one thread at a time. The caller owns each returned object and may change
 * it (the bad-record mixer does).
 */
public interface UserSource extends AutoCloseable {

  /**
   * The next record, or null when the source has no more (the generator never ends).
   *
   * @throws SourceException with a one-line message when the source cannot deliver
   */
  ObjectNode next();

  /** A short description for the start line, e.g. {@code files data/ (3 files)}. */
  String description();

  /** Releases files or connections; the default has nothing to release. */
  @Override
  default void close() {}
}
