package dev.userstream.io;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.io.cassandra.CassandraPreflight;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every engine's {@code main} does around its job: {@code --help}, one parse of the shared and
 * the engine's options, the exit codes with their one-line messages, the checks before the start
 * and the line that says what starts.
 *
 * <pre>{@code
 * static int run(String[] args, PrintStream out, PrintStream err) {
 *   return JobMain.run(args, USAGE, FlinkJobOptions.OPTIONS, options -> execute(options), out, err);
 * }
 * }</pre>
 *
 * <p>Exit codes: {@value #DONE} done, {@value #FAILED} a service unreachable or the job failed (one
 * line on stderr, the trace in the engine's log), {@value #BAD_OPTION} a bad option (one line and a
 * hint to {@code --help}).
 */
public final class JobMain {
  public static final int DONE = 0;
  public static final int FAILED = 1;
  public static final int BAD_OPTION = 2;

  /** An engine's job: runs with the parsed options and returns when it is done. */
  @FunctionalInterface
  public interface Job {
    void run(PipelineOptions options) throws Exception;
  }

  private JobMain() {}

  /**
   * Runs {@code job} with the options of {@code args} and returns the exit code.
   *
   * @param usage the lines {@code --help} prints above the option table (how to launch the job)
   * @param engine the engine's own options, parsed with the shared ones
   */
  public static int run(
      String[] args, String usage, OptionSet engine, Job job, PrintStream out, PrintStream err) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      out.print(usage + "\n\n" + PipelineOptions.usage(engine));
      return DONE;
    }
    try {
      job.run(PipelineOptions.parse(engine, args));
      return DONE;
    } catch (OptionsException e) {
      // A bad value, or (thrown by the job before it starts) options that do not go together.
      err.println(Failures.PREFIX + e.getMessage());
      err.println("Run with --help for the options.");
      return BAD_OPTION;
    } catch (PreflightException e) {
      err.println(Failures.PREFIX + Failures.describe(e));
    } catch (Exception e) {
      err.println(Failures.PREFIX + "the job failed: " + Failures.describe(e));
    }
    return FAILED;
  }

  /**
   * Prepares what every job needs before it starts: the topic (created when missing, which {@code
   * out} is told) and the keyspace and tables (created when absent) through {@code sessions}.
   *
   * @param job the job's name in its output, e.g. {@code flink-job}
   * @return what the topic check found (its partitions, for a job that needs one task each)
   * @throws PreflightException one line when a service is unreachable or refuses
   */
  public static KafkaPreflight.Topic preflight(
      String job, PipelineOptions p, Supplier<CqlSession> sessions, PrintStream out) {
    KafkaPreflight.Topic topic = KafkaPreflight.ensureTopic(p);
    if (topic.created()) {
      out.println(job + ": created topic " + p.topic() + " (broker-default partitions)");
    }
    CassandraPreflight.ensureSchema(p, sessions);
    return topic;
  }

  /** What a job prints as it starts: {@code flink-job: continuous run of topic t into k (...)}. */
  public static String startLine(String job, PipelineOptions p) {
    return job
        + ": "
        + p.mode().cliName()
        + " run of topic "
        + p.topic()
        + " into "
        + p.keyspace()
        + " (parallelism "
        + p.parallelism()
        + ")";
  }
}
