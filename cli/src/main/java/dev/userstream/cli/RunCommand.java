package dev.userstream.cli;

import dev.userstream.io.PipelineOptions;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * own. Secrets given here ({@code --cassandra-password}, the TLS store passwords, secret-looking
 * {@code --kafka-property} values such as {@code sasl.jaas.config}) reach the job through its
 * environment, not its command line, which every user of the machine can read ({@code ps}).
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
    Map<String, String> secrets = takeSecrets(args);
    ProcessBuilder job = engine.launcher().process(RepoRoot.path(), args, heap);
    job.environment().putAll(secrets);
    return JobProcess.run(job);
  }

  /** Secret options and the environment variable that carries each to the job instead. */
  private static final Map<String, String> SECRET_OPTIONS =
      Map.of(
          "--" + PipelineOptions.CASSANDRA_PASSWORD, PipelineOptions.ENV_CASSANDRA_PASSWORD,
          "--" + PipelineOptions.CASSANDRA_TRUSTSTORE_PASSWORD,
              PipelineOptions.ENV_CASSANDRA_TRUSTSTORE_PASSWORD,
          "--" + PipelineOptions.CASSANDRA_KEYSTORE_PASSWORD,
              PipelineOptions.ENV_CASSANDRA_KEYSTORE_PASSWORD);

  /**
   * Moves the secrets out of the child's command line (visible in ps) into its environment: the
   * passwords to their variables, secret Kafka properties to {@value
   * PipelineOptions#ENV_KAFKA_PROPERTIES}, merged with what that variable already holds here. The
   * job ranks an environment variable right below its option, so the precedence is unchanged.
   */
  static Map<String, String> takeSecrets(List<String> args) {
    Map<String, String> env = new HashMap<>();
    Properties kafka = new Properties();
    String kafkaFlag = "--" + PipelineOptions.KAFKA_PROPERTY;
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int equals = arg.indexOf('=');
      String flag = equals < 0 ? arg : arg.substring(0, equals);
      String value =
          equals >= 0 ? arg.substring(equals + 1) : i + 1 < args.size() ? args.get(i + 1) : null;
      int keyEnd = value == null ? -1 : value.indexOf('=');
      if (value != null && SECRET_OPTIONS.containsKey(flag)) {
        env.put(SECRET_OPTIONS.get(flag), value);
      } else if (flag.equals(kafkaFlag)
          && keyEnd > 0
          && PipelineOptions.isSecretKafkaProperty(value.substring(0, keyEnd).strip())) {
        kafka.setProperty(value.substring(0, keyEnd).strip(), value.substring(keyEnd + 1));
      } else {
        kept.add(arg);
        continue;
      }
      if (equals < 0) {
        i++; // the value was the next argument
      }
    }
    args.clear();
    args.addAll(kept);
    if (!kafka.isEmpty()) {
      env.put(PipelineOptions.ENV_KAFKA_PROPERTIES, withInherited(kafka));
    }
    return env;
  }

  /** {@code moved} as properties text, after what the CLI's own environment variable holds. */
  private static String withInherited(Properties moved) {
    Properties all = new Properties();
    String inherited = System.getenv(PipelineOptions.ENV_KAFKA_PROPERTIES);
    try {
      if (inherited != null) {
        all.load(new StringReader(inherited));
      }
      all.putAll(moved);
      StringWriter text = new StringWriter();
      all.store(text, null);
      return text.toString();
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandFailure(
          PipelineOptions.ENV_KAFKA_PROPERTIES + " is not in properties format (a malformed \\u)");
    }
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
