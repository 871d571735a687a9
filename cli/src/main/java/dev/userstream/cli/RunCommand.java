package dev.userstream.cli;

import dev.userstream.model.PipelineOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code userstream run}: runs the pipeline job of one engine on this machine, in a child JVM,
 * against the local stack unless told otherwise; streams its output and returns its exit code.
 *
 * <pre>{@code
 * ./userstream run --engine spark --mode available-now
 * ./userstream run --engine spark --mode continuous --trigger-interval 5s
 * ./userstream run --engine spark --bootstrap-servers 127.0.0.1:19292 --cassandra-port 19242
 * ./userstream run --engine spark -- --help        # the job's own options
 * }</pre>
 *
 * <p>Every option other than {@code --engine} and {@code --heap} goes to the job unchanged, which
 * validates it (exit 2 and one line for a bad one): the shared pipeline options and the engine's
 * own. A {@code --cassandra-password} given here reaches the job through its environment, not its
 * command line.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline job (Kafka -> transformation -> Cassandra) of an engine locally, in a"
          + " child JVM, against the local stack by default. Exits with the job's exit code:"
          + " 0 done, 1 failed, 2 bad option.",
      "Other options go to the job unchanged: the pipeline options below and the engine's own,"
          + " which `run --engine ENGINE -- --help` lists.",
    },
    modelTransformer = PipelineOptionsHelp.class)
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--engine",
      paramLabel = "spark|flink",
      defaultValue = "spark",
      converter = EngineConverter.class,
      description = "Stream processor (default: ${DEFAULT-VALUE}).")
  Engine engine;

  @Option(
      names = "--heap",
      paramLabel = "SIZE",
      defaultValue = "2g",
      description = "Maximum heap of the job JVM, e.g. 1g, 4g (default: ${DEFAULT-VALUE}).")
  String heap;

  @Unmatched List<String> jobArgs = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(jobArgs);
    Map<String, String> secrets = takePassword(args);
    ProcessBuilder job = engine.launcher().process(RepoRoot.path(), args, heap);
    job.environment().putAll(secrets);
    return JobProcess.run(job);
  }

  /** Moves {@code --cassandra-password} out of the child's command line (visible in ps). */
  static Map<String, String> takePassword(List<String> args) {
    Map<String, String> env = new HashMap<>();
    String flag = "--" + PipelineOptions.CASSANDRA_PASSWORD;
    for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
      String arg = it.next();
      if (arg.startsWith(flag + "=")) {
        env.put(PipelineOptions.ENV_CASSANDRA_PASSWORD, arg.substring(flag.length() + 1));
        it.remove();
      } else if (arg.equals(flag) && it.hasNext()) {
        it.remove();
        env.put(PipelineOptions.ENV_CASSANDRA_PASSWORD, it.next());
        it.remove();
      }
    }
    return env;
  }

  /** {@code spark} or {@code flink}, case-insensitive, with the choices in the error. */
  static final class EngineConverter implements picocli.CommandLine.ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
      for (Engine e : Engine.values()) {
        if (e.cliName().equalsIgnoreCase(value.strip())) {
          return e;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "expected spark or flink, got '" + value + "'");
    }
  }
}
