package dev.userstream.model;

import static dev.userstream.model.RejectionException.quote;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/** The validation and derivation rules of a user: id, required text, email, dates, age. */
final class UserRules {
  private UserRules() {}

  /** A required text field: present and non-blank (FieldReader already made blank null). */
  static String require(String value, String path) {
    if (value == null) {
      throw new RejectionException(RejectReason.MISSING_FIELD, path + " is missing or blank");
    }
    return value;
  }

  /** A dashed UUID or 32 hex digits (as Python's uuid.hex writes it), normalised to a UUID. */
  static UUID parseId(String value, String path) {
    require(value, path);
    // UUID.fromString alone is too lenient: it accepts "1-2-3-4-5".
    boolean dashed = value.length() == 36 && isDashedUuid(value);
    if (!dashed && !(value.length() == 32 && isHex(value, 0, 32))) {
      throw new RejectionException(
          RejectReason.INVALID_ID,
          path + " is not a UUID (36-character dashed or 32 hex digits): " + quote(value));
    }
    if (dashed) {
      long high = hex(value, 14, 18, hex(value, 9, 13, hex(value, 0, 8, 0)));
      return new UUID(high, hex(value, 24, 36, hex(value, 19, 23, 0)));
    }
    return new UUID(hex(value, 0, 16, 0), hex(value, 16, 32, 0));
  }

  /** 8-4-4-4-12 hex digits. */
  private static boolean isDashedUuid(String v) {
    return v.charAt(8) == '-'
        && v.charAt(13) == '-'
        && v.charAt(18) == '-'
        && v.charAt(23) == '-'
        && isHex(v, 0, 8)
        && isHex(v, 9, 13)
        && isHex(v, 14, 18)
        && isHex(v, 19, 23)
        && isHex(v, 24, 36);
  }

  private static boolean isHex(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(v.charAt(i), 16) < 0 || v.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }

  /** {@code bits} followed by the hex digits {@code v[from, to)}. */
  private static long hex(String v, int from, int to, long bits) {
    for (int i = from; i < to; i++) {
      bits = (bits << 4) | Character.digit(v.charAt(i), 16);
    }
    return bits;
  }

  /** Exactly one {@code @}, with a non-empty local part before it and a domain after it. */
  static String checkEmail(String value, String path) {
    require(value, path);
    int at = value.indexOf('@');
    String problem = null;
    if (at < 0) {
      problem = " has no '@': ";
    } else if (value.indexOf('@', at + 1) >= 0) {
      problem = " has more than one '@': ";
    } else if (at == 0) {
      problem = " has nothing before its '@': ";
    } else if (at == value.length() - 1) {
      problem = " has no domain after its '@': ";
    }
    if (problem != null) {
      throw new RejectionException(RejectReason.INVALID_EMAIL, path + problem + quote(value));
    }
    return value;
  }

  /** The domain of a checked email, lower-cased because domains are case-insensitive. */
  static String emailDomain(String email) {
    return email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The calendar date of an ISO-8601 date or date-time, or null when absent. Accepted: {@code
   * 2019-05-03T10:20:30.123Z}, without fraction, with an offset ({@code +03:30}), without any
   * offset (read as written), and a plain date {@code 1990-01-31}. The date is the one written, in
   * the writer's own offset: a birthday is a calendar date, not an instant.
   */
  static LocalDate parseDate(String value, String path) {
    if (value == null) {
      return null;
    }
    LocalDate common = commonDateTime(value);
    if (common != null) {
      return common;
    }
    try {
      if (value.indexOf('T') < 0 && value.indexOf('t') < 0) {
        return LocalDate.parse(value);
      }
      Object parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(
              value, OffsetDateTime::from, LocalDateTime::from);
      return parsed instanceof OffsetDateTime withOffset
          ? withOffset.toLocalDate()
          : ((LocalDateTime) parsed).toLocalDate();
    } catch (DateTimeParseException e) {
      throw new RejectionException(
          RejectReason.INVALID_DATE,
          path + " is not an ISO-8601 date or date-time: " + quote(value));
    }
  }

  /**
   * The date of the form the API and the generator write, {@code yyyy-MM-ddTHH:mm:ss[.f]} with
   * {@code Z} or {@code ±HH:MM}, read without {@link DateTimeFormatter} (whose {@code parseBest}
   * took about a tenth of the transformation's time); null for any other form or any value it
   * cannot vouch for, which {@link #parseDate} then reads the general way. It accepts nothing that
   * {@code ISO_DATE_TIME} rejects: ASCII digits only, and every field range-checked as that
   * formatter's strict resolution does.
   */
  static LocalDate commonDateTime(String v) {
    int n = v.length();
    if (n < 20
        || v.charAt(4) != '-'
        || v.charAt(7) != '-'
        || v.charAt(10) != 'T'
        || v.charAt(13) != ':'
        || v.charAt(16) != ':') {
      return null;
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 2);
    int day = digits(v, 8, 2);
    int hour = digits(v, 11, 2);
    int minute = digits(v, 14, 2);
    int second = digits(v, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int i = 19;
    if (v.charAt(i) == '.') {
      int first = ++i;
      while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
        i++;
      }
      if (i == first || i - first > 9) {
        return null;
      }
    }
    if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && v.charAt(i + 3) == ':') {
      int offsetHours = digits(v, i + 1, 2);
      int offsetMinutes = digits(v, i + 4, 2);
      if ((offsetHours | offsetMinutes) < 0
          || offsetMinutes > 59
          || offsetHours * 60 + offsetMinutes > 18 * 60) {
        return null;
      }
    } else if (!(i == n - 1 && v.charAt(i) == 'Z')) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null; // 2021-02-30 and the like: the general path words the rejection
    }
  }

  /** The value of {@code count} ASCII digits of {@code v} from {@code from}, -1 if one is not. */
  private static int digits(String v, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * Whole years from {@code birth} to the UTC calendar date of {@code eventTime}, so a user born
   * 1990-06-15 is 29 on 2020-06-14 and 30 on 2020-06-15. Null when there is no birth date or event
   * time, or the birth date is after the event (a negative age would be a lie, not a number).
   */
  static Integer ageAt(LocalDate birth, Instant eventTime) {
    if (birth == null || eventTime == null) {
      return null;
    }
    LocalDate eventDate;
    try {
      eventDate = eventTime.atOffset(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeException e) {
      return null; // only Instant.MIN/MAX-like values; no Kafka timestamp comes near
    }
    if (birth.isAfter(eventDate)) {
      return null;
    }
    return Math.toIntExact(ChronoUnit.YEARS.between(birth, eventDate));
  }
}
