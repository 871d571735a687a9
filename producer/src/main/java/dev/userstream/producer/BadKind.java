package dev.userstream.producer;

import java.util.Locale;

/** The kinds of malformed value that {@link BadRecordMixer} mixes in; each one is rejected. */
public enum BadKind {
  /** The record's JSON cut off in the middle, as a crashed writer leaves it. */
  TRUNCATED_JSON,
  /** Plain text instead of JSON. */
  NOT_JSON,
  /** A field of the wrong JSON type: the name (raw) or first name (flat) as a string/object. */
  WRONG_TYPE,
  /** The user id removed. */
  MISSING_ID,
  /** An email address without its {@code @}. */
  BAD_EMAIL;

  /** The name in reports, e.g. {@code truncated-json}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
