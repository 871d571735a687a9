package dev.userstream.producer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The value shape written to Kafka; both are what the jobs accept, so both paths get exercised. */
public enum RecordFormat {
  /** The randomuser.me API record as is. */
  RAW,
  /** The 12-field record of the earlier pipelines (see {@link FlatFormatter}). */
  FLAT;

  /** The value as typed after {@code --format}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format for a {@code --format} value, case-insensitive. */
  public static RecordFormat parse(String text) {
    for (RecordFormat format : values()) {
      if (format.cliName().equalsIgnoreCase(text.strip())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '"
            + text
            + "', expected one of "
            + Arrays.stream(values()).map(RecordFormat::cliName).collect(Collectors.joining(", ")));
  }
}
