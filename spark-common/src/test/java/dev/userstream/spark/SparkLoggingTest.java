package dev.userstream.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkLoggingTest {
  @Test
  void onlySparksBuiltInDefaultsAreReplaced() {
    assertTrue(
        SparkLogging.isSparkDefault(
            URI.create(
                "jar:file:/opt/spark/jars/spark-core_2.12-3.5.7.jar!/org/apache/spark/log4j2-defaults.properties")));
    assertTrue(
        SparkLogging.isSparkDefault(
            URI.create(
                "jar:file:/opt/spark/jars/spark-common-utils-java_2.13-4.2.0.jar!/org/apache/spark/log4j2-defaults.properties")));
    // Spark 4 loads it only when structured logging is switched on: somebody's choice.
    assertFalse(
        SparkLogging.isSparkDefault(
            URI.create(
                "jar:file:/opt/spark/jars/spark-common-utils-java_2.13-4.2.0.jar!/org/apache/spark/log4j2-json-layout.properties")));
    assertFalse(SparkLogging.isSparkDefault(URI.create("file:/opt/spark/conf/log4j2.properties")));
    assertFalse(
        SparkLogging.isSparkDefault(
            URI.create("jar:file:/x/spark-job-all.jar!/log4j2.properties")));
  }

  @Test
  void theJobsOwnConfigurationIsInUseAfterwardsAndKept() {
    SparkLogging.useJobDefaults(); // applies it unless log4j found it by itself
    LoggerContext context =
        (LoggerContext) LogManager.getContext(SparkConf.class.getClassLoader(), false);
    String active = String.valueOf(SparkLogging.activeConfig(context));
    assertTrue(active.endsWith("/" + SparkLogging.CONFIG), active);
    assertFalse(SparkLogging.useJobDefaults(), "a configured file is never replaced");
  }
}
