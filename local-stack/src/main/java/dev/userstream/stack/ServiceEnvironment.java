package dev.userstream.stack;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the stack's environments (Kafka, Cassandra) share: the stack's configuration, the child JVM
 * of the service, and how its status is read from that process and a real request.
 */
public abstract class ServiceEnvironment {
  final StackConfig config;
  final ServerProcess process;
  private final String service;

  ServiceEnvironment(String service, StackConfig config) {
    this.service = service;
    this.config = config;
    this.process = new ServerProcess(service, config.home());
  }

  /**
   * The service's name: its role in {@code stack status}, and its folder under the stack's home.
   */
  public String service() {
    return service;
  }

  /** Where clients reach the service, as {@code stack status} shows it. */
  public abstract String address();

  /** Starts the service and waits until it {@linkplain #answers() answers}. */
  public abstract void start(Duration timeout);

  /** True when the service answers a real request. */
  public abstract boolean answers();

  /** Fails with one line when a port the service needs is taken. */
  abstract void requireFreePorts();

  /** The service's web UI, if it has one. */
  public Optional<String> ui() {
    return Optional.empty();
  }

  public Optional<ProcessHandle> running() {
    return process.running();
  }

  public boolean stop() {
    return process.stop();
  }

  public ServiceStatus status() {
    Optional<ProcessHandle> handle = running();
    if (handle.isEmpty()) {
      return new ServiceStatus(
          service, OptionalLong.empty(), address(), ServiceStatus.State.DOWN, ui());
    }
    ServiceStatus.State state = answers() ? ServiceStatus.State.UP : ServiceStatus.State.NOT_READY;
    return new ServiceStatus(service, OptionalLong.of(handle.get().pid()), address(), state, ui());
  }
}
