package dev.userstream.flink;

import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PipelineOptions.Mode;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.TestRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * Throughput of an available-now run over a backlog (a benchmark, not a test: run it by hand).
 * Writes N records (5 % bad) to a fresh topic on the shared test stack, runs the job in-process and
 * prints rows/s; the extra arguments are job options, e.g. {@code
 * --cassandra-max-concurrent-requests=64}.
 *
 * <pre>{@code
 * java <JvmFlags.FLINK_JAVA17> -Duserstream.it.stack.dir=... -Duserstream.it.port.offset=300 \
 *     -cp <test classpath> dev.userstream.flink.FlinkBacklogBenchmark 200000 [job options]
 * }</pre>
 */
public final class FlinkBacklogBenchmark {
  private FlinkBacklogBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    FlinkStackFixture fixture = new FlinkStackFixture("flink_bench");
    List<ProducedRecord> produced = fixture.write(TestRecords.mixed(count, count / 20, 5));

    List<String> jobArgs =
        new ArrayList<>(
            fixture.options().mode(Mode.AVAILABLE_NOW).build().toArgs(FlinkJobOptions.OPTIONS));
    for (int i = 1; i < args.length; i++) {
      jobArgs.add(args[i]);
    }
    // Later options of the same name win: drop the defaults the extra arguments override.
    PipelineOptions options =
        PipelineOptions.parse(FlinkJobOptions.OPTIONS, dedupe(jobArgs).toArray(String[]::new));
    long start = System.nanoTime();
    JobExecutionResult result = FlinkJobMain.execute(options, true, System.out);
    double wall = (System.nanoTime() - start) / 1e9;
    double job = result.getNetRuntime() / 1000.0;
    System.out.printf(
        Locale.ROOT,
        "benchmark: %d records (parallelism %d, %d writes in flight per sink subtask):"
            + " %.1f s job runtime = %.0f rows/s; %.1f s wall incl. setup = %.0f rows/s%n",
        produced.size(),
        options.parallelism(),
        options.cassandraConcurrentWrites(),
        job,
        produced.size() / job,
        wall,
        produced.size() / wall);
    fixture.assertExactly(produced);
    System.out.println("benchmark: every record verified in Cassandra");
    System.exit(0);
  }

  private static List<String> dedupe(List<String> args) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i).split("=", 2)[0];
      boolean overridden = false;
      for (int j = i + 1; j < args.size(); j++) {
        overridden |= args.get(j).split("=", 2)[0].equals(name);
      }
      if (!overridden) {
        kept.add(args.get(i));
      }
    }
    return kept;
  }
}
