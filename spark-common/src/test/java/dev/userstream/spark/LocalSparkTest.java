package dev.userstream.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The base of the Spark tests without services: one {@code local[2]} session per test class. */
abstract class LocalSparkTest {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = StackJobs.localSpark("userstream-test");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }
}
