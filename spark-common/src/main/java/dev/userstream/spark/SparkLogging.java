package dev.userstream.spark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Collections;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.spark.SparkConf;

/**
 * The job's log levels wherever it runs: Spark and its libraries at WARN, the job's own lines at
 * INFO (the job jar's {@code log4j2.properties}). In-process runs pick that file up by themselves;
 * under {@code spark-submit}, Spark's built-in default (everything at INFO, several hundred lines a
 * run) is in use when the job's {@code main} starts, so {@link #useJobDefaults} replaces that
 * default. A configuration somebody chose ({@code log4j2.properties} in {@code SPARK_CONF_DIR},
 * {@code -Dlog4j2.configurationFile}) is never replaced.
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
    // Spark sets up its logging at its first log line. spark-submit did so before main and then
    // reset it (Logging.uninitialize) for the application; Spark 4 remembers that its default was
    // in use and loads it again at that first line, over whatever the job set. So Spark's set-up
    // happens here first, silently (a no-op if it is done), and the job's file is applied after.
    // (Spark's Logging trait: protected in Scala, public to Java, the same in 3.5 and 4.)
    new SparkConf(false).initializeLogIfNecessary(false, true);
    // Spark's context, not the job jar's: log4j keeps one per class loader, and under
    // spark-submit the job's classes come from a child of the loader Spark logs through.
    ClassLoader spark = SparkConf.class.getClassLoader();
    if (!(LogManager.getContext(spark, false) instanceof LoggerContext context)) {
      return false; // another logging backend: not ours to configure
    }
    URI active = activeConfig(context);
    if (active == null || !isSparkDefault(active)) {
      return false;
    }
    URI own = ownConfig();
    if (own == null) {
      return false;
    }
    context.setConfigLocation(own);
    return true;
  }

  /**
   * Where the configuration in use was read from, or null for log4j's own fallback. Not the
   * context's config location: that is only set when somebody names a file (as Spark does with its
   * default), never when log4j finds one by itself (a {@code SPARK_CONF_DIR}'s, the job's in
   * process).
   */
  static URI activeConfig(LoggerContext context) {
    return context.getConfiguration().getConfigurationSource().getURI();
  }

  /**
   * Spark's built-in defaults, in its own jars under {@code org/apache/spark/}; not Spark 4's JSON
   * layout, which it loads only when somebody switched structured logging on ({@code
   * spark.log.structuredLogging.enabled}).
   */
  static boolean isSparkDefault(URI config) {
    String text = config.toString();
    return text.contains("org/apache/spark/log4j2")
        && text.endsWith(".properties")
        && !text.contains("json");
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
