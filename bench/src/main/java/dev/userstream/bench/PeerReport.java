package dev.userstream.bench;

import java.util.Locale;
import java.util.Optional;

/** The peer's part of the report: how it runs, and each engine's throughput over the peer's. */
final class PeerReport {
  /** Each engine's throughput over the peer's (the seed's PySpark job), both medians. */
  static final double TARGET = 2.0;

  private PeerReport() {}

  /**
   * The targets rows "each engine ≥ {@link #TARGET}× the peer's rows/s", from the medians of this
   * run; empty without a measured peer.
   */
  static String targets(BenchResults r) {
    Optional<Spread> peer = r.spread(Scenario.THROUGHPUT, BenchPlan.PEER, RunResult::rowsPerSecond);
    if (peer.isEmpty() || peer.get().median() <= 0) {
      return "";
    }
    StringBuilder md = new StringBuilder();
    for (String engine : r.plan().engines()) {
      Optional<Spread> thr = r.spread(Scenario.THROUGHPUT, engine, RunResult::rowsPerSecond);
      if (engine.equals(BenchPlan.PEER) || thr.isEmpty()) {
        continue;
      }
      double ratio = thr.get().median() / peer.get().median();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s throughput ≥ %.0f× the peer's (%s/peer rows/s) | %.2f× | %s |%n",
              engine,
              TARGET,
              engine,
              ratio,
              ratio >= TARGET ? "yes" : "no"));
    }
    return md.toString();
  }

  /** The method line on the peer, empty when the plan has none. */
  static String method(BenchPlan plan) {
    if (!plan.engines().contains(BenchPlan.PEER)) {
      return "";
    }
    return "- **peer**: the seed tutorial's PySpark job (`bench/peer/peer_job.py`: `from_json` of"
        + " the flat record's 11 string fields, the spark-cassandra-connector's streaming sink,"
        + " default trigger, no validation) under `spark-submit --master local[2]` of the"
        + " project's pyspark virtualenv, with spark-cassandra-connector 3.5.1 and spark-sql-kafka"
        + " 3.5.7 from Maven Central (see bench/README.md), into a table shaped like the seed's."
        + " Its stream never exits: it is stopped once every backlog row is in Cassandra; rows/s as"
        + " above, wall time from job start to its last write. Throughput scenario only.\n";
  }
}
