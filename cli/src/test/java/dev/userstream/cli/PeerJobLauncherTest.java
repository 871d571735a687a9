package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerJobLauncherTest {
  @Test
  void sparkSubmitResolvesFromCentralIntoTheProjectsCacheAndRunsTheScript() {
    Path root = Path.of("/repo");
    List<String> command =
        PeerJobLauncher.command(
            root, Path.of("/venv/bin/spark-submit"), List.of("--topic", "t"), "2g");
    assertEquals("/venv/bin/spark-submit", command.get(0));
    assertEquals(List.of("/repo/bench/peer/peer_job.py", "--topic", "t"), tail(command, 3));
    String line = String.join(" ", command);
    for (String part :
        List.of(
            "--master local[2]",
            "--driver-memory 2g",
            "--conf spark.jars.ivySettings=/repo/bench/peer/ivysettings.xml",
            "--conf spark.jars.ivy=/repo/.userstream/peer-ivy",
            "--packages com.datastax.spark:spark-cassandra-connector_2.12:3.5.1,"
                + "org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.7")) {
      assertTrue(line.contains(part), () -> "missing " + part + " in " + line);
    }
  }

  private static List<String> tail(List<String> list, int n) {
    return list.subList(list.size() - n, list.size());
  }
}
