package dev.userstream.cli;

import dev.userstream.io.OptionValues;
import dev.userstream.io.PipelineOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code userstream run}: runs the pipeline job of one engine on this machine, in a child JVM,
 * against the local stack unless told otherwise; streams its output and returns its exit code.
 *
 * <pre>{@code
 * ./userstream run --engine spark --mode available-now
 * ./userstream run --engine spark --mode continuous --trigger-interval 5s
 * ./userstream run --engine spark-rt --mode continuous --checkpoint-interval 10s   # Real-Time Mode
 * ./userstream run --engine spark --bootstrap-servers 127.0.0.1:19292 --cassandra-port 19242
 * ./userstream run --engine spark -- --help        # the job's own options
 * ./userstream run --engine flink --cluster --mode continuous --detach   # on the stack's cluster
 * }</pre>
 *
 * <p>The shared pipeline options are declared here and checked before the job starts (exit 2 and
 * one line for a bad one); the job gets them as arguments derived from their declarations. Other
 * options are the engine's own and go to the job unchanged, which validates them. Secrets given
 * here ({@code --cassandra-password}, the TLS store passwords, secret-looking {@code
 * --kafka-property} values such as {@code sasl.jaas.config}) reach the job through its environment,
 * not its command line, which every user of the machine can read ({@code ps}).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline job (Kafka -> transformation -> Cassandra) of an engine locally, in a"
          + " child JVM, against the local stack by default. Exits with the job's exit code:"
          + " 0 done, 1 failed, 2 bad option.",
      "Takes the pipeline options below, checked here; other options go to the job unchanged:"
          + " the engine's own, which `run --engine ENGINE -- --help` lists.",
    },
    modelTransformer = DeclaredOptions.Pipeline.class)
final class RunCommand implements Callable<Integer> {
  @Mixin JobOptions job;

  @Unmatched List<String> engineArgs = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobCommand command = jobCommand(System.getenv());
    ProcessBuilder process = job.process(command.args(), spec.commandLine().getOut());
    process.environment().putAll(command.secrets());
    if (job.detach) {
      String topic =
          DeclaredOptions.values(spec, PipelineOptions.OPTIONS, System.getenv())
              .get(PipelineOptions.TOPIC);
      return DetachedJobs.start(
          job.engine, topic, job.clusterAddress(), process, spec.commandLine().getOut());
    }
    return JobProcess.run(process);
  }

  /** The job's command line, and the environment variables that carry its secrets instead. */
  record JobCommand(List<String> args, Map<String, String> secrets) {}

  /**
   * The pipeline options given here (with the fallbacks {@code env} holds) as the job's arguments,
   * derived from their declarations, then the engine's options unchanged. The secrets leave the
   * command line (visible in ps) for the job's environment: the secret options through their
   * variables, secret Kafka properties through {@value PipelineOptions#ENV_KAFKA_PROPERTIES}
   * (merged with what that variable holds here). The job ranks an environment variable right below
   * its option, so the precedence is unchanged.
   */
  JobCommand jobCommand(Map<String, String> env) {
    OptionValues pipeline = DeclaredOptions.values(spec, PipelineOptions.OPTIONS, env);
    List<String> args = new ArrayList<>(pipeline.toArgs(PipelineOptions.OPTIONS));
    args.addAll(engineArgs);
    return new JobCommand(args, pipeline.secretEnvironment(PipelineOptions.OPTIONS));
  }
}
