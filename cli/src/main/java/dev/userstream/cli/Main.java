package dev.userstream.cli;

import dev.userstream.io.OptionsException;
import dev.userstream.io.PreflightException;
import dev.userstream.stack.StackException;
import picocli.CommandLine;

/**
 * Entry point of {@code ./userstream}: runs a subcommand, turns every expected failure into one
 * line on stderr and a non-zero exit code.
 *
 * <pre>{@code
 * ./userstream stack up | status | down
 * ./userstream --help
 * }</pre>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage error). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new UserstreamCommand());
    cli.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          if (exception instanceof StackException
              || exception instanceof OptionsException
              || exception instanceof PreflightException
              || exception instanceof CommandFailure) {
            commandLine.getErr().println("error: " + exception.getMessage());
            return exception instanceof OptionsException ? 2 : 1;
          }
          throw exception;
        });
    return cli.execute(args);
  }
}
