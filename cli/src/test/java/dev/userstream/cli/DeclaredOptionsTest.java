package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.OptionValues;
import dev.userstream.io.OptionsException;
import dev.userstream.io.PipelineOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The picocli bridge: declared options parse to the same typed values as the pipeline-io parser,
 * with old names, repeats, flags and environment fallbacks, and a bad value is one line.
 */
class DeclaredOptionsTest {
  /** A command that takes the pipeline options and nothing else. */
  @Command(name = "probe", modelTransformer = DeclaredOptions.Pipeline.class)
  static final class Probe implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {}
  }

  private static OptionValues parse(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new Probe());
    cli.parseArgs(args);
    return DeclaredOptions.values(cli.getCommandSpec(), PipelineOptions.OPTIONS, env);
  }

  @Test
  void givesTheSameValuesAsThePipelineParser() {
    String[] args = {
      "--topic",
      "t",
      "--kafka-property=acks=all",
      "--cassandra-host",
      "a,b",
      "--kafka-property",
      "security.protocol=SSL",
      "--cassandra-max-concurrent-requests=128",
      "--connect-timeout=2s",
      "--mode",
      "continuous",
      "--cassandra-ssl=false",
      "--cassandra-username=userstream"
    };
    Map<String, String> env = Map.of(PipelineOptions.ENV_CASSANDRA_PASSWORD, "pw");
    OptionValues values = parse(env, args);

    assertEquals(PipelineOptions.OPTIONS.parse(args, env), values);
    PipelineOptions p = new PipelineOptions(values);
    assertEquals(Map.of("acks", "all", "security.protocol", "SSL"), p.kafkaProperties());
    assertEquals(List.of("a", "b"), p.cassandraHosts());
    assertEquals(128, p.cassandraConcurrentWrites());
    assertEquals(Duration.ofSeconds(2), p.connectTimeout());
    assertEquals("pw", p.cassandraPassword().orElseThrow());
    assertFalse(values.isGiven(PipelineOptions.KEYSPACE), "defaults are not 'given'");
  }

  @Test
  void repeatsAddUpBesideTheCommandsOwnArgGroup() {
    CommandLine cli = new CommandLine(new VerifyCommand());
    cli.parseArgs(
        "--kafka-property=a=1",
        "--cassandra-port=9043",
        "--expect=5",
        "--kafka-property=b=2",
        "--topic=t",
        "--kafka-property=c=3");
    PipelineOptions p =
        new PipelineOptions(
            DeclaredOptions.values(cli.getCommandSpec(), PipelineOptions.OPTIONS, Map.of()));
    assertEquals(Map.of("a", "1", "b", "2", "c", "3"), p.kafkaProperties());
    assertEquals(9043, p.cassandraPort());
    assertEquals("t", p.topic());
  }

  @Test
  void aBooleanAloneMeansTrue() {
    assertTrue(parse(Map.of(), "--cassandra-ssl").get(PipelineOptions.CASSANDRA_SSL));
    assertTrue(parse(Map.of(), "--cassandra-ssl", "true").get(PipelineOptions.CASSANDRA_SSL));
  }

  @Test
  void aSingleOptionGivenTwiceIsRefused() {
    OptionsException e =
        assertThrows(OptionsException.class, () -> parse(Map.of(), "--topic=a", "--topic=b"));
    assertEquals("--topic given more than once", e.getMessage());
  }

  @Test
  void aBadValueIsOneLineNamingTheOptionWithAHint() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.run("verify", "--expect", "1", "--cassandra-port", "70000");
    } finally {
      System.setErr(original);
    }
    assertEquals(2, exit);
    assertEquals(
        List.of(
            "error: --cassandra-port must be an integer 1..65535, got '70000'",
            "(see 'userstream verify --help')"),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void helpListsEachDeclarationOnceInASection() {
    String help = new CommandLine(new Probe()).getUsageMessage();
    assertTrue(help.contains("Pipeline options (--name value or --name=value):"), help);
    assertTrue(help.contains("--cassandra-port=N"), help);
    assertTrue(help.contains("Cassandra native protocol port (default: 9042)"), help);
    assertTrue(help.contains("--cassandra-ssl[=true|false]"), help);
    assertTrue(help.contains("USERSTREAM_CASSANDRA_PASSWORD]"), help); // [env ...], maybe wrapped
  }
}
