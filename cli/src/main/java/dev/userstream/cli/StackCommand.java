package dev.userstream.cli;

import dev.userstream.stack.LocalStack;
import dev.userstream.stack.ServiceStatus;
import dev.userstream.stack.StackConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code userstream stack up|down|status}: the local Kafka and Cassandra, without Docker; on
 * request also a Spark standalone and a Flink session cluster.
 */
@Command(
    name = "stack",
    // INHERIT: every subcommand gets --help and --version as well.
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    description =
        "Start, stop or inspect the local stack: a real Kafka broker and Cassandra node, and on"
            + " request a Spark standalone and a Flink session cluster.",
    subcommands = {StackCommand.Up.class, StackCommand.Down.class, StackCommand.Status.class})
final class StackCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A {@code stack} subcommand: the stack its options name, and the console it reports to. */
  abstract static class Subcommand implements Callable<Integer> {
    @Mixin StackOptions options;
    @Spec CommandSpec spec;

    @Override
    public final Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      int exitCode = run(new LocalStack(config()), out);
      out.flush();
      return exitCode;
    }

    /** The stack to act on; {@code up} adds what only it can choose. */
    StackConfig config() {
      return options.config();
    }

    /** Acts on {@code stack}, reports to {@code out}, returns the exit code. */
    abstract int run(LocalStack stack, PrintWriter out);
  }

  /** {@code stack up}. */
  @Command(
      name = "up",
      description = {
        "Start Kafka and Cassandra as child JVMs on 127.0.0.1 and wait until both answer.",
        "With --spark-cluster and --flink-cluster also a Spark standalone cluster (a Master and"
            + " Workers) and a Flink session cluster (a JobManager and TaskManagers), JVMs of the"
            + " distributions in the project's pyspark and apache-flink virtualenvs; submit to them"
            + " with `./userstream run --engine spark|flink --cluster`. Running it again starts"
            + " whatever is missing, e.g. a killed Worker."
      })
  static final class Up extends Subcommand {
    @Option(
        names = "--spark-cluster",
        arity = "0..1",
        fallbackValue = "2",
        paramLabel = "WORKERS",
        description =
            "Also start a Spark standalone Master and WORKERS Workers (default when given: 2),"
                + " 2 cores each.")
    int sparkWorkers;

    @Option(
        names = "--flink-cluster",
        arity = "0..1",
        fallbackValue = "2",
        paramLabel = "TASKMANAGERS",
        description =
            "Also start a Flink session cluster: a JobManager and TASKMANAGERS TaskManagers"
                + " (default when given: 2), 2 slots each.")
    int flinkTaskManagers;

    @Option(
        names = "--cassandra-auth",
        description =
            "Start Cassandra with PasswordAuthenticator: a project role 'userstream' with a random"
                + " password is created, its credentials written to"
                + " <home>/cassandra-credentials.properties (owner-only) for"
                + " --cassandra-credentials-file; the default superuser is disabled.")
    boolean cassandraAuth;

    @Override
    StackConfig config() {
      if (sparkWorkers < 0 || flinkTaskManagers < 0) {
        throw new CommandFailure("--spark-cluster and --flink-cluster take 1 or more workers");
      }
      StackConfig config = options.config().withCassandraAuth(cassandraAuth);
      if (sparkWorkers > 0) {
        config = config.withSparkCluster(PythonEnvs.sparkHome(RepoRoot.path()), sparkWorkers);
      }
      if (flinkTaskManagers > 0) {
        config = config.withFlinkCluster(PythonEnvs.flinkHome(RepoRoot.path()), flinkTaskManagers);
      }
      return config;
    }

    @Override
    int run(LocalStack stack, PrintWriter out) {
      LocalStack.UpResult result =
          stack.up(
              options.timeout(),
              line -> {
                out.println(line);
                out.flush();
              });
      if (result == LocalStack.UpResult.ALREADY_UP) {
        out.println("stack is already up (" + stack.config().home() + ")");
      }
      printStatus(out, stack.status());
      printCredentialsHint(out, stack);
      out.println("logs: " + stack.config().home() + "/<service>/logs");
      if (sparkWorkers > 0) {
        out.println(
            "spark cluster: "
                + stack.sparkCluster().masterUrl()
                + "; submit with ./userstream run --engine spark --cluster");
      }
      if (flinkTaskManagers > 0) {
        out.println(
            "flink cluster: "
                + stack.flinkCluster().restAddress()
                + "; submit with ./userstream run --engine flink --cluster");
      }
      return 0;
    }
  }

  /** {@code stack down}. */
  @Command(
      name = "down",
      description = "Stop every process of the stack (SIGTERM, then SIGKILL after 60 s).")
  static final class Down extends Subcommand {
    @Override
    int run(LocalStack stack, PrintWriter out) {
      List<String> stopped = stack.down();
      out.println(
          stopped.isEmpty() ? "stack was not running" : "stopped " + String.join(", ", stopped));
      return 0;
    }
  }

  /** {@code stack status}. */
  @Command(
      name = "status",
      description = "Print each process's role, pid, address, state and UI; 0 if all are UP.")
  static final class Status extends Subcommand {
    @Override
    int run(LocalStack stack, PrintWriter out) {
      List<ServiceStatus> status = stack.status();
      printStatus(out, status);
      printCredentialsHint(out, stack);
      return status.stream().allMatch(ServiceStatus::isUp) ? 0 : 1;
    }
  }

  /** Where the credentials are when Cassandra asks for a password; never the password itself. */
  static void printCredentialsHint(PrintWriter out, LocalStack stack) {
    if (stack.cassandra().running().isPresent() && stack.cassandra().requiresPassword()) {
      out.println(
          "cassandra requires a password: pass --cassandra-credentials-file "
              + stack.cassandra().credentialsFile());
      out.flush();
    }
  }

  static void printStatus(PrintWriter out, List<ServiceStatus> status) {
    for (ServiceStatus service : status) {
      out.println(service.line());
    }
    out.flush();
  }
}
