package dev.userstream.bench;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.SparkCheckpointOffsets;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of the peer, the seed tutorial's PySpark job ({@code bench/peer/peer_job.py}, started by
 * the {@link JobStarter} as engine {@link BenchPlan#PEER}): the seed's table, then the job until
 * every backlog row is in Cassandra. Its stream has the default trigger and never ends by itself,
 * so the run watches its checkpoint and stops it once every record is written; rows/s come from the
 * write times as for the engines.
 */
final class PeerRun {
  /** Between two looks at the peer's checkpoint (a few small files). */
  private static final long POLL_MILLIS = 2000;

  private final BenchContext ctx;

  PeerRun(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** Times of the rows, seconds from job start to the last row's write, and the CPU samples. */
  record Outcome(RowTimes times, double wallSeconds, CpuSampler.Samples cpu) {}

  /** The seed's table: its 11 fields, {@code id} a UUID key and the others text; no event time. */
  static String createTableCql(String keyspace, String table) {
    return "CREATE TABLE "
        + keyspace
        + "."
        + table
        + " (id UUID PRIMARY KEY, first_name TEXT, last_name TEXT, gender TEXT, address TEXT,"
        + " post_code TEXT, email TEXT, username TEXT, registered_date TEXT, phone TEXT,"
        + " picture TEXT)";
  }

  /** The command line of {@code peer_job.py}. */
  static List<String> jobArgs(
      PipelineOptions connection, String topic, String keyspace, String table, Path checkpoint) {
    return List.of(
        "--bootstrap-servers",
        connection.bootstrapServers(),
        "--topic",
        topic,
        "--cassandra-host",
        String.join(",", connection.cassandraHosts()),
        "--cassandra-port",
        String.valueOf(connection.cassandraPort()),
        "--keyspace",
        keyspace,
        "--table",
        table,
        "--checkpoint-dir",
        checkpoint.toString());
  }

  /** Runs the peer over {@code topic} into a new seed-shaped {@code table}. */
  Outcome run(String topic, String table, long expected, String label) {
    refuseSecuredServers();
    ctx.cassandra.drop(table);
    ctx.cassandra.session().execute(createTableCql(BenchCassandra.KEYSPACE, table));
    Path checkpoint = ctx.checkpoint(table);
    ProcessBuilder job =
        ctx.starter.process(
            BenchPlan.PEER,
            List.of(),
            jobArgs(ctx.servers.connection(), topic, BenchCassandra.KEYSPACE, table, checkpoint));
    long startMicros = System.currentTimeMillis() * 1000;
    CpuSampler.Samples cpu;
    try (JobRun run = ctx.startJob(job, table, label);
        CpuSampler sampler = ctx.sampleJob(run)) {
      awaitRows(run, checkpoint, expected, label);
      cpu = sampler.stop();
    }
    RowTimes times = ctx.cassandra.writeTimes(table);
    if (!ctx.plan.keepData()) {
      ctx.cassandra.drop(table);
    }
    return new Outcome(times, Math.max(0, times.lastWriteMicros() - startMicros) / 1e6, cpu);
  }

  /**
   * Waits until the peer's checkpoint says it has written every backlog record. Not a {@code
   * COUNT(*)} of the table: on a 500,000-row table that is being written it timed out in Cassandra
   * (and failed the benchmark), and every count was load on the node the peer writes to.
   */
  private void awaitRows(JobRun run, Path checkpoint, long expected, String label) {
    long timeout = ctx.plan.jobTimeout().toSeconds();
    while (true) {
      long done = committedRecords(checkpoint);
      if (done >= expected) {
        ctx.print(
            String.format(
                "  %s: all %,d records written (its checkpoint), %.0f s; stopping it",
                label, done, run.seconds()));
        return;
      }
      if (!run.isAlive()) {
        throw new BenchException(
            String.format(
                    "the %s job exited with %,d of %,d records committed", label, done, expected)
                + run.tail());
      }
      if (run.seconds() > timeout) {
        throw new BenchException(
            String.format(
                    "the %s job committed %,d of %,d records within %d s (--job-timeout)",
                    label, done, expected, timeout)
                + run.tail());
      }
      ctx.print(
          String.format(
              "  %s: running, %.0f s, %,d records committed", label, run.seconds(), done));
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchException("interrupted while the " + label + " job was running");
      }
    }
  }

  /**
   * The Kafka records the peer's query has written, from its Spark checkpoint ({@link
   * SparkCheckpointOffsets}). The backlog topic starts at offset 0 in every partition, so the sum
   * of the committed offsets is the number of records; 0 before the first commit.
   */
  static long committedRecords(Path checkpoint) {
    try {
      return SparkCheckpointOffsets.committedRecords(checkpoint);
    } catch (UncheckedIOException e) {
      throw new BenchException(e.getCause().getMessage(), e);
    }
  }

  /** The seed connects without credentials, TLS or Kafka client settings; so does the peer. */
  private void refuseSecuredServers() {
    PipelineOptions c = ctx.servers.connection();
    if (!c.kafkaProperties().isEmpty()
        || c.cassandraUsername().isPresent()
        || c.cassandraTls().enabled()) {
      throw new BenchException(
          "the peer connects as the seed does, without Kafka properties, Cassandra credentials or"
              + " TLS: run it against the local stack or servers that need none of them");
    }
  }
}
