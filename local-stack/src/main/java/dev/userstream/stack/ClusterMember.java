package dev.userstream.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One JVM of an engine cluster: a Spark Master or Worker, a Flink JobManager or TaskManager. Like
 * Kafka and Cassandra it runs under {@link ChildMain} with the stack's marker, pid file and log
 * folder, so {@code stack status} and {@code stack down} treat it alike.
 */
final class ClusterMember extends ServiceEnvironment {
  /**
   * How the member's JVM starts: the distribution's jars, flags, environment, main and args; and
   * the log whose end a failed start quotes.
   */
  record Launch(
      java.nio.file.Path log,
      List<String> classpath,
      List<String> jvmOptions,
      Map<String, String> environment,
      String mainClass,
      List<String> args) {}

  private final String address;
  private final Optional<String> ui;
  private final List<Integer> fixedPorts;
  private final Optional<Launch> launch;
  private final BooleanSupplier probe;

  /**
   * @param fixedPorts the ports it binds that must be free before it starts
   * @param launch how to start it; empty for a member this configuration only finds running (it can
   *     then be inspected and stopped, not started)
   * @param probe a real request that says whether it serves
   */
  ClusterMember(
      String service,
      StackConfig config,
      String address,
      Optional<String> ui,
      List<Integer> fixedPorts,
      Optional<Launch> launch,
      BooleanSupplier probe) {
    super(service, config);
    this.address = address;
    this.ui = ui;
    this.fixedPorts = fixedPorts;
    this.launch = launch;
    this.probe = probe;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public Optional<String> ui() {
    return ui;
  }

  /** Whether this configuration knows how to start it. */
  boolean canStart() {
    return launch.isPresent();
  }

  @Override
  public void start(Duration timeout) {
    Launch how =
        launch.orElseThrow(() -> new StackException(service() + " is not part of this stack"));
    requireFreePorts();
    ProcessHandle handle =
        process.launch(
            how.classpath(),
            how.jvmOptions(),
            config.ownerPid(),
            how.mainClass(),
            how.args(),
            how.environment());
    process.awaitReady(handle, this::answers, timeout, how.log());
  }

  @Override
  public boolean answers() {
    return probe.getAsBoolean();
  }

  @Override
  void requireFreePorts() {
    for (int port : fixedPorts) {
      ServerProcess.requireFreePort(port, service());
    }
  }

  /** The folder of its files (logs, work directory). */
  java.nio.file.Path dir() {
    return process.dir();
  }

  /** Its log folder. */
  java.nio.file.Path logDir() {
    return process.logDir();
  }
}
