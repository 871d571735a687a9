package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.Failures;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PipelineOptions.Mode;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.TestRecords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.Test;

/** An available-now run in this JVM (a local MiniCluster) against the real Kafka and Cassandra. */
class FlinkAvailableNowIT {
  @Test
  void writesEveryRecordExactlyOnceThenFinishes() throws Exception {
    FlinkStackFixture fixture = new FlinkStackFixture("flink_now");
    List<byte[]> values = new ArrayList<>(TestRecords.mixed(20_000, 1_000, 11));
    values.add(null); // a Kafka tombstone: an EMPTY_VALUE rejection, never a crash
    List<ProducedRecord> produced = fixture.write(values);

    PipelineOptions options = fixture.options().mode(Mode.AVAILABLE_NOW).build();
    JobExecutionResult result = FlinkJobMain.execute(options, true, System.out);

    assertEquals(
        19_000L, (Long) result.getAccumulatorResult(UserTransformFunction.USERS_ACCUMULATOR));
    fixture.assertExactly(produced);
  }

  @Test
  void unreachableCassandraIsOneLineAndExitOne() throws Exception {
    FlinkStackFixture fixture = new FlinkStackFixture("flink_down");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<String> args =
        new ArrayList<>(
            fixture.options().cassandraPort(closedPort).build().toArgs(FlinkJobOptions.OPTIONS));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        FlinkJobMain.run(
            args.toArray(String[]::new),
            true,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, message);
    assertEquals(1, message.lines().count(), message);
    assertTrue(
        message.startsWith(
            Failures.PREFIX + "Cassandra is not reachable at 127.0.0.1:" + closedPort),
        message);
  }
}
