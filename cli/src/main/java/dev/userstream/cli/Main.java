package dev.userstream.cli;

import dev.userstream.io.OptionsException;
import dev.userstream.io.PreflightException;
import dev.userstream.stack.StackException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

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
    cli.setHelpFactory(DeclaredOptions::help);
    // A bad command line is one line and a hint, not the whole usage (some commands take 30
    // options).
    cli.setParameterExceptionHandler(
        (exception, arguments) -> {
          CommandLine command = exception.getCommandLine();
          PrintWriter err = command.getErr();
          err.println("error: " + DeclaredOptions.message(exception));
          UnmatchedArgumentException.printSuggestions(exception, err);
          err.println("(see '" + command.getCommandSpec().qualifiedName() + " --help')");
          return command.getCommandSpec().exitCodeOnInvalidInput();
        });
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
