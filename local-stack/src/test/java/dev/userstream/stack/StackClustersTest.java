package dev.userstream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clusters' part of the stack configuration, without starting anything. */
class StackClustersTest {

  @Test
  void clusterPortsMoveWithTheOthersAndStayWhenTheDataPortsChange() {
    StackConfig.Ports ports = StackConfig.defaults().ports();
    assertEquals(List.of(7077, 8080, 6123, 8081), clusterPorts(ports));
    assertEquals(List.of(7777, 8780, 6823, 8781), clusterPorts(ports.shiftedBy(700)));
    StackConfig moved = StackConfig.defaults().withPorts(1, 2, 3, 4);
    assertEquals(List.of(7077, 8080, 6123, 8081), clusterPorts(moved.ports()));
    assertEquals(1, moved.kafkaPort());
    assertThrows(StackException.class, () -> ports.shiftedBy(60_000));
  }

  @Test
  void aClusterNeedsItsDistribution() {
    assertThrows(
        StackException.class,
        () -> new StackConfig.Clusters(2, Optional.empty(), 0, Optional.empty()));
    StackConfig config = StackConfig.defaults().withSparkCluster(Path.of("/opt/spark"), 3);
    assertEquals(3, config.clusters().sparkWorkers());
    assertEquals(0, config.clusters().flinkTaskManagers());
    assertEquals(Optional.of(Path.of("/opt/spark")), config.clusters().sparkHome());
  }

  @Test
  void noClusterConfiguredAndNoneStartedBeforeMeansNoMembers(@TempDir Path home) {
    StackConfig config = StackConfig.defaults().withHome(home);
    assertEquals(List.of(), new SparkCluster(config).members());
    assertEquals(List.of(), new FlinkCluster(config).members());
  }

  @Test
  void membersAreTheConfiguredOnesWithTheirAddressesAndUis(@TempDir Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("spark/jars"));
    Files.writeString(jars.resolve("scala-library-2.12.18.jar"), "");
    StackConfig config =
        StackConfig.defaults()
            .withHome(home)
            .withSparkCluster(home.resolve("spark"), 2)
            .withFlinkCluster(home.resolve("flink"), 1);
    SparkCluster spark = new SparkCluster(config);
    assertEquals(
        List.of("spark-master", "spark-worker-1", "spark-worker-2"),
        spark.members().stream().map(ServiceEnvironment::service).toList());
    assertEquals("spark://127.0.0.1:7077", spark.masterUrl());
    assertEquals(Optional.of("http://127.0.0.1:8092"), spark.worker(2).ui());
    FlinkCluster flink = new FlinkCluster(config);
    assertEquals(
        List.of("flink-jobmanager", "flink-taskmanager-1"),
        flink.members().stream().map(ServiceEnvironment::service).toList());
    assertEquals("127.0.0.1:8081", flink.restAddress());
  }

  @Test
  void workersAnEarlierUpLeftOnDiskAreFound(@TempDir Path home) throws IOException {
    Files.createDirectories(home.resolve("spark-worker-1"));
    Files.createDirectories(home.resolve("spark-worker-3"));
    Files.createDirectories(home.resolve("spark-worker-x"));
    assertEquals(3, EngineCluster.highestOnDisk(home, "spark-worker-"));
    assertEquals(0, EngineCluster.highestOnDisk(home.resolve("absent"), "spark-worker-"));
  }

  @Test
  void theScalaVersionComesFromTheDistributionsScalaLibrary(@TempDir Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.writeString(jars.resolve("spark-core_2.12-3.5.7.jar"), "");
    Files.writeString(jars.resolve("scala-library-2.12.18.jar"), "");
    assertEquals("2.12", SparkCluster.scalaVersion(home));
    Files.delete(jars.resolve("scala-library-2.12.18.jar"));
    assertThrows(StackException.class, () -> SparkCluster.scalaVersion(home));
  }

  @Test
  void aStatusLineShowsTheWebUiWhenThereIsOne() {
    ServiceStatus worker =
        new ServiceStatus(
            "spark-worker-1",
            OptionalLong.of(42),
            "127.0.0.1 (2 cores)",
            ServiceStatus.State.UP,
            Optional.of("http://127.0.0.1:8091"));
    assertTrue(worker.line().startsWith("spark-worker-1      pid 42"), worker.line());
    assertTrue(worker.line().endsWith(" UP         ui http://127.0.0.1:8091"), worker.line());
    ServiceStatus kafka =
        new ServiceStatus(
            "kafka", OptionalLong.empty(), "127.0.0.1:9092", ServiceStatus.State.DOWN);
    assertTrue(kafka.line().endsWith("DOWN"), kafka.line());
  }

  private static List<Integer> clusterPorts(StackConfig.Ports ports) {
    return List.of(ports.sparkMaster(), ports.sparkUi(), ports.flinkRpc(), ports.flinkRest());
  }
}
