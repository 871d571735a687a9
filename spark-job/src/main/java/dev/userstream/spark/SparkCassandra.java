package dev.userstream.spark;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.ConnectorSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The Spark configuration's Cassandra settings ({@code spark-submit --conf spark.cassandra.*})
 * reconciled with the options on the driver (pipeline-io's {@link ConnectorSettings}), and shipped
 * to the executors' sessions as one map, so a {@code --conf} setting reaches them too.
 */
final class SparkCassandra {
  /**
   * Unless {@code --conf} names another, the sessions come from {@link
   * TokenAwareConnectionFactory}.
   */
  static final String FACTORY = ConnectorSettings.PREFIX + "connection.factory";

  private SparkCassandra() {}

  /** {@code p} with the options that were not given taken from {@code conf}. */
  static PipelineOptions withConf(PipelineOptions p, SparkConf conf) {
    return ConnectorSettings.under(p, fromConf(conf));
  }

  /**
   * Every {@code spark.cassandra.*} setting of {@code conf} (timeouts, retries, ... that no option
   * covers), overridden by the settings of {@code p}: what each executor's session uses.
   */
  static Map<String, String> settings(SparkConf conf, PipelineOptions p) {
    Map<String, String> s = fromConf(conf);
    s.putIfAbsent(FACTORY, TokenAwareConnectionFactory.class.getName());
    s.putAll(ConnectorSettings.of(p));
    return s;
  }

  private static Map<String, String> fromConf(SparkConf conf) {
    Map<String, String> s = new LinkedHashMap<>();
    for (Tuple2<String, String> entry : conf.getAllWithPrefix(ConnectorSettings.PREFIX)) {
      s.put(ConnectorSettings.PREFIX + entry._1(), entry._2());
    }
    return s;
  }
}
