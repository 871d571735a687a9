package dev.userstream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.OptionsException;
import dev.userstream.producer.ProgressListener.Progress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary line, durations, progress text and request validation. */
class SmallPartsTest {

  @Test
  void summaryLineHasTheDocumentedForm() {
    ProduceSummary summary =
        new ProduceSummary(
            20_000,
            1_003,
            Map.of(BadKind.NOT_JSON, 200L, BadKind.BAD_EMAIL, 803L),
            0,
            "users_created",
            2,
            Duration.ofMillis(2500));
    assertEquals(
        "produced=20000 bad=1003 topic=users_created partitions=2 seconds=2.50 rate=8000/s",
        summary.line());
    assertEquals(
        "bad by kind: truncated-json=0 not-json=200 wrong-type=0 missing-id=0 bad-email=803",
        summary.badLine());
    assertEquals(18_997, summary.users());
  }

  @Test
  void durationsAsPeopleTypeThem() {
    assertEquals(Duration.ofSeconds(30), DurationText.parse("30s"));
    assertEquals(Duration.ofMinutes(5), DurationText.parse("5m"));
    assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
    assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
    assertEquals(Duration.ofMillis(1500), DurationText.parse("1.5s"));
    assertEquals(Duration.ofSeconds(20), DurationText.parse("20"));
    assertEquals(Duration.ofSeconds(90), DurationText.parse("PT1M30S"));
    assertThrows(IllegalArgumentException.class, () -> DurationText.parse("soon"));
    assertThrows(IllegalArgumentException.class, () -> DurationText.parse("0s"));
    assertEquals("5m", DurationText.format(Duration.ofMinutes(5)));
    assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
    assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
  }

  @Test
  void progressTextForBarAndLines() {
    Progress half = new Progress(10_000, 9_000, 20_000, Duration.ofSeconds(1), null);
    assertEquals(
        "[=============>                ]  45%  9000/20000  9000 rec/s  1.0 s",
        ConsoleProgress.bar(half));
    assertEquals(
        "progress: produced=9000/20000 (45%) rate=9000/s elapsed=1.0s", ConsoleProgress.line(half));
    Progress byTime = new Progress(100, 100, 0, Duration.ofSeconds(15), Duration.ofSeconds(30));
    assertTrue(ConsoleProgress.bar(byTime).contains(" 50%"), ConsoleProgress.bar(byTime));
    Progress open = new Progress(5, 5, 0, Duration.ofSeconds(1), null);
    assertEquals("5  5 rec/s  1.0 s", ConsoleProgress.bar(open));
  }

  @Test
  void requestValidatesWithOptionNames() {
    ProduceRequest defaults = ProduceRequest.defaults();
    assertEquals("127.0.0.1:9092", defaults.bootstrapServers());
    assertEquals("users_created", defaults.topic());
    assertEquals(2, defaults.partitions());
    assertEquals(1000, defaults.events());
    OptionsException e =
        assertThrows(OptionsException.class, () -> ProduceRequest.builder().badRatio(2).build());
    assertTrue(e.getMessage().startsWith("--bad-ratio"), e.getMessage());
    assertThrows(OptionsException.class, () -> ProduceRequest.builder().partitions(0).build());
    assertThrows(
        OptionsException.class, () -> ProduceRequest.builder().topic("no spaces allowed").build());
    assertThrows(OptionsException.class, () -> ProduceRequest.builder().rate(-1).build());
  }

  @Test
  void formatNamesParse() {
    assertEquals(RecordFormat.FLAT, RecordFormat.parse("FLAT"));
    assertThrows(IllegalArgumentException.class, () -> RecordFormat.parse("xml"));
    assertEquals("truncated-json", BadKind.TRUNCATED_JSON.label());
  }
}
