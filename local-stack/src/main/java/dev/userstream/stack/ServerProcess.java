package dev.userstream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * One server JVM of the stack: its pid file, its log, how it is launched and how it is stopped.
 *
 * <p>Every JVM it starts carries a marker system property naming the service and the stack's home
 * folder. Stop and status only ever act on a pid whose command line carries that marker, so a stale
 * pid file can never make the stack signal somebody else's process.
 */
final class ServerProcess {
  private static final String MARKER_PROPERTY = "userstream.stack";
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);

  private final String service;
  private final Path dir;
  private final String marker;

  ServerProcess(String service, Path stackHome) {
    this.service = service;
    this.dir = stackHome.resolve(service);
    this.marker = "-D" + MARKER_PROPERTY + "=" + service + "@" + stackHome;
  }

  Path dir() {
    return dir;
  }

  Path logDir() {
    return dir.resolve("logs");
  }

  Path consoleLog() {
    return logDir().resolve("console.log");
  }

  private Path pidFile() {
    return dir.resolve(service + ".pid");
  }

  /** The running process started by this stack for this service, if any. */
  Optional<ProcessHandle> running() {
    Path pidFile = pidFile();
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile).trim());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
  }

  private boolean isOurs(ProcessHandle handle) {
    // Info.arguments() is empty on Linux for long command lines; commandLine() is not.
    return handle.info().commandLine().map(line -> line.contains(" " + marker + " ")).orElse(false);
  }

  /**
   * Starts {@code mainClass} in a new JVM with the given classpath, JVM options and arguments;
   * output goes to {@link #consoleLog()}.
   */
  ProcessHandle launch(
      List<String> classpath,
      List<String> jvmOptions,
      OptionalLong ownerPid,
      String mainClass,
      List<String> args) {
    return launch(classpath, jvmOptions, ownerPid, mainClass, args, java.util.Map.of());
  }

  /** {@link #launch} with {@code environment} added to this JVM's for the server. */
  ProcessHandle launch(
      List<String> classpath,
      List<String> jvmOptions,
      OptionalLong ownerPid,
      String mainClass,
      List<String> args,
      java.util.Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(marker);
    ownerPid.ifPresent(pid -> command.add("-D" + ChildMain.OWNER_PID + "=" + pid));
    command.addAll(jvmOptions);
    command.add("-cp");
    List<String> fullClasspath = new ArrayList<>(classpath);
    fullClasspath.add(ownCodeLocation());
    command.add(String.join(java.io.File.pathSeparator, fullClasspath));
    command.add(ChildMain.class.getName());
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(logDir());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      Files.writeString(pidFile(), process.pid() + "\n");
      return process.toHandle();
    } catch (IOException e) {
      throw new StackException("cannot start " + service + ": " + e.getMessage(), e);
    }
  }

  /** Runs a one-off tool in a JVM with this classpath and waits for it (e.g. storage format). */
  void runTool(List<String> classpath, String mainClass, List<String> args, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(logDir());
      Path toolLog = logDir().resolve("tool.log");
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(toolLog.toFile()))
              .start();
      if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new StackException(
            service + ": " + mainClass + " did not finish in " + timeout.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw new StackException(
            service
                + ": "
                + mainClass
                + " failed with exit code "
                + process.exitValue()
                + "; last lines of "
                + toolLog
                + ":\n"
                + tail(toolLog, 15));
      }
    } catch (IOException e) {
      throw new StackException("cannot run " + mainClass + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while running " + mainClass, e);
    }
  }

  /**
   * Polls {@code probe} (a real request to the server) until it answers, the process dies, or
   * {@code timeout} passes; the two failures quote the end of the server's log.
   */
  void awaitReady(ProcessHandle process, BooleanSupplier probe, Duration timeout, Path serverLog) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        deletePidFile();
        throw new StackException(
            service
                + " exited during start-up; last lines of "
                + serverLog
                + ":\n"
                + tail(serverLog, 20)
                + "\nconsole ("
                + consoleLog()
                + "):\n"
                + tail(consoleLog(), 10));
      }
      if (probe.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(
            service
                + " did not become ready within "
                + timeout.toSeconds()
                + " s (pid "
                + process.pid()
                + " still running); last lines of "
                + serverLog
                + ":\n"
                + tail(serverLog, 20));
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("interrupted while waiting for " + service, e);
      }
    }
  }

  /** SIGTERM, wait for a graceful exit, then SIGKILL. Returns false when nothing was running. */
  boolean stop() {
    Optional<ProcessHandle> handle = running();
    if (handle.isEmpty()) {
      deletePidFile();
      return false;
    }
    ProcessHandle process = handle.get();
    process.destroy();
    try {
      process.onExit().get(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      process.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while stopping " + service, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new StackException("cannot stop " + service + ": " + e.getMessage(), e);
    }
    deletePidFile();
    return true;
  }

  void deletePidFile() {
    try {
      Files.deleteIfExists(pidFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails with a clear message when another process already listens on the port. */
  static void requireFreePort(int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      // As the servers themselves bind: connections of a stopped server lingering in TIME_WAIT
      // do not block the port, a process listening on it does.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(StackConfig.HOST), port));
    } catch (IOException e) {
      throw new StackException(
          "port "
              + port
              + " ("
              + what
              + ") on "
              + StackConfig.HOST
              + " is already in use by another process: stop it, or choose other ports");
    }
  }

  /** The last {@code lines} lines of a log file, for error messages. */
  static String tail(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "  (no log at " + file + ")";
    }
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return "  " + String.join("\n  ", last);
    } catch (IOException | UncheckedIOException e) {
      return "  (cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  /** The classpath lines written by a *-runtime module at build time. */
  static List<String> classpathOf(String runtime) {
    String resource = "/META-INF/userstream/" + runtime + ".classpath";
    try (InputStream in = ServerProcess.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StackException(
            "the "
                + runtime
                + " classpath is missing ("
                + resource
                + "): build with ./mvnw package");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      List<String> entries = List.of(text.split(java.io.File.pathSeparator));
      for (String entry : entries) {
        if (!Files.exists(Path.of(entry))) {
          throw new StackException(
              "the "
                  + runtime
                  + " classpath names "
                  + entry
                  + ", which no longer exists: rebuild with ./mvnw package");
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String ownCodeLocation() {
    try {
      return Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }
}
