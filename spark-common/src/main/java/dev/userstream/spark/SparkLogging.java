package dev.userstream.spark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Collections;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.spark.SparkConf;

/**
 * The job's log levels wherever it runs: Spark and its libraries at WARN, the job's own lines at
 * INFO (the job jar's {@code log4j2.properties}). In-process runs pick that file up by themselves;
 * under {@code spark-submit}, Spark has already set up its built-in default (everything at INFO,
 * several hundred lines a run) before the job's {@code main} starts, so {@link #useJobDefaults}
 * replaces that default. A configuration somebody chose ({@code log4j2.properties} in {@code
 * SPARK_CONF_DIR}, {@code -Dlog4j2.configurationFile}) is never replaced. Spark 4's spark-submit
 * sets up its default later, when the SparkContext starts: there the job's file comes first and
 * Spark, finding logging configured, keeps it.
 */
final class SparkLogging {
  static final String CONFIG = "log4j2.properties";

  private SparkLogging() {}

  /**
   * Switches logging to the job's own configuration if Spark's built-in default is the one in use.
   *
   * @return whether it switched
   */
  static boolean useJobDefaults() {
    // Spark's context, not the job jar's: log4j keeps one per class loader, and under
    // spark-submit the job's classes come from a child of the loader Spark logs through.
    ClassLoader spark = SparkConf.class.getClassLoader();
    if (!(LogManager.getContext(spark, false) instanceof LoggerContext context)) {
      return false; // another logging backend: not ours to configure
    }
    URI active = context.getConfigLocation();
    // Spark 3.5's spark-submit has set up its default before main; Spark 4's does so only when
    // the SparkContext starts, so here log4j may still run on its own fallback, unconfigured.
    boolean unconfigured =
        active == null || context.getConfiguration() instanceof DefaultConfiguration;
    if (!unconfigured && !isSparkDefault(active)) {
      return false;
    }
    URI own = ownConfig();
    if (own == null) {
      return false;
    }
    context.setConfigLocation(own);
    return true;
  }

  /** Spark's built-in defaults live in its own jars under {@code org/apache/spark/}. */
  static boolean isSparkDefault(URI config) {
    String text = config.toString();
    return text.contains("org/apache/spark/log4j2") && text.endsWith(".properties");
  }

  /** The {@value #CONFIG} that comes with this class (its jar or classes folder), if any. */
  private static URI ownConfig() {
    try {
      URL home = SparkLogging.class.getProtectionDomain().getCodeSource().getLocation();
      for (URL url : Collections.list(SparkLogging.class.getClassLoader().getResources(CONFIG))) {
        String text = url.toString();
        if (text.startsWith("jar:" + home + "!/") || text.equals(home + CONFIG)) {
          return url.toURI();
        }
      }
    } catch (IOException | URISyntaxException | SecurityException | NullPointerException e) {
      // No code source or no readable resource: keep the logging as it is.
    }
    return null;
  }
}
