package dev.userstream.cli;

import static dev.userstream.io.PipelineOptions.BOOTSTRAP_SERVERS;
import static dev.userstream.io.PipelineOptions.KAFKA_PROPERTY;
import static dev.userstream.io.PipelineOptions.TOPIC;

import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import dev.userstream.producer.ApiSettings;
import dev.userstream.producer.ApiSource;
import dev.userstream.producer.ConsoleProgress;
import dev.userstream.producer.DurationText;
import dev.userstream.producer.FileSource;
import dev.userstream.producer.GeneratorSource;
import dev.userstream.producer.ProduceException;
import dev.userstream.producer.ProduceRequest;
import dev.userstream.producer.ProduceSummary;
import dev.userstream.producer.RandomUserApiClient;
import dev.userstream.producer.RecordFormat;
import dev.userstream.producer.SourceException;
import dev.userstream.producer.UserProducer;
import dev.userstream.producer.UserSource;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code userstream produce}: random users to Kafka from the generator, the randomuser.me API or a
 * folder of files, with a progress display and an exact final summary.
 *
 * <pre>{@code
 * ./userstream produce --events 20000 --bad-ratio 0.05 --seed 42
 * ./userstream produce --source api --events 12000 --format flat
 * ./userstream produce --source files --dir recorded/ --topic replay
 * }</pre>
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    modelTransformer = ProduceCommand.KafkaOptions.class,
    description = {
      "Produce random users to Kafka (key = user id, value = JSON) and report exactly what the"
          + " broker acknowledged.",
      "Creates the topic if it is missing. Any record not acknowledged fails the command.",
    },
    footer = {
      "",
      "The last two lines are the summary, e.g.:",
      "produced=1000 bad=48 topic=users_created partitions=2 seconds=0.61 rate=1639/s",
      "bad by kind: truncated-json=9 not-json=12 wrong-type=8 missing-id=10 bad-email=9",
      "'produced' counts acknowledged records only; 'bad' is the part of them that was",
      "malformed on purpose.",
    })
final class ProduceCommand implements Callable<Integer> {
  /**
   * Declares the shared options that say where to produce; their client properties override the
   * producer's own settings.
   */
  static final class KafkaOptions extends DeclaredOptions.Transformer {
    KafkaOptions() {
      super("Kafka options", BOOTSTRAP_SERVERS, TOPIC, KAFKA_PROPERTY);
    }
  }

  /** Where records come from. */
  enum Source {
    GENERATOR,
    API,
    FILES
  }

  @Option(
      names = "--source",
      defaultValue = "generator",
      paramLabel = "generator|api|files",
      converter = SourceConverter.class,
      description =
          "generator: offline, deterministic for --seed (default); api: the randomuser.me API"
              + " (--api-url); files: replay --dir.")
  Source source;

