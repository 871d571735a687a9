package dev.userstream.io;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every option and command: {@code 500ms}, {@code 10s}, {@code 2m},
 * {@code 1h}; a bare number is seconds.
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

  private Durations() {}

  /**
   * The duration {@code text} says.
   *
   * @param name the option, for the message
   * @throws OptionsException when it is not a duration
   */
  public static Duration parse(String name, String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new OptionsException(
          "--" + name + " must be a duration like 500ms, 10s, 2m or 1h, got '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  /** As typed: whole seconds as {@code 10s}, else milliseconds ({@code 250ms}). */
  public static String format(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  /** For messages: {@code 20 s}, or {@code 2.5 s} when not whole seconds. */
  public static String spoken(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
