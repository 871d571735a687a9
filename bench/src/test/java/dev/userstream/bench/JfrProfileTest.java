package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JfrProfileTest {
  @Test
  void lambdasOfEveryRunShareOneName() {
    assertEquals(
        "dev.userstream.spark.UserStreamJob$BatchWriter$$Lambda.call",
        JfrProfile.frameName(
            "dev.userstream.spark.UserStreamJob$BatchWriter$$Lambda$3257+0x00007f6a91056e90"
                + ".2113715767",
            "call"));
    assertEquals(
        "a.Foo$$Lambda.run", JfrProfile.frameName("a.Foo$$Lambda$12/0x0000000800c0b000", "run"));
    assertEquals("a.Foo$Inner.run", JfrProfile.frameName("a.Foo$Inner", "run"));
  }

  @Test
  void theJobRecordsIntoTheGivenFileWithDeepStacks() {
    assertEquals(
        List.of(
            "-XX:StartFlightRecording=filename=/w/thr_spark_1.jfr,settings=profile,dumponexit=true",
            "-XX:FlightRecorderOptions=stackdepth=256"),
        JfrProfile.jvmOptions(Path.of("/w/thr_spark_1.jfr")));
  }
}
