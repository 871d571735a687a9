package dev.userstream.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.CassandraPreflight;
import dev.userstream.io.cassandra.CassandraSessions;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code userstream verify}: did every record of a topic land exactly once? Counts the users and
 * rejections that a run stored for {@code --topic} and compares them with {@code --expect}.
 *
 * <pre>{@code
 * ./userstream verify --expect 20000
 * ./userstream verify --expect 200000 --topic bench --keyspace bench --cassandra-port 19242
 * ./userstream verify --expect-topic          # all the topic holds (hourly runs on one topic)
 * }</pre>
 *
 * <p>Prints {@code users=U rejects=R expected=N}; exits 0 only when U + R = N and no Kafka record
 * is stored twice, else 1 with a one-line explanation. Both tables are read by paging ({@code
 * COUNT(*)} over a few hundred thousand rows times out); users are the rows of {@code
 * created_users} whose {@code source_topic} is the topic, rejects the rows of {@code
 * rejected_users} of that topic.
 *
 * <p>What "twice" means: the user id is the primary key, so an id can never appear as two rows. A
 * user id produced at two offsets therefore shows as <em>one</em> row (the later record overwrote
 * the earlier), and the check catches it as U + R &lt; N. What can appear twice is a Kafka record:
 * its position (partition, offset) held by two users, or by a user and a rejection (the same record
 * judged differently by two runs). That is counted by comparing distinct positions with rows, and
 * distinct ids with user rows (equal by construction; checked so a broken table cannot pass).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    modelTransformer = DeclaredOptions.Pipeline.class,
    description = {
      "Count the users and rejections stored for a topic and compare with the records produced:"
          + " exit 0 only when users + rejects = --expect and no record is stored twice.",
      "Takes the pipeline options below (--topic, --keyspace, --cassandra-host, ...), so the"
          + " flags of `run` work here unchanged.",
    })
final class VerifyCommand implements Callable<Integer> {
  private static final int PAGE_SIZE = 5000;

  @ArgGroup(multiplicity = "1")
  Expected expected;

  /** What the stored rows are compared with: a number, or everything the topic holds now. */
  static final class Expected {
    @Option(names = "--expect", paramLabel = "N", description = "Records produced to the topic.")
    Long count;

    @Option(
        names = "--expect-topic",
        description =
            "Expect every record the topic holds now (sum of end minus start offsets), for"
                + " topics fed by many runs, such as scheduled DAG runs.")
    boolean fromTopic;
  }

  @Spec CommandSpec spec;

  /** Where a Kafka record landed: (partition, offset) within the verified topic. */
  private record Position(int partition, long offset) {}

  /** The Kafka positions of the rows read; one seen before, in either table, was stored twice. */
  private static final class KafkaPositions {
    private final Set<Position> seen = new HashSet<>();
    private long twice;

    void add(Row row) {
      if (!seen.add(new Position(row.getInt("source_partition"), row.getLong("source_offset")))) {
        twice++;
      }
    }
  }

  /** What the tables hold for one topic; {@code reasons}: rejects per reason code, by code. */
  record Counts(
      long users, long rejects, long distinctIds, long storedTwice, Map<String, Long> reasons) {}

  @Override
  public Integer call() {
    PipelineOptions p = DeclaredOptions.pipelineOptions(spec);
    long expect = expected.fromTopic ? TopicRecordCount.of(p) : expected.count;
    if (expect < 0) {
      throw new OptionsException("--expect must be 0 or more, got " + expect);
    }
    Counts counts;
    try (CqlSession session = open(p)) {
      counts = count(session, p);
    } catch (InvalidQueryException e) {
      throw new CommandFailure(
          "cannot read "
              + p.keyspace()
              + "."
              + p.usersTable()
              + "/"
              + p.rejectsTable()
              + " ("
              + e.getMessage()
              + "): has a job written to this --keyspace?");
    } catch (DriverException e) {
      throw CassandraPreflight.failure(p, "reading the tables", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("users=" + counts.users() + " rejects=" + counts.rejects() + " expected=" + expect);
    out.flush();
    String problem = problem(counts, expect);
    if (problem != null) {
      throw new CommandFailure(problem);
    }
    return 0;
  }

  /** Null when the counts prove exactly-once, else what is wrong, in one line. */
  static String problem(Counts c, long expect) {
    long stored = c.users() + c.rejects();
    if (c.storedTwice() > 0 || c.distinctIds() != c.users()) {
      return c.storedTwice()
          + " Kafka record(s) stored twice (as two users, or as a user and a rejection)";
    }
    if (stored < expect) {
      return (expect - stored)
          + " record(s) missing: not processed (yet), or user ids produced at more than one"
          + " offset (the later record overwrote the earlier row)";
    }
    if (stored > expect) {
      return (stored - expect)
          + " row(s) more than expected: the topic holds more than --expect records, or an"
          + " earlier topic of the same name left rows";
    }
    return null;
  }

  static Counts count(CqlSession session, PipelineOptions p) {
    KafkaPositions positions = new KafkaPositions();
    Set<UUID> ids = new HashSet<>();
    String usersCql =
        "SELECT id, source_topic, source_partition, source_offset FROM "
            + p.keyspace()
            + "."
            + p.usersTable();
    long users =
        countTopicRows(
            session,
            usersCql,
            "source_topic",
            p.topic(),
            row -> {
              ids.add(row.getUuid("id"));
              positions.add(row);
            });
    String rejectsCql =
        "SELECT topic, source_partition, source_offset, reason_code FROM "
            + p.keyspace()
            + "."
            + p.rejectsTable();
    Map<String, Long> reasons = new TreeMap<>();
    long rejects =
        countTopicRows(
            session,
            rejectsCql,
            "topic",
            p.topic(),
            row -> {
              positions.add(row);
              reasons.merge(String.valueOf(row.getString("reason_code")), 1L, Long::sum);
            });
    return new Counts(users, rejects, ids.size(), positions.twice, reasons);
  }

  /**
   * Counts the rows of {@code cql} whose {@code topicColumn} is {@code topic}, handing each to
   * {@code each}; the tables are keyed by id, not topic, so the filter is client-side.
   */
  private static long countTopicRows(
      CqlSession session, String cql, String topicColumn, String topic, Consumer<Row> each) {
    long count = 0;
    for (Row row : session.execute(page(cql))) {
      if (topic.equals(row.getString(topicColumn))) {
        count++;
        each.accept(row);
      }
    }
    return count;
  }

  private static SimpleStatement page(String cql) {
    return SimpleStatement.newInstance(cql)
        .setPageSize(PAGE_SIZE)
        .setTimeout(CassandraSessions.REQUEST_TIMEOUT);
  }

  /** A session for the options (see {@link CassandraSessions#open(PipelineOptions)}). */
  static CqlSession open(PipelineOptions p) {
    return CassandraSessions.open(p);
  }
}
