package dev.userstream.spark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a Spark job's {@code main} returned and printed, for the tests of its command line.
 *
 * @param code the exit code
 */
record MainOutcome(int code, String out, String err) {

  /** Runs {@code runner} on {@code args}, capturing both streams. */
  static MainOutcome of(SparkJobRunner runner, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        runner.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new MainOutcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
