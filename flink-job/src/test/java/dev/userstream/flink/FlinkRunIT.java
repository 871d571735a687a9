package dev.userstream.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.JvmFlags;
import dev.userstream.io.PipelineOptions.Mode;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.TestRecords;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar through the real Flink CLI of the apache-flink wheel ({@code tools/python-env.sh
 * flink}): {@code flink run --target local}, i.e. a Flink distribution's client running the jar's
 * main, which executes on a MiniCluster inside that client on 127.0.0.1.
 */
class FlinkRunIT {
  @Test
  void flinkRunOfTheShadedJarWritesEveryRecordExactlyOnce() throws Exception {
    FlinkStackFixture fixture = new FlinkStackFixture("flink_cli");
    List<byte[]> values = new ArrayList<>(TestRecords.mixed(2_000, 100, 31));
    values.add(null);
    List<ProducedRecord> produced = fixture.write(values);

    Path repoRoot = Path.of("").toAbsolutePath().getParent();
    Path flinkHome = flinkHome(repoRoot);
    Path confDir = writeConf(flinkHome, fixture.workDir.resolve("flink-conf"));
    Path jar = Path.of(System.getProperty("userstream.flink.job.jar"));
    assertTrue(Files.isRegularFile(jar), "the shaded jar is built first (mvn verify): " + jar);

    List<String> command =
        new ArrayList<>(
            List.of(
                flinkHome.resolve("bin/flink").toString(),
                "run",
                "--target",
                "local",
                jar.toString()));
    command.addAll(
        fixture.options().mode(Mode.AVAILABLE_NOW).build().toArgs(FlinkJobOptions.OPTIONS));
    Map<String, String> env =
        Map.of(
            "JAVA_HOME", System.getProperty("java.home"),
            "FLINK_HOME", flinkHome.toString(),
            "FLINK_CONF_DIR", confDir.toString(),
            "FLINK_LOG_DIR", fixture.workDir.resolve("flink-log").toString(),
            "PATH",
                flinkHome.getParent().getParent().getParent().getParent().resolve("bin")
                    + ":"
                    + System.getenv("PATH"));
    try (ChildJob run =
        ChildJob.start(command, env, fixture.workDir, fixture.workDir.resolve("flink-run.log"))) {
      int code = run.waitFor(300);
      String output = run.output();
      assertEquals(0, code, output);
      assertQuiet(output);
    }
    fixture.assertExactly(produced);
  }

  /**
   * A clean run's console, as a user sees it: at most ~30 lines, no stack trace, the run's summary
   * after the job's own lines (Flink's CLI may add its "Job ... has finished" lines after it).
   */
  private static void assertQuiet(String output) {
    List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
    assertTrue(lines.size() <= 30, lines.size() + " lines:\n" + output);
    assertTrue(
        lines.stream().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")),
        "a stack trace or an exception:\n" + output);
    List<String> ours = lines.stream().filter(line -> line.startsWith("flink-job: ")).toList();
    assertTrue(!ours.isEmpty(), output);
    assertTrue(ours.get(ours.size() - 1).startsWith("flink-job: finished"), output);
  }

  /** The wheel's Flink distribution: site-packages/pyflink of the venv python-env.sh made. */
  private static Path flinkHome(Path repoRoot) throws IOException, InterruptedException {
    ChildJob env =
        ChildJob.start(
            List.of(repoRoot.resolve("tools/python-env.sh").toString(), "flink"),
            Map.of(),
            repoRoot,
            Path.of("target", "it-work", "python-env.log").toAbsolutePath());
    int code = env.waitFor(900);
    String output = env.output();
    assertEquals(0, code, "tools/python-env.sh flink failed:\n" + output);
    Path venv = Path.of(output.strip().lines().reduce((a, b) -> b).orElseThrow());
    try (Stream<Path> libs = Files.list(venv.resolve("lib"))) {
      return libs.map(lib -> lib.resolve("site-packages/pyflink"))
          .filter(home -> Files.isExecutable(home.resolve("bin/flink")))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no pyflink/bin/flink under " + venv));
    }
  }

  /**
   * A conf dir of its own: the distribution's logging files and a config.yaml that binds loopback
   * on free ports and carries Flink's Java 17 options.
   */
  private static Path writeConf(Path flinkHome, Path confDir) throws IOException {
    Files.createDirectories(confDir);
    try (Stream<Path> files = Files.list(flinkHome.resolve("conf"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("log")).toList()) {
        Files.copy(file, confDir.resolve(file.getFileName()));
      }
    }
    String yaml =
        String.join(
            "\n",
            "# Written by FlinkRunIT: loopback only, free ports.",
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.bind-host: 127.0.0.1",
            "taskmanager.host: 127.0.0.1",
            "taskmanager.bind-host: 127.0.0.1",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "rest.port: " + freePort(),
            "taskmanager.numberOfTaskSlots: 2",
            "parallelism.default: 2",
            "env.java.opts.all: " + String.join(" ", JvmFlags.FLINK_JAVA17),
            "");
    Files.writeString(confDir.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
    return confDir;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
