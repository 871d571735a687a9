package dev.userstream.stack;

import java.util.OptionalLong;

/** What {@code stack status} prints for one service: name, pid, address and state. */
public record ServiceStatus(String service, OptionalLong pid, String address, State state) {

  /** The state of a service, as seen from outside. */
  public enum State {
    /** Running and answering a real request. */
    UP,
    /** The process runs but does not answer (starting, or stuck). */
    NOT_READY,
    /** No process of this stack runs for the service. */
    DOWN
  }

  public boolean isUp() {
    return state == State.UP;
  }

  /** One aligned line, e.g. {@code kafka pid 1234 127.0.0.1:9092 UP}. */
  public String line() {
    String pidText = pid.isPresent() ? "pid " + pid.getAsLong() : "-";
    return String.format("%-10s %-11s %-17s %s", service, pidText, address, state);
  }
}
