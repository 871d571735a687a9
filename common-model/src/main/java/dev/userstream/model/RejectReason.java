package dev.userstream.model;

/** Why a Kafka record could not become a user; stored as {@code rejected_users.reason_code}. */
public enum RejectReason {
  /** The value is null (a Kafka tombstone) or zero bytes long. */
  EMPTY_VALUE,
  /** The value is longer than {@link Limits#maxRecordBytes()}; it was not parsed. */
  TOO_LARGE,
  /** The value is not well-formed UTF-8, so it cannot be JSON text. */
  INVALID_UTF8,
  /** The value is not one JSON document (syntax error, truncated, trailing content). */
  NOT_JSON,
  /** The value is JSON but not an object: {@code null}, an array or a scalar. */
  NOT_AN_OBJECT,
  /** The object is neither a raw randomuser.me record nor a flat 12-field record. */
  UNKNOWN_SHAPE,
  /** A field has the wrong JSON type, e.g. {@code name} is a string in a raw record. */
  WRONG_TYPE,
  /** A required field (id, first name, last name, email) is absent, null or blank. */
  MISSING_FIELD,
  /** The id is not a UUID (dashed, or 32 hex digits). */
  INVALID_ID,
  /** The email does not have exactly one {@code @} between a local part and a domain. */
  INVALID_EMAIL,
  /** The date of birth or registration date is not ISO-8601. */
  INVALID_DATE,
  /** A field the transform reads is longer than {@link Limits#maxFieldChars()}. */
  FIELD_TOO_LONG,
  /**
   * The transform itself failed unexpectedly: a bug, turned into a rejection so that one record can
   * never stop a stream. No input is meant to produce it.
   */
  INTERNAL_ERROR
}
