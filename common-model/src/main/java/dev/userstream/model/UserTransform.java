package dev.userstream.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The one transformation of the pipeline: a Kafka value becomes a {@link CreatedUser} or a {@link
 * Rejection}, identically on every engine.
 *
 * <p>Steps, each ending in its own {@link RejectReason}: null or empty value (EMPTY_VALUE); more
 * than {@link Limits#maxRecordBytes()} bytes, checked before any parsing (TOO_LARGE); strict UTF-8
 * (INVALID_UTF8); exactly one JSON document (NOT_JSON); an object (NOT_AN_OBJECT); its shape
 * (UNKNOWN_SHAPE); field types and lengths (WRONG_TYPE, FIELD_TOO_LONG); then validation in the
 * order id, first name, last name, email, dob, registered date. The first problem wins.
 *
 * <p>Shape rule, per record (see {@code UserShape.detect}): <b>raw</b> if it has {@code login} or
 * {@code location} or an object {@code name}; otherwise <b>flat</b> if it has {@code id}, {@code
 * first_name} or {@code last_name}; otherwise raw if it has any {@code name} (so a string name is
 * WRONG_TYPE); otherwise UNKNOWN_SHAPE. Null-valued keys count as absent.
 *
 * <p>Decisions: dob and registered date are optional (absent means null, and a null age), but if
 * present they must be ISO-8601; age is whole years from the dob's calendar date to the event
 * time's UTC date, null if the dob is later. Blank optional text becomes null. Unknown fields are
 * ignored and never length-checked; only fields the transform reads are.
 *
 * <p>Stateless apart from its limits, so one instance is safe to share across threads and to ship
 * to executors.
 */
public final class UserTransform implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Limits limits;

  /** A transform with the given limits. */
  public UserTransform(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** A transform with {@link Limits#DEFAULT}. */
  public static UserTransform withDefaults() {
    return new UserTransform(Limits.DEFAULT);
  }

  /** The limits this transform enforces. */
  public Limits limits() {
    return limits;
  }

  /**
   * Transforms one Kafka value. Never throws: a bug inside becomes an INTERNAL_ERROR rejection
   * rather than a failed job, because one record must never stop a stream.
   *
   * @param value the Kafka record value, may be null (a tombstone)
   * @param eventTime the Kafka record timestamp, the "now" for {@code age}; null gives a null age
   */
  public TransformResult apply(byte[] value, Instant eventTime) {
    try {
      return transform(value, eventTime);
    } catch (RejectionException e) {
      return e.toRejection();
    } catch (RuntimeException | StackOverflowError e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return new Rejection(
          RejectReason.INTERNAL_ERROR, e.getClass().getSimpleName() + ": " + message);
    }
  }

  private CreatedUser transform(byte[] value, Instant eventTime) {
    if (value == null) {
      throw new RejectionException(RejectReason.EMPTY_VALUE, "value is null (a Kafka tombstone)");
    }
    if (value.length == 0) {
      throw new RejectionException(RejectReason.EMPTY_VALUE, "value is empty (0 bytes)");
    }
    if (value.length > limits.maxRecordBytes()) {
      throw new RejectionException(
          RejectReason.TOO_LARGE,
          "value is " + value.length + " bytes, limit " + limits.maxRecordBytes());
    }
    if (!Utf8.isWellFormed(value, value.length)) {
      try {
        Utf8.decode(value, value.length);
      } catch (Utf8.MalformedException e) {
        throw new RejectionException(
            RejectReason.INVALID_UTF8,
            "value is not valid UTF-8: malformed byte sequence at offset " + e.offset());
      }
    }
    // A leading byte order mark (RFC 8259 lets a parser ignore one; Windows producers still write
    // one) is skipped by the JSON reader.
    JsonValue object = JsonInput.readObject(value);
    FieldReader fields = new FieldReader(limits.maxFieldChars());
    UserDraft draft =
        switch (UserShape.detect(object)) {
          case RAW -> RawUserReader.read(object, fields);
          case FLAT -> FlatUserReader.read(object, fields);
          case UNKNOWN ->
              throw new RejectionException(
                  RejectReason.UNKNOWN_SHAPE,
                  "value is neither a raw randomuser.me record (login, location or name object)"
                      + " nor a flat record (id, first_name or last_name)");
        };
    return draft.toCreatedUser(eventTime);
  }
}
