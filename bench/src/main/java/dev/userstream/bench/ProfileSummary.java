package dev.userstream.bench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Execution samples added up by method: self samples (the method is the top frame, running its own
 * code) and total samples (the method is anywhere on the stack, counted once per stack however
 * often it recurses), and samples per thread, digits in thread names folded so that a pool counts
 * as one.
 */
final class ProfileSummary {
  /** One method or thread and its share of the samples. */
  record Entry(String name, long samples, double share) {}

  private final Map<String, Long> self = new HashMap<>();
  private final Map<String, Long> total = new HashMap<>();
  private final Map<String, Long> threads = new HashMap<>();
  private final Map<String, Long> packages = new HashMap<>();
  private long samples;

  /** One sample: {@code frames} from the top of the stack (the running method) down. */
  void add(String thread, List<String> frames) {
    samples++;
    threads.merge(thread.replaceAll("\\d+", "#"), 1L, Long::sum);
    if (frames.isEmpty()) {
      return;
    }
    self.merge(frames.get(0), 1L, Long::sum);
    packages.merge(packageOf(frames.get(0)), 1L, Long::sum);
    Set<String> seen = new HashSet<>();
    for (String frame : frames) {
      if (seen.add(frame)) {
        total.merge(frame, 1L, Long::sum);
      }
    }
  }

  long samples() {
    return samples;
  }

  List<Entry> topSelf(int n) {
    return top(self, n);
  }

  List<Entry> topTotal(int n) {
    return top(total, n);
  }

  /** Self samples by the first three parts of the package, e.g. {@code com.fasterxml.jackson}. */
  List<Entry> topPackages(int n) {
    return top(packages, n);
  }

  /** {@code com.fasterxml.jackson} of {@code com.fasterxml.jackson.core.JsonParser.next}. */
  static String packageOf(String frame) {
    String[] parts = frame.split("\\.");
    // The last two parts are class and method; at most three parts of what is left.
    int keep = Math.min(3, Math.max(1, parts.length - 2));
    return String.join(".", java.util.Arrays.copyOf(parts, keep));
  }

  List<Entry> topThreads(int n) {
    return top(threads, n);
  }

  private List<Entry> top(Map<String, Long> counts, int n) {
    return counts.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(n)
        .map(e -> new Entry(e.getKey(), e.getValue(), (double) e.getValue() / samples))
        .toList();
  }

  /** A Markdown table of {@code entries}: rank, name (as code), samples, percent of all samples. */
  static String table(String what, List<Entry> entries) {
    StringBuilder md = new StringBuilder();
    md.append("| # | ").append(what).append(" | samples | % |\n|---:|---|---:|---:|\n");
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | `%s` | %,d | %.1f %% |%n",
              i + 1,
              e.name().replace("|", "\\|"),
              e.samples(),
              e.share() * 100));
    }
    return md.toString();
  }
}
