package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one duration grammar of every option. */
class DurationsTest {

  @Test
  void unitsAndBareSeconds() {
    assertEquals(Duration.ofSeconds(3), Durations.parse("x", "3"));
    assertEquals(Duration.ofMillis(250), Durations.parse("x", "250ms"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("x", "2m"));
    assertEquals(Duration.ofHours(1), Durations.parse("x", " 1h "));
  }

  @Test
  void formatRoundTrips() {
    for (String text : new String[] {"0s", "250ms", "10s", "1500ms"}) {
      assertEquals(text, Durations.format(Durations.parse("x", text)));
    }
  }

  @Test
  void badTextNamesTheOption() {
    assertEquals(
        "--trigger-interval must be a duration like 500ms, 10s, 2m or 1h, got 'soon'",
        assertThrows(OptionsException.class, () -> Durations.parse("trigger-interval", "soon"))
            .getMessage());
  }
}
