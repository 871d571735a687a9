package dev.userstream.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Jobs {@code run --cluster --detach} left running on a cluster, one record each under {@code
 * .userstream/jobs/}, named {@code <engine>-<topic>}: a Spark job is its driver process (client
 * deploy mode: spark-submit runs the driver), stopped with SIGTERM; a Flink job is its job id on
 * the JobManager, cancelled through the REST API.
 */
final class DetachedJobs {
  private static final Pattern FLINK_JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One detached job, as its record file holds it. */
  record Job(String name, String engine, String address, String handle, Path log) {
    /** Whether it still runs: the driver process lives / the JobManager reports it running. */
    String state() {
      if (engine.equals(Engine.FLINK.cliName())) {
        return flinkState(address, handle);
      }
      return driver(handle).isPresent() ? "RUNNING" : "ENDED";
    }
  }

  private DetachedJobs() {}

  static Path folder() {
    return RepoRoot.path().resolve(".userstream").resolve("jobs");
  }

  /**
   * Submits {@code process} (the cluster submit command) without waiting for the job: Spark's
   * driver goes on in the background, Flink's client returns once the job is submitted ({@code
   * flink run -d}). Prints its name, address, log and how to stop it; returns the exit code.
   */
  static int start(
      Engine engine, String topic, String address, ProcessBuilder process, PrintWriter out) {
    String name = engine.cliName() + "-" + topic;
    Path log = folder().resolve(name + ".log");
    Optional<Job> running = find(name).filter(job -> job.state().equals("RUNNING"));
    if (running.isPresent()) {
      throw new CommandFailure(
          "a detached job "
              + name
              + " is running already: stop it with ./userstream jobs stop "
              + name);
    }
    if (engine != Engine.FLINK && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      // Its own session: closing this terminal (SIGHUP to its process group) leaves it running.
      process.command().add(0, "/usr/bin/setsid");
    }
    try {
      Files.createDirectories(folder());
      process
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process started = process.start();
      String handle;
      if (engine == Engine.FLINK) {
        if (!started.waitFor(5, TimeUnit.MINUTES) || started.exitValue() != 0) {
          started.destroyForcibly();
          throw new CommandFailure("flink run -d failed; its output: " + log);
        }
        Matcher id = FLINK_JOB_ID.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (!id.find()) {
          throw new CommandFailure("flink run -d printed no job id; its output: " + log);
        }
        handle = id.group(1);
      } else {
        handle = Long.toString(started.pid());
      }
      Properties record = new Properties();
      record.setProperty("engine", engine.cliName());
      record.setProperty("address", address);
      record.setProperty("handle", handle);
      record.setProperty("log", log.toString());
      record.setProperty("started", Instant.now().toString());
      try (var writer = Files.newBufferedWriter(folder().resolve(name + ".properties"))) {
        record.store(writer, "a job ./userstream run --detach started");
      }
      out.println(
          "started "
              + name
              + (engine == Engine.FLINK ? " (job " + handle + ")" : " (driver pid " + handle + ")")
              + " on "
              + address
              + "; output: "
              + log);
      out.println("stop it with: ./userstream jobs stop " + name);
      out.flush();
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted while submitting " + name);
    }
  }

  /** Every detached job on record, by name. */
  static List<Job> all() {
    if (!Files.isDirectory(folder())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder())) {
      List<Job> jobs = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
        String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
        find(name).ifPresent(jobs::add);
      }
      return jobs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<Job> find(String name) {
    Path file = folder().resolve(name + ".properties");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(
        new Job(
            name,
            p.getProperty("engine"),
            p.getProperty("address"),
            p.getProperty("handle"),
            Path.of(p.getProperty("log"))));
  }

  /** Stops the job and forgets it: SIGTERM to Spark's driver, a cancel to Flink's JobManager. */
  static void stop(Job job, PrintWriter out) {
    if (job.engine().equals(Engine.FLINK.cliName())) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://" + job.address() + "/jobs/" + job.handle() + "?mode=cancel"))
                  .method("PATCH", HttpRequest.BodyPublishers.noBody()),
              job.address());
      if (response.statusCode() != 202 && !job.state().equals("CANCELED")) {
        throw new CommandFailure(
            "the JobManager at "
                + job.address()
                + " refused to cancel "
                + job.handle()
                + ": HTTP "
                + response.statusCode()
                + " "
                + response.body());
      }
    } else {
      driver(job.handle())
          .ifPresent(
              driver -> {
                driver.destroy();
                try {
                  driver.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                  driver.destroyForcibly();
                }
              });
    }
    try {
      Files.deleteIfExists(folder().resolve(job.name() + ".properties"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("stopped " + job.name());
    out.flush();
  }

  /** The Spark driver's process, if it still runs (and is a spark-submit, not a reused pid). */
  private static Optional<ProcessHandle> driver(String pid) {
    return ProcessHandle.of(Long.parseLong(pid))
        .filter(ProcessHandle::isAlive)
        .filter(
            p -> p.info().commandLine().map(line -> line.contains("SparkSubmit")).orElse(false));
  }

  private static String flinkState(String address, String jobId) {
    try {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(URI.create("http://" + address + "/jobs/" + jobId)).GET(),
              address);
      Matcher state = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"").matcher(response.body());
      return response.statusCode() == 200 && state.find() ? state.group(1) : "UNKNOWN";
    } catch (CommandFailure unreachable) {
      return "UNREACHABLE";
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String address) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CommandFailure(
          "the Flink JobManager at " + address + " does not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure("interrupted while asking the JobManager at " + address);
    }
  }
}
