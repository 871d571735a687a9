package dev.userstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A process's CPU time as Linux counts it: {@code utime + stime} of {@code /proc/<pid>/stat}, in
 * clock ticks. One small file read per process and sample, no process spawned.
 */
final class ProcStat {
  /** utime and stime are fields 14 and 15 of the stat line; field 3 (state) follows the comm. */
  private static final int UTIME_AFTER_COMM = 14 - 3;

  private ProcStat() {}

  /**
   * utime + stime of one {@code /proc/<pid>/stat} line. The comm field (2) is the executable's name
   * in parentheses and may itself hold spaces and parentheses, so the fields are counted from the
   * last {@code ')'}.
   *
   * @throws IllegalArgumentException if the line is not a stat line
   */
  static long cpuTicks(String statLine) {
    int close = statLine.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc stat line: no ')' in " + statLine);
    }
    String[] fields = statLine.substring(close + 1).strip().split(" +");
    if (fields.length <= UTIME_AFTER_COMM + 1) {
      throw new IllegalArgumentException("not a /proc stat line: too few fields in " + statLine);
    }
    try {
      return Long.parseLong(fields[UTIME_AFTER_COMM])
          + Long.parseLong(fields[UTIME_AFTER_COMM + 1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a /proc stat line: " + statLine, e);
    }
  }

  /** The CPU ticks of {@code pid} now; empty once it has exited (or on a system without /proc). */
  static OptionalLong read(long pid) {
    try {
      return OptionalLong.of(
          cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
    } catch (IOException | IllegalArgumentException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Clock ticks per second ({@code getconf CLK_TCK}), asked once; 100, Linux's usual, if it fails.
   */
  static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String text = new String(getconf.getInputStream().readAllBytes()).strip();
      if (getconf.waitFor() == 0) {
        long ticks = Long.parseLong(text);
        if (ticks > 0) {
          return ticks;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Fall through to the default.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
