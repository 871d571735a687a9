package dev.userstream.cli;

import picocli.CommandLine.Command;

/** The top-level {@code userstream} command: a list of subcommands. */
@Command(
    name = "userstream",
    mixinStandardHelpOptions = true,
    version = "userstream 0.1.0-SNAPSHOT",
    description =
        "Real-time user events: Kafka users_created -> Spark, Flink or Spark 4 Real-Time Mode -> Cassandra.",
    subcommands = {
      StackCommand.class,
      ProduceCommand.class,
      RunCommand.class,
      JobsCommand.class,
      VerifyCommand.class,
      StatusCommand.class,
      DemoCommand.class,
      SchemaCommand.class,
      BenchCommand.class
    })
final class UserstreamCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
