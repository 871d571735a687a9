package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SparkLoggingTest {
  @Test
  void onlySparksBuiltInDefaultsAreReplaced() {
    assertTrue(
        SparkLogging.isSparkDefault(
            URI.create(
                "jar:file:/opt/spark/jars/spark-core_2.12-3.5.7.jar!/org/apache/spark/log4j2-defaults.properties")));
    assertFalse(SparkLogging.isSparkDefault(URI.create("file:/opt/spark/conf/log4j2.properties")));
    assertFalse(
        SparkLogging.isSparkDefault(
            URI.create("jar:file:/x/spark-job-all.jar!/log4j2.properties")));
  }

  @Test
  void aConfigurationFoundOnTheClasspathIsKept() {
    // Tests run with the module's own log4j2.properties, found by log4j itself: not Spark's.
    assertFalse(SparkLogging.useJobDefaults());
  }
}
