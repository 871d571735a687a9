package dev.userstream.producer;

import dev.userstream.producer.ProgressListener.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows progress for people: a redrawn bar with the rate on a terminal, or, when the output is a
 * file or a pipe (Airflow logs, CI), a plain line every couple of seconds, because carriage returns
 * make such logs unreadable.
 */
public final class ConsoleProgress implements ProgressListener {
  private static final int BAR_WIDTH = 30;
  private static final long BAR_REDRAW_NANOS = Duration.ofMillis(200).toNanos();

  private final PrintWriter out;
  private final boolean terminal;
  private final long lineIntervalNanos;
  private long lastPrint = Long.MIN_VALUE;
  private int lastWidth;

  /**
   * @param terminal true to draw a bar (use {@code System.console() != null})
   * @param lineInterval how often a plain line is printed when not on a terminal
   */
  public ConsoleProgress(PrintWriter out, boolean terminal, Duration lineInterval) {
    this.out = out;
    this.terminal = terminal;
    this.lineIntervalNanos = lineInterval.toNanos();
  }

  /** A bar on a terminal, a line every 2 s otherwise. */
  public static ConsoleProgress forConsole(PrintWriter out) {
    return new ConsoleProgress(out, System.console() != null, Duration.ofSeconds(2));
  }

  @Override
  public void onProgress(Progress progress) {
    long now = progress.elapsed().toNanos();
    long interval = terminal ? BAR_REDRAW_NANOS : lineIntervalNanos;
    if (lastPrint != Long.MIN_VALUE && now - lastPrint < interval) {
      return;
    }
    lastPrint = now;
    print(progress);
  }

  @Override
  public void onFinish(Progress progress) {
    if (terminal) {
      print(progress);
      out.println();
      out.flush();
    }
  }

  private void print(Progress progress) {
    if (terminal) {
      String text = bar(progress);
      // Pad over the previous, possibly longer, text instead of relying on terminal escapes.
      out.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
      lastWidth = text.length();
    } else {
      out.println(line(progress));
    }
    out.flush();
  }

  /** {@code [=========> ] 45% 9000/20000 12345 rec/s 1.2 s}. */
  static String bar(Progress p) {
    double fraction = p.fraction();
    StringBuilder text = new StringBuilder();
    if (fraction >= 0) {
      int filled = (int) Math.round(fraction * BAR_WIDTH);
      text.append('[')
          .append("=".repeat(Math.max(0, filled - 1)))
          .append(filled > 0 ? (filled == BAR_WIDTH ? "=" : ">") : "")
          .append(" ".repeat(BAR_WIDTH - filled))
          .append(']')
          .append(String.format(Locale.ROOT, " %3d%%", Math.round(fraction * 100)));
    }
    text.append(String.format(Locale.ROOT, "  %d", p.acknowledged()));
    if (p.targetEvents() > 0) {
      text.append('/').append(p.targetEvents());
    }
    text.append(
        String.format(Locale.ROOT, "  %.0f rec/s  %.1f s", p.rate(), p.elapsed().toNanos() / 1e9));
    return text.toString().strip();
  }

  /** {@code progress: produced=9000/20000 (45%) rate=12345/s elapsed=1.2s}. */
  static String line(Progress p) {
    StringBuilder text = new StringBuilder("progress: produced=").append(p.acknowledged());
    if (p.targetEvents() > 0) {
      text.append('/').append(p.targetEvents());
    }
    if (p.fraction() >= 0) {
      text.append(String.format(Locale.ROOT, " (%d%%)", Math.round(p.fraction() * 100)));
    }
    return text.append(
            String.format(
                Locale.ROOT, " rate=%.0f/s elapsed=%.1fs", p.rate(), p.elapsed().toNanos() / 1e9))
        .toString();
  }
}
