package dev.userstream.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.userstream.cli.TopicRecordCount.PartitionOffsets;
import dev.userstream.io.CheckpointPaths;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.SparkCheckpointOffsets;
import dev.userstream.io.cassandra.CassandraPreflight;
import dev.userstream.model.CassandraSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One look at a running pipeline of a topic and keyspace, whichever engine runs it: the topic's
 * partitions with each engine's position and lag, the engine jobs running on this machine, the
 * writes per second into each table, the exact stored counts and the reject reasons.
 *
 * <p>Where each figure comes from: end offsets from Kafka; Spark's positions from its checkpoint
 * ({@link SparkCheckpointOffsets}: the last committed micro-batch or epoch), Flink's from the
 * offsets its consumer group commits on each checkpoint; writes per second from Cassandra's own
 * {@code system_views.coordinator_write_latency} (summed over the nodes); users, rejects and their
 * reasons by paging both tables as {@code verify} does.
 */
record StatusSnapshot(
    Instant time,
    String topic,
    String keyspace,
    List<PartitionOffsets> partitions,
    Map<String, Map<Integer, Long>> positions,
    List<RunningJob> jobs,
    Map<String, TableWrites> writes,
    VerifyCommand.Counts counts) {

  /** The engines whose jobs write their positions to a Spark checkpoint. */
  static final List<String> SPARK_ENGINES = List.of("spark", "spark-rt");

  /** The consumer group of the Flink job unless its Kafka properties name another. */
  static final String FLINK_GROUP = "userstream-flink";

  /** Cassandra's writes into one table, counted by the coordinators since each node started. */
  record TableWrites(long count, double perSecond) {}

  /** The records of the topic: end minus start offset, over the partitions. */
  long records() {
    return partitions.stream().mapToLong(p -> p.end() - p.start()).sum();
  }

  /** An engine's lag in a partition: end offset minus its position; null if it has none. */
  Long lag(String engine, PartitionOffsets partition) {
    Long position = positions.getOrDefault(engine, Map.of()).get(partition.partition());
    return position == null ? null : Math.max(0, partition.end() - position);
  }

  /** An engine's lag over the topic, or null if it has no position in any partition. */
  Long totalLag(String engine) {
    if (!positions.containsKey(engine)) {
      return null;
    }
    return partitions.stream()
        .mapToLong(p -> lag(engine, p) == null ? p.end() - p.start() : lag(engine, p))
        .sum();
  }

  static StatusSnapshot take(PipelineOptions p, CqlSession session) {
    List<PartitionOffsets> partitions = TopicRecordCount.partitions(p);
    Map<String, Map<Integer, Long>> positions = new LinkedHashMap<>();
    for (String engine : SPARK_ENGINES) {
      sparkPositions(p, engine).ifPresent(offsets -> positions.put(engine, offsets));
    }
    String group = p.kafkaProperties().getOrDefault("group.id", FLINK_GROUP);
    Map<Integer, Long> flink = TopicRecordCount.groupOffsets(p, group);
    if (!flink.isEmpty()) {
      positions.put("flink", flink);
    }
    Map<String, TableWrites> writes;
    VerifyCommand.Counts counts;
    try {
      writes = writes(session, p);
      counts = VerifyCommand.count(session, p);
    } catch (DriverException e) {
      throw CassandraPreflight.failure(p, "reading the tables", e);
    }
    return new StatusSnapshot(
        Instant.now(),
        p.topic(),
        p.keyspace(),
        partitions,
        positions,
        RunningJob.of(p),
        writes,
        counts);
  }

  /** A Spark engine's committed offsets in this topic, if its checkpoint folder is on this disk. */
  private static Optional<Map<Integer, Long>> sparkPositions(PipelineOptions p, String engine) {
    String location = CheckpointPaths.location(p, engine);
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
      return Optional.empty(); // s3://, hdfs://: not readable from here
    }
    Path dir = RepoRoot.path().resolve(location);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(SparkCheckpointOffsets.committed(dir).get(p.topic()));
    } catch (UncheckedIOException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  /** Coordinator writes per table of the keyspace, summed over every node that answers. */
  private static Map<String, TableWrites> writes(CqlSession session, PipelineOptions p) {
    Map<String, TableWrites> writes = new LinkedHashMap<>();
    for (String table : List.of(p.usersTable(), p.rejectsTable())) {
      writes.put(table, new TableWrites(0, 0));
    }
    // Virtual tables are node-local: ask each node.
    for (Node node : session.getMetadata().getNodes().values()) {
      SimpleStatement query =
          SimpleStatement.newInstance(
                  "SELECT table_name, count, per_second FROM"
                      + " system_views.coordinator_write_latency WHERE keyspace_name = ?",
                  p.keyspace())
              .setNode(node);
      for (Row row : session.execute(query)) {
        TableWrites before = writes.get(row.getString("table_name"));
        if (before != null) {
          writes.put(
              row.getString("table_name"),
              new TableWrites(
                  before.count() + row.getLong("count"),
                  before.perSecond() + row.getDouble("per_second")));
        }
      }
    }
    return writes;
  }

  /** An engine job of this topic and keyspace running on this machine. */
  record RunningJob(String engine, long pid, String how) {
    private static final Map<String, String> MAIN_CLASSES =
        Map.of(
            "dev.userstream.spark.SparkJobMain", "spark",
            "dev.userstream.spark.SparkRtJobMain", "spark-rt",
            "dev.userstream.flink.FlinkJobMain", "flink");

    /** The jobs whose command line names this topic and keyspace (or leaves them default). */
    static List<RunningJob> of(PipelineOptions p) {
      List<RunningJob> jobs = new ArrayList<>();
      ProcessHandle.allProcesses()
          .forEach(
              process -> {
                List<String> args = arguments(process);
                String engine = engine(args);
                if (engine != null
                    && p.topic().equals(value(args, "--topic", PipelineOptions.DEFAULT_TOPIC))
                    && p.keyspace()
                        .equals(value(args, "--keyspace", CassandraSchema.DEFAULT_KEYSPACE))) {
                  jobs.add(new RunningJob(engine, process.pid(), how(args)));
                }
              });
      jobs.sort((a, b) -> Long.compare(a.pid(), b.pid()));
      return jobs;
    }

    /**
     * The process's arguments: from {@code /proc/<pid>/cmdline} on Linux, whole (the JDK's {@code
     * ProcessHandle.Info} gave none for the jobs' JVMs, whose classpath alone is tens of kB).
     */
    private static List<String> arguments(ProcessHandle process) {
      Path cmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
      try {
        if (Files.isReadable(cmdline)) {
          String all = Files.readString(cmdline, StandardCharsets.UTF_8);
          return List.of(all.split("\0"));
        }
      } catch (IOException | UncheckedIOException e) {
        return List.of(); // the process ended meanwhile, or is not ours to read
      }
      return List.of(process.info().arguments().orElse(new String[0]));
    }

    private static String engine(List<String> args) {
      for (String arg : args) {
        String engine = MAIN_CLASSES.get(arg);
        if (engine != null) {
          return engine;
        }
      }
      return null;
    }

    private static String how(List<String> args) {
      if (args.contains("org.apache.spark.deploy.SparkSubmit")) {
        return "spark-submit, master " + value(args, "--master", "local[*]");
      }
      if (args.contains("org.apache.flink.client.cli.CliFrontend")) {
        return "flink run";
      }
      return "child JVM of userstream run";
    }

    /** The value of {@code --name value} or {@code --name=value}; the last one counts. */
    static String value(List<String> args, String name, String fallback) {
      String value = fallback;
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i).equals(name) && i + 1 < args.size()) {
          value = args.get(i + 1);
        } else if (args.get(i).startsWith(name + "=")) {
          value = args.get(i).substring(name.length() + 1);
        }
      }
      return value;
    }
  }
}
