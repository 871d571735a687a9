package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path for the API's date-times answers exactly as {@code ISO_DATE_TIME} does, or not at
 * all: never a date the general path would reject, never another date.
 */
class CommonDateTimeTest {
  @Test
  void theFormsTheApiWritesAreReadOnTheFastPath() {
    assertEquals(LocalDate.of(1993, 7, 20), UserRules.commonDateTime("1993-07-20T09:44:18.674Z"));
    assertEquals(LocalDate.of(2019, 5, 3), UserRules.commonDateTime("2019-05-03T23:59:59+03:30"));
    assertEquals(LocalDate.of(2000, 2, 29), UserRules.commonDateTime("2000-02-29T00:00:00-12:00"));
    assertEquals(
        LocalDate.of(2020, 1, 1), UserRules.commonDateTime("2020-01-01T00:00:00.123456789Z"));
  }

  @Test
  void everythingElseIsLeftToTheGeneralPath() {
    for (String v :
        List.of(
            "1993-07-20",
            "1993-07-20T09:44:18",
            "1993-07-20t09:44:18Z",
            "1993-07-20T09:44Z",
            "1993-07-20T09:44:18.Z",
            "1993-07-20T09:44:18.1234567890Z",
            "1993-07-20T09:44:18Z[UTC]",
            "1993-07-20T09:44:18+0330",
            "1993-07-20T24:00:00Z",
            "1993-07-20T09:60:00Z",
            "1993-07-20T09:44:60Z",
            "1993-02-30T09:44:18Z",
            "1993-13-01T09:44:18Z",
            "1993-07-20T09:44:18+18:01",
            "1993-07-20T09:44:18+03:60",
            "١٩٩٣-07-20T09:44:18Z",
            "+1993-07-20T09:44:18Z")) {
      assertNull(UserRules.commonDateTime(v), v);
    }
  }

  @Test
  void randomDateTimesGetTheGeneralPathsAnswerOrNone() {
    Random random = new Random(7);
    int fast = 0;
    for (int i = 0; i < 50_000; i++) {
      String v = randomDateTime(random);
      LocalDate quick = UserRules.commonDateTime(v);
      LocalDate general = general(v);
      if (quick != null) {
        fast++;
        if (!quick.equals(general)) {
          fail(v + ": fast path " + quick + ", ISO_DATE_TIME " + general);
        }
      }
    }
    // The generator aims mostly at valid values: most must take the fast path.
    assertEquals(true, fast > 10_000, "values read on the fast path: " + fast);
  }

  /** What parseDate's general path makes of a date-time, null for a rejection. */
  private static LocalDate general(String v) {
    try {
      Object parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
      return parsed instanceof OffsetDateTime o
          ? o.toLocalDate()
          : ((LocalDateTime) parsed).toLocalDate();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String randomDateTime(Random r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%04d-%02d-%02dT", r.nextInt(10_000), r.nextInt(14), r.nextInt(33)));
    b.append(String.format("%02d:%02d:%02d", r.nextInt(26), r.nextInt(62), r.nextInt(62)));
    int fraction = r.nextInt(12) - 1; // -1: none; 0: a bare point; up to 10 digits
    if (fraction >= 0) {
      b.append('.');
      for (int i = 0; i < fraction; i++) {
        b.append(r.nextInt(10));
      }
    }
    switch (r.nextInt(5)) {
      case 0 -> b.append('Z');
      case 1, 2 ->
          b.append(r.nextBoolean() ? '+' : '-')
              .append(String.format("%02d:%02d", r.nextInt(20), r.nextInt(62)));
      case 3 -> b.append(r.nextBoolean() ? "Z[UTC]" : "+0330");
      default -> {} // no offset
    }
    return b.toString();
  }
}
