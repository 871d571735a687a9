package dev.userstream.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.cli.StatusSnapshot.RunningJob;
import dev.userstream.cli.StatusSnapshot.TableWrites;
import dev.userstream.cli.TopicRecordCount.PartitionOffsets;
import dev.userstream.io.Durations;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.CassandraPreflight;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code userstream status}: a live view of one topic and keyspace, whichever engine runs it (see
 * {@link StatusSnapshot} for where each figure comes from).
 *
 * <pre>{@code
 * ./userstream status                       # refreshes every 2 s until Ctrl-C
 * ./userstream status --once                # one snapshot
 * ./userstream status --once --json         # one JSON object, for scripts
 * ./userstream status --topic bench --keyspace bench --cassandra-port 19242
 * }</pre>
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    modelTransformer = DeclaredOptions.Pipeline.class,
    description = {
      "Show a running pipeline: lag per partition of each engine, the engine jobs running here,"
          + " rows per second into each table, users, rejects and reject reasons.",
      "Takes the pipeline options below (--topic, --keyspace, --checkpoint-dir, ...), so the flags"
          + " of `run` work here unchanged. Counting pages both tables, as verify does: on"
          + " millions of rows, use a longer --interval.",
    })
final class StatusCommand implements Callable<Integer> {
  @Option(
      names = "--json",
      description = "One JSON object per snapshot (one line each), for scripts.")
  boolean json;

  @Option(
      names = "--interval",
      paramLabel = "TIME",
      defaultValue = "2s",
      description = "Time between refreshes (default: ${DEFAULT-VALUE}).")
  String interval;

  @Spec CommandSpec spec;

  @Option(names = "--once", description = "Print one snapshot and exit.")
  boolean once;

  @Override
  public Integer call() throws InterruptedException {
    PipelineOptions p = DeclaredOptions.pipelineOptions(spec);
    Duration every = Durations.parse("interval", interval);
    PrintWriter out = spec.commandLine().getOut();
    try (CqlSession session = VerifyCommand.open(p)) {
      while (true) {
        StatusSnapshot snapshot = StatusSnapshot.take(p, session);
        if (json) {
          out.println(json(snapshot));
        } else {
          if (!once) {
            out.print("\033[H\033[2J"); // clear the terminal, cursor home
          }
          out.print(text(snapshot, once ? null : every));
        }
        out.flush();
        if (once) {
          return 0;
        }
        Thread.sleep(every.toMillis());
      }
    } catch (DriverException e) {
      throw CassandraPreflight.failure(p, "opening a session", e);
    }
  }

  /** The snapshot as the terminal shows it; {@code every} null for a single snapshot. */
  static String text(StatusSnapshot s, Duration every) {
    StringBuilder b = new StringBuilder();
    b.append("userstream status  ")
        .append(s.time().truncatedTo(ChronoUnit.SECONDS))
        .append("  topic ")
        .append(s.topic())
        .append(" -> keyspace ")
        .append(s.keyspace());
    if (every != null) {
      b.append("  (every ").append(Durations.format(every)).append(", Ctrl-C to stop)");
    }
    b.append("\n\njobs running here:\n");
    if (s.jobs().isEmpty()) {
      b.append("  none of this topic and keyspace\n");
    }
    for (RunningJob job : s.jobs()) {
      b.append(String.format("  %-9s pid %-8d %s%n", job.engine(), job.pid(), job.how()));
    }
    List<String> engines = new ArrayList<>(s.positions().keySet());
    b.append("\n").append(String.format("  %-10s %14s", "partition", "end offset"));
    for (String engine : engines) {
      b.append(String.format(" %14s", engine + " lag"));
    }
    b.append("\n");
    for (PartitionOffsets partition : s.partitions()) {
      b.append(String.format("  %-10d %,14d", partition.partition(), partition.end()));
      for (String engine : engines) {
        Long lag = s.lag(engine, partition);
        b.append(String.format(" %14s", lag == null ? "-" : String.format("%,d", lag)));
      }
      b.append("\n");
    }
    b.append(String.format("  %-10s %,14d", "records", s.records()));
    for (String engine : engines) {
      b.append(String.format(" %,14d", s.totalLag(engine)));
    }
    b.append("\n");
    if (engines.isEmpty()) {
      b.append(
          "  (no engine has a position in this topic yet: no checkpoint, no committed group)\n");
    }
    b.append(
        String.format("%n  %-20s %14s %12s%n", "Cassandra writes", "since start", "per second"));
    for (Map.Entry<String, TableWrites> table : s.writes().entrySet()) {
      b.append(
          String.format(
              "  %-20s %,14d %,12.1f%n",
              table.getKey(), table.getValue().count(), table.getValue().perSecond()));
    }
    VerifyCommand.Counts c = s.counts();
    b.append(
        String.format(
            "%nstored for this topic: users %,d + rejects %,d = %,d of %,d records%n",
            c.users(), c.rejects(), c.users() + c.rejects(), s.records()));
    if (!c.reasons().isEmpty()) {
      b.append("reject reasons:");
      c.reasons().forEach((reason, n) -> b.append(String.format(" %s %,d", reason, n)));
      b.append("\n");
    }
    return b.toString();
  }

  /** The snapshot as one line of JSON. */
  static String json(StatusSnapshot s) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("time", s.time().toString());
    root.put("topic", s.topic());
    root.put("keyspace", s.keyspace());
    root.put("records", s.records());
    ArrayNode partitions = root.putArray("partitions");
    for (PartitionOffsets partition : s.partitions()) {
      ObjectNode node = partitions.addObject();
      node.put("partition", partition.partition());
      node.put("start", partition.start());
      node.put("end", partition.end());
      ObjectNode lag = node.putObject("lag");
      s.positions().keySet().forEach(engine -> lag.put(engine, s.lag(engine, partition)));
    }
    ObjectNode lag = root.putObject("lag");
    s.positions().keySet().forEach(engine -> lag.put(engine, s.totalLag(engine)));
    ArrayNode jobs = root.putArray("jobs");
    for (RunningJob job : s.jobs()) {
      jobs.addObject().put("engine", job.engine()).put("pid", job.pid()).put("how", job.how());
    }
    ObjectNode writes = root.putObject("writes");
    s.writes()
        .forEach(
            (table, w) ->
                writes.putObject(table).put("count", w.count()).put("perSecond", w.perSecond()));
    VerifyCommand.Counts c = s.counts();
    root.put("users", c.users());
    root.put("rejects", c.rejects());
    root.put("storedTwice", c.storedTwice());
    ObjectNode reasons = root.putObject("rejectReasons");
    c.reasons().forEach(reasons::put);
    return root.toString();
  }
}
