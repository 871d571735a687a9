package dev.userstream.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.io.PipelineOptions;
import dev.userstream.producer.ConsoleProgress;
import dev.userstream.producer.GeneratorSource;
import dev.userstream.producer.ProduceException;
import dev.userstream.producer.ProduceRequest;
import dev.userstream.producer.ProduceSummary;
import dev.userstream.producer.UserProducer;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.StackConfig;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code userstream demo}: the whole pipeline once, from nothing: local stack, events, the job in
 * available-now mode, then counts, throughput, sample rows and rejection reasons.
 *
 * <pre>{@code
 * ./userstream demo                       # Spark, 10,000 events, 5 % bad
 * ./userstream demo --engine flink --events 50000
 * ./userstream demo --engine spark-rt     # Spark 4.2 (available-now runs micro-batches)
 * ./userstream demo --home /tmp/stack --kafka-port 39092 --cassandra-port 39042   # another stack
 * }</pre>
 *
 * <p>Each run writes to a topic of its own ({@code demo_users_created_<time>}), so its counts are
 * exact even when the stack holds earlier runs. A stack this command started is stopped at the end;
 * one that was already up is left running.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline once on this machine: start the local stack, produce events"
          + " (some malformed on purpose), run the job in available-now mode, then show"
          + " users + rejects = events, the throughput, sample rows and rejection reasons.",
      "A stack already up at --home and the ports given (those of `stack up`) is used as it"
          + " is.",
      "Exit 0 only when every event landed exactly once.",
    })
final class DemoCommand implements Callable<Integer> {
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

  @Mixin JobOptions job;

  /**
   * Where the stack lives and its ports: {@code stack up}'s options, so demo can use that stack.
   */
  @Mixin StackOptions stackOptions;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Events to produce (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(
      names = "--bad-ratio",
      paramLabel = "R",
      defaultValue = "0.05",
      description = "Share of malformed events, 0..1 (default: ${DEFAULT-VALUE}).")
  double badRatio;

  @Option(names = "--seed", description = "Generator seed (default: random, printed).")
  Long seed;

  @Option(
      names = "--keep-stack",
      description = "Leave the local stack running at the end (it is stopped if demo started it).")
  boolean keepStack;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (events < 1) {
      throw new CommandFailure("--events must be at least 1, got " + events);
    }
    PrintWriter out = spec.commandLine().getOut();
    StackConfig config = stackOptions.config().withOwner(ProcessHandle.current().pid());
    LocalStack stack = new LocalStack(config);

    step(
        out,
        "1/4 local stack (Kafka "
            + config.kafkaBootstrap()
            + ", Cassandra "
            + config.cassandraAddress()
            + ")");
    boolean started =
        stack.up(stackOptions.timeout(), line -> print(out, line)) == LocalStack.UpResult.STARTED;
    if (!started) {
      print(out, "the stack is already up: using it, and leaving it running");
    }
    try {
      return runPipeline(out, config);
    } finally {
      if (started && !keepStack) {
        print(out, "stopping the local stack this demo started (--keep-stack keeps it) ...");
        stack.down();
      }
    }
  }

  private int runPipeline(PrintWriter out, StackConfig config) {
    String topic = "demo_users_created_" + LocalDateTime.now().format(RUN_ID);
    long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 48);
    PipelineOptions options =
        PipelineOptions.builder()
            .bootstrapServers(config.kafkaBootstrap())
            .topic(topic)
            .cassandraHosts(List.of(StackConfig.HOST))
            .cassandraPort(config.cassandraPort())
            .checkpointDir(RepoRoot.path().resolve(".userstream/checkpoints/" + topic).toString())
            .mode(PipelineOptions.Mode.AVAILABLE_NOW)
            .build();

    step(
        out,
        String.format(
            "2/4 produce %d events (%.0f %% malformed) to topic %s, seed %d",
            events, badRatio * 100, topic, runSeed));
    ProduceSummary produced = produce(out, options, runSeed);

    step(out, "3/4 run the " + job.engine.cliName() + " job in available-now mode");
    long jobStart = System.nanoTime();
    ProcessBuilder process = job.process(options.toArgs(), out);
    process.environment().putAll(options.secretEnvironment());
    int exit = JobProcess.run(process);
    double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
    if (exit != 0) {
      throw new CommandFailure(
          "the " + job.engine.cliName() + " job failed with exit code " + exit);
    }

    step(out, "4/4 verify");
    try (CqlSession session = VerifyCommand.open(options)) {
      VerifyCommand.Counts counts = VerifyCommand.count(session, options);
      print(
          out,
          "users="
              + counts.users()
              + " rejects="
              + counts.rejects()
              + " expected="
              + produced.produced());
      String problem = VerifyCommand.problem(counts, produced.produced());
      DemoReport.print(out, session, options, produced, counts, jobSeconds);
      if (problem != null) {
        throw new CommandFailure(problem);
      }
    }
    return 0;
  }

  private ProduceSummary produce(PrintWriter out, PipelineOptions options, long runSeed) {
    ProduceRequest request =
        ProduceRequest.builder(options).events(events).badRatio(badRatio).seed(runSeed).build();
    try (GeneratorSource users = new GeneratorSource(runSeed)) {
      ProduceSummary summary =
          new UserProducer(request).produce(users, ConsoleProgress.forConsole(out));
      print(out, summary.line());
      print(out, summary.badLine());
      return summary;
    } catch (ProduceException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  private static void step(PrintWriter out, String title) {
    out.println();
    out.println("== " + title + " ==");
    out.flush();
  }

  private static void print(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }
}