  @Option(
      names = "--events",
      paramLabel = "N",
      description =
          "Stop after N records (0: no count limit). Default: 1000, or no limit with --duration"
              + " or --source files (the whole folder).")
  Long events;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      description = "Stop after this long, e.g. 30s, 5m, 1h (default: no time limit).")
  Duration duration;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "0",
      description = "At most N records per second (default: 0 = as fast as possible).")
  double rate;

  @Option(
      names = "--format",
      paramLabel = "raw|flat",
      defaultValue = "raw",
      converter = FormatConverter.class,
      description =
          "raw: the API record as is (default); flat: the 12-field record of the earlier"
              + " pipelines (id, first_name, ..., picture).")
  RecordFormat format;

  @Option(
      names = "--bad-ratio",
      paramLabel = "R",
      defaultValue = "0",
      description =
          "Share of malformed records mixed in, 0 to 1 (truncated JSON, not JSON, wrong type,"
              + " missing id, bad email), deterministic for --seed (default: ${DEFAULT-VALUE}).")
  double badRatio;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of the generator and of the bad-record mix; the same seed gives the same records"
              + " (default: random, printed at start).")
  Long seed;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "" + ProduceRequest.DEFAULT_PARTITIONS,
      description =
          "Partitions of the topic if it is created here (default: ${DEFAULT-VALUE}); an existing"
              + " topic keeps its own.")
  int partitions;

  @Option(
      names = "--timeout",
      paramLabel = "TIME",
      defaultValue = "20s",
      converter = DurationConverter.class,
      description =
          "How long Kafka may take to answer before the run fails as unreachable"
              + " (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      defaultValue = ApiSettings.DEFAULT_URL_TEXT,
      description = "randomuser.me-compatible API, for --source api (default: ${DEFAULT-VALUE}).")
  URI apiUrl;

  @Option(
      names = "--api-batch",
      paramLabel = "N",
      defaultValue = "" + ApiSettings.MAX_BATCH,
      description = "Users per API request, 1 to 5000 (default: ${DEFAULT-VALUE}).")
  int apiBatch;

  @Option(
      names = "--api-timeout",
      paramLabel = "TIME",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Timeout of one API request (default: ${DEFAULT-VALUE}).")
  Duration apiTimeout;

  @Option(
      names = "--api-retries",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Retries of a request after a network error, timeout, HTTP 5xx or 429, with"
              + " exponential backoff (default: ${DEFAULT-VALUE}).")
  int apiRetries;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Folder to replay for --source files: its .json (one record, an array, or an API"
              + " response with 'results') and .ndjson (one record per line) files, in name order.")
  Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 48);
    ProduceRequest request = request(runSeed);
    UserProducer producer = new UserProducer(request);
    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C stops sending, but the hook waits until what was sent is acknowledged and summed up.
    Thread onInterrupt =
        new Thread(
            () -> {
              producer.stop();
              try {
                finished.await(request.timeout().toSeconds() + 10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "produce-shutdown");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try (UserSource users = openSource(request, runSeed)) {
      out.println(startLine(request, users));
      out.flush();
      ProduceSummary summary = producer.produce(users, ConsoleProgress.forConsole(out));
      printSummary(out, summary);
      return 0;
    } catch (ProduceException e) {
      e.summary().ifPresent(partial -> printSummary(out, partial));
      throw new CommandFailure(e.getMessage());
    } catch (SourceException e) {
      throw new CommandFailure(e.getMessage());
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException e) {
        // Already shutting down (Ctrl-C): the hook is running and has just been released.
      }
    }
  }

  /** The options as one validated request; the shared ones were parsed by their declarations. */
  private ProduceRequest request(long runSeed) {
    PipelineOptions options = DeclaredOptions.pipelineOptions(spec);
    if (source == Source.FILES && dir == null) {
      throw new OptionsException("--source files needs --dir DIR");
    }
    if (source != Source.FILES && dir != null) {
      throw new OptionsException("--dir is only for --source files");
    }
    long limit;
    if (events != null) {
      limit = events;
    } else {
      limit = duration != null || source == Source.FILES ? 0 : 1000;
    }
    return ProduceRequest.builder(options)
        .events(limit)
        .duration(duration)
        .rate(rate)
        .format(format)
        .badRatio(badRatio)
        .seed(runSeed)
        .partitions(partitions)
        .timeout(timeout)
        .build();
  }

  private UserSource openSource(ProduceRequest request, long runSeed) {
    return switch (source) {
      case GENERATOR -> new GeneratorSource(runSeed);
      case FILES -> new FileSource(dir);
      case API -> {
        if (apiRetries < 0) {
          throw new OptionsException("--api-retries must not be negative, got " + apiRetries);
        }
        ApiSettings settings;
        try {
          settings =
              ApiSettings.defaults()
                  .withUrl(apiUrl)
                  .withBatchSize(apiBatch)
                  .withRequestTimeout(apiTimeout)
                  .withMaxAttempts(apiRetries + 1);
        } catch (IllegalArgumentException e) {
          throw new OptionsException(e.getMessage());
        }
        yield new ApiSource(new RandomUserApiClient(settings), request.events(), runSeed);
      }
    };
  }

  private static String startLine(ProduceRequest request, UserSource users) {
    String amount = request.events() > 0 ? request.events() + " records" : "records";
    if (request.duration() != null) {
      amount += " for " + DurationText.format(request.duration());
    }
    return String.format(
        Locale.ROOT,
        "producing %s to %s at %s: source=%s format=%s bad-ratio=%s seed=%d%s",
        amount,
        request.topic(),
        request.bootstrapServers(),
        users.description(),
        request.format().cliName(),
        BigDecimal.valueOf(request.badRatio()).stripTrailingZeros().toPlainString(),
        request.seed(),
        request.rate() > 0 ? String.format(Locale.ROOT, " rate=%.0f/s", request.rate()) : "");
  }

  private static void printSummary(PrintWriter out, ProduceSummary summary) {
    out.println(summary.line());
    out.println(summary.badLine());
    out.flush();
  }

  /** {@code generator}, {@code api}, {@code files}, any case. */
  static final class SourceConverter implements ITypeConverter<Source> {
    @Override
    public Source convert(String value) {
      try {
        return Source.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "unknown source '" + value + "', expected generator, api or files");
      }
    }
  }

  /** {@code raw} or {@code flat}. */
  static final class FormatConverter implements ITypeConverter<RecordFormat> {
    @Override
    public RecordFormat convert(String value) {
      try {
        return RecordFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage()); // picocli then shows only the message
      }
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return DurationText.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
