package dev.userstream.cli;

import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of the commands that start a pipeline job ({@code run}, {@code demo}). */
final class JobOptions {
  @Option(
      names = "--engine",
      paramLabel = "spark|flink|spark-rt",
      defaultValue = "spark",
      converter = EngineConverter.class,
      description =
          "Stream processor: spark (Spark 3.5, micro-batch), flink (Flink 1.20) or spark-rt"
              + " (Spark 4.2, Real-Time Mode in continuous mode) (default: ${DEFAULT-VALUE}).")
  Engine engine;

  @Option(
      names = "--heap",
      paramLabel = "SIZE",
      defaultValue = "2g",
      description = "Maximum heap of the job JVM, e.g. 1g, 4g (default: ${DEFAULT-VALUE}).")
  String heap;

  /** The engine's job with {@code args}, as a child JVM of this repository's build. */
  ProcessBuilder process(List<String> args) {
    return engine.launcher().process(RepoRoot.path(), args, heap);
  }

  /** An {@link Engine}'s name, case-insensitive, with the choices in the error. */
  static final class EngineConverter implements ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
      for (Engine e : Engine.values()) {
        if (e.cliName().equalsIgnoreCase(value.strip())) {
          return e;
        }
      }
      throw new TypeConversionException(
          "expected one of " + Engine.cliNames() + ", got '" + value + "'");
    }
  }
}
