package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileSummaryTest {
  private static ProfileSummary sample() {
    ProfileSummary s = new ProfileSummary();
    // main -> parse -> parse (recursion) -> readNumber, on two worker threads.
    s.add("worker-1", List.of("Json.readNumber", "Json.parse", "Json.parse", "Job.main"));
    s.add("worker-2", List.of("Json.readNumber", "Json.parse", "Job.main"));
    s.add("worker-2", List.of("Json.parse", "Job.main"));
    s.add("netty-io-3", List.of("Netty.write", "Driver.execute", "Job.main"));
    return s;
  }

  @Test
  void selfCountsTheTopFrame() {
    assertEquals(
        List.of(
            new ProfileSummary.Entry("Json.readNumber", 2, 0.5),
            new ProfileSummary.Entry("Json.parse", 1, 0.25),
            new ProfileSummary.Entry("Netty.write", 1, 0.25)),
        sample().topSelf(25));
  }

  @Test
  void totalCountsEachMethodOncePerStack() {
    List<ProfileSummary.Entry> total = sample().topTotal(2);
    // Json.parse is twice on the first stack: still one sample of four, not five.
    assertEquals(
        List.of(
            new ProfileSummary.Entry("Job.main", 4, 1.0),
            new ProfileSummary.Entry("Json.parse", 3, 0.75)),
        total);
  }

  @Test
  void threadsOfOnePoolCountTogether() {
    assertEquals(
        List.of(
            new ProfileSummary.Entry("worker-#", 3, 0.75),
            new ProfileSummary.Entry("netty-io-#", 1, 0.25)),
        sample().topThreads(8));
  }

  @Test
  void packagesSumTheSelfSamplesOfTheirMethods() {
    ProfileSummary s = new ProfileSummary();
    s.add("t", List.of("com.fasterxml.jackson.core.JsonParser.next", "Job.main"));
    s.add("t", List.of("com.fasterxml.jackson.databind.ObjectMapper.readTree", "Job.main"));
    s.add("t", List.of("io.netty.channel.Channel.write", "Job.main"));
    s.add("t", List.of("Json.parse", "Job.main"));
    assertEquals(
        List.of(
            new ProfileSummary.Entry("com.fasterxml.jackson", 2, 0.5),
            new ProfileSummary.Entry("Json", 1, 0.25),
            new ProfileSummary.Entry("io.netty.channel", 1, 0.25)),
        s.topPackages(15));
  }

  @Test
  void tableRanksWithPercentages() {
    String table = ProfileSummary.table("frame", sample().topSelf(1));
    assertTrue(table.startsWith("| # | frame | samples | % |\n|---:|---|---:|---:|\n"), table);
    assertTrue(table.contains("| 1 | `Json.readNumber` | 2 | 50.0 % |"), table);
  }
}
