package dev.userstream.bench;

import dev.userstream.io.PipelineOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of the peer, the seed tutorial's PySpark job ({@code bench/peer/peer_job.py}, started by
 * the {@link JobStarter} as engine {@link BenchPlan#PEER}): the seed's table, then the job until
 * every backlog row is in Cassandra. Its stream has the default trigger and never ends by itself,
 * so the run polls the row count and then stops it; rows/s come from the write times as for the
 * engines.
 */
final class PeerRun {
  /** Between two row counts: often enough for the stop, rarely enough not to load Cassandra. */
  private static final long POLL_MILLIS = 5000;

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
    try (JobRun run = JobRun.start(job, ctx.log(table), label);
        CpuSampler sampler =
            CpuSampler.start(
                ctx.cpuTargets(CpuRole.JOB, CpuSampler.Target.withChildren(run.pid())))) {
      ctx.print("  " + label + ": job started, log " + ctx.log(table));
      awaitRows(run, table, expected, label);
      cpu = sampler.stop();
    }
    RowTimes times = ctx.cassandra.writeTimes(table);
    if (!ctx.plan.keepData()) {
      ctx.cassandra.drop(table);
    }
    return new Outcome(times, Math.max(0, times.lastWriteMicros() - startMicros) / 1e6, cpu);
  }

  private void awaitRows(JobRun run, String table, long expected, String label) {
    long timeout = ctx.plan.jobTimeout().toSeconds();
    while (true) {
      long rows = ctx.cassandra.count(table);
      if (rows >= expected) {
        ctx.print(
            String.format(
                "  %s: all %,d rows in, %.0f s; stopping it", label, rows, run.seconds()));
        return;
      }
      if (!run.isAlive()) {
        throw new BenchException(
            String.format("the %s job exited with %,d of %,d rows written", label, rows, expected)
                + run.tail());
      }
      if (run.seconds() > timeout) {
        throw new BenchException(
            String.format(
                    "the %s job wrote %,d of %,d rows within %d s (--job-timeout)",
                    label, rows, expected, timeout)
                + run.tail());
      }
      ctx.print(String.format("  %s: running, %.0f s, %,d rows", label, run.seconds(), rows));
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchException("interrupted while the " + label + " job was running");
      }
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
