package dev.userstream.stack;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code stack status} prints for one process of the stack: its role (the service), pid,
 * address, state and, for the clusters, its web UI.
 */
public record ServiceStatus(
    String service, OptionalLong pid, String address, State state, Optional<String> ui) {

  /** The state of a service, as seen from outside. */
  public enum State {
    /** Running and answering a real request. */
    UP,
    /** The process runs but does not answer (starting, or stuck). */
    NOT_READY,
    /** No process of this stack runs for the service. */
    DOWN
  }

  /** A service without a web UI. */
  public ServiceStatus(String service, OptionalLong pid, String address, State state) {
    this(service, pid, address, state, Optional.empty());
  }

  public boolean isUp() {
    return state == State.UP;
  }

  /**
   * One aligned line, e.g. {@code kafka pid 1234 127.0.0.1:9092 UP}, or {@code spark-worker-1 pid
   * 1240 127.0.0.1:40211 UP ui http://127.0.0.1:8091}.
   */
  public String line() {
    String pidText = pid.isPresent() ? "pid " + pid.getAsLong() : "-";
    String line = String.format("%-19s %-11s %-24s %s", service, pidText, address, state);
    return ui.map(url -> String.format("%-67s ui %s", line, url)).orElse(line);
  }
}
