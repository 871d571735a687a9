package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Every failure of every main is one line. */
class FailuresTest {

  @Test
  void ownMessagesStayAsTheyAre() {
    assertEquals(
        "Kafka at k:9092 is not reachable",
        Failures.describe(new PreflightException("Kafka at k:9092 is not reachable", null)));
    assertEquals(
        "--topic must not be blank",
        Failures.describe(new OptionsException("--topic must not be blank")));
  }

  @Test
  void othersAreTheInnermostCauseOnOneLine() {
    Exception wrapped =
        new RuntimeException("outer", new UncheckedIOException(new IOException("disk\nfull")));
    assertEquals("IOException: disk", Failures.describe(wrapped));
    assertEquals("IllegalStateException", Failures.describe(new IllegalStateException()));
    assertEquals("disk", Failures.rootMessage(wrapped));
  }
}
