package dev.userstream.producer;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people type them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
public final class DurationText {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private DurationText() {}

  /**
   * A positive duration: a number with unit {@code ms}, {@code s}, {@code m} or {@code h} (no unit
   * means seconds), or ISO-8601 ({@code PT1M30S}).
   *
   * @throws IllegalArgumentException with a one-line message for anything else
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Duration duration;
    Matcher m = SIMPLE.matcher(trimmed);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      double millis =
          switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
          };
      duration = Duration.ofMillis(Math.round(millis));
    } else {
      try {
        duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration (examples: 500ms, 30s, 5m, 1h)");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("'" + text + "' is not a positive duration");
    }
    return duration;
  }

  /** The shortest of {@code 1h}, {@code 5m}, {@code 30s}, {@code 500ms} that is exact. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
