package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.ConnectorSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of the Spark job's command line, and what main prints for help and bad options. */
class SparkJobOptionsTest {

  @Test
  void sharedAndSparkOptionsParseTogether() {
    SparkJobOptions o =
        SparkJobOptions.parse(
            "--mode",
            "continuous",
            "--bootstrap-servers=127.0.0.1:19292",
            "--topic",
            "t1",
            "--kafka-property",
            "security.protocol=PLAINTEXT",
            "--trigger-interval",
            "500ms",
            "--max-offsets-per-trigger=5000",
            "--cassandra-batch-size",
            "8",
            "--cassandra-concurrent-writes",
            "32",
            "--cassandra-consistency",
            "one");

    assertEquals(PipelineOptions.Mode.CONTINUOUS, o.pipeline().mode());
    assertEquals("127.0.0.1:19292", o.pipeline().bootstrapServers());
    assertEquals(Map.of("security.protocol", "PLAINTEXT"), o.pipeline().kafkaProperties());
    assertEquals(Duration.ofMillis(500), o.pipeline().get(SparkJobOptions.TRIGGER_INTERVAL));
    assertEquals(5000L, o.pipeline().get(SparkJobOptions.MAX_OFFSETS_PER_TRIGGER));
    assertEquals(8, o.pipeline().get(SparkJobOptions.CASSANDRA_BATCH_SIZE));
    assertEquals(32, o.pipeline().cassandraConcurrentWrites());
    assertEquals("ONE", o.pipeline().cassandraConsistency());
    assertEquals(
        o,
        SparkJobOptions.parse(o.pipeline().toArgs(SparkJobOptions.OPTIONS).toArray(String[]::new)));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    SparkJobOptions o = SparkJobOptions.parse();
    assertEquals(SparkJobOptions.defaults(PipelineOptions.defaults()), o);
    assertEquals(Duration.ZERO, o.pipeline().get(SparkJobOptions.TRIGGER_INTERVAL));
    assertEquals(1, o.pipeline().get(SparkJobOptions.CASSANDRA_BATCH_SIZE));
    assertEquals(64, o.pipeline().cassandraConcurrentWrites());
    assertEquals("LOCAL_QUORUM", o.pipeline().cassandraConsistency());
  }

  @Test
  void badValuesAreOneLineNamingTheOption() {
    assertMessage("--trigger-interval must be a duration", "--trigger-interval", "soon");
    assertMessage(
        "--cassandra-batch-size must be an integer 1..1000", "--cassandra-batch-size", "0");
    assertMessage(
        "--cassandra-concurrent-writes must be an integer 1..512",
        "--cassandra-concurrent-writes",
        "0");
    assertMessage(
        "--cassandra-concurrent-writes must be an integer 1..512",
        "--cassandra-concurrent-writes",
        "1024");
    assertMessage("--cassandra-consistency must be one of", "--cassandra-consistency", "SERIAL");
    assertMessage(
        "--max-offsets-per-trigger must be an integer 0..", "--max-offsets-per-trigger", "-1");
    assertMessage("unknown option --spark-master", "--spark-master", "local");
    assertMessage("--mode must be one of", "--mode", "sometimes");
  }

  @Test
  void cassandraSettingsCarryTheContactPoints() {
    SparkJobOptions o =
        SparkJobOptions.parse("--cassandra-host", "a,b", "--cassandra-port", "19242");
    Map<String, String> s = ConnectorSettings.of(o.pipeline());
    assertEquals("a,b", s.get("spark.cassandra.connection.host"));
    assertEquals("19242", s.get("spark.cassandra.connection.port"));
    assertEquals("datacenter1", s.get("spark.cassandra.connection.localDC"));
    assertFalse(s.containsKey("spark.cassandra.auth.password"));
  }

  @Test
  void kafkaSourceOptionsCarryExtraPropertiesAndBatchLimit() {
    SparkJobOptions o =
        SparkJobOptions.parse(
            "--kafka-property", "security.protocol=SSL", "--starting-offsets", "latest");
    Map<String, String> k = UserStreamJob.sourceOptions(o);
    assertEquals("SSL", k.get("kafka.security.protocol"));
    assertEquals("latest", k.get("startingOffsets"));
    assertEquals("users_created", k.get("subscribe"));
    assertEquals("100000", k.get("maxOffsetsPerTrigger"));
    assertEquals("true", k.get("failOnDataLoss"));
  }

  @Test
  void mainPrintsHelpAndExitsZero() {
    MainOutcome r = main("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--bootstrap-servers"), r.out());
    assertTrue(r.out().contains("--cassandra-concurrent-writes"), r.out());
    assertTrue(r.out().contains("--trigger-interval"), r.out());
  }

  @Test
  void mainRefusesABadOptionWithOneLineAndExitTwo() {
    MainOutcome r = main("--mode", "never");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: --mode must be one of"), r.err());
    assertTrue(r.err().contains("--help"), r.err());
    assertEquals(2, r.err().strip().lines().count(), r.err());
  }

  private static void assertMessage(String expectedStart, String... args) {
    OptionsException e = assertThrows(OptionsException.class, () -> SparkJobOptions.parse(args));
    assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static MainOutcome main(String... args) {
    return MainOutcome.of(SparkJobMain.RUNNER, args);
  }
}
