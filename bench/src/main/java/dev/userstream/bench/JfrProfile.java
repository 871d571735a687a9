package dev.userstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code bench --profile}: each throughput job runs with a JDK Flight Recording ({@code
 * settings=profile}); afterwards the execution samples of an engine's recordings are summed into
 * {@code profile-<engine>.md} beside the report: the top frames by self and by total samples, in
 * the steady state (first to last write, as the CPU table) and over the whole run (start-up
 * included).
 */
final class JfrProfile {
  static final int TOP_SELF = 25;
  static final int TOP_TOTAL = 15;
  static final int TOP_THREADS = 8;
  static final int TOP_PACKAGES = 15;
  static final int STACK_DEPTH = 256;
  private static final Pattern LAMBDA =
      Pattern.compile("\\$\\$Lambda\\$[0-9]+(/|\\+)0x[0-9a-f]+(\\.[0-9]+)?");

  /** One run's recording and the window of its writes, in epoch µs. */
  record Recording(String engine, Path file, long firstWriteMicros, long lastWriteMicros) {}

  private JfrProfile() {}

  /** The job JVM's flags that record into {@code file} until the job exits. */
  static List<String> jvmOptions(Path file) {
    return List.of(
        "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true",
        // The default depth, 64, cuts an engine's deep stacks and with them the totals.
        "-XX:FlightRecorderOptions=stackdepth=" + STACK_DEPTH);
  }

  /** The profile file of {@code engine} beside the report. */
  static String fileName(String engine) {
    return "profile-" + engine + ".md";
  }

  /** Writes {@code profile-<engine>.md} into {@code dir} from the engine's recordings. */
  static Path write(String engine, List<Recording> recordings, String commandLine, Path dir)
      throws IOException {
    ProfileSummary steady = new ProfileSummary();
    ProfileSummary whole = new ProfileSummary();
    Duration steadyGc = Duration.ZERO;
    Duration wholeGc = Duration.ZERO;
    double steadySeconds = 0;
    List<String> files = new ArrayList<>();
    for (Recording recording : recordings) {
      if (!Files.isRegularFile(recording.file())) {
        files.add(recording.file() + " (missing: the job did not write it)");
        continue;
      }
      files.add(recording.file().toString());
      steadySeconds += (recording.lastWriteMicros() - recording.firstWriteMicros()) / 1e6;
      try (RecordingFile events = new RecordingFile(recording.file())) {
        while (events.hasMoreEvents()) {
          RecordedEvent event = events.readEvent();
          boolean inWindow = inWindow(event.getStartTime(), recording);
          String type = event.getEventType().getName();
          if (type.equals("jdk.ExecutionSample")) {
            String thread = threadName(event.getThread("sampledThread"));
            List<String> frames = frames(event);
            whole.add(thread, frames);
            if (inWindow) {
              steady.add(thread, frames);
            }
          } else if (type.equals("jdk.GarbageCollection")) {
            Duration pauses = event.getDuration("sumOfPauses");
            wholeGc = wholeGc.plus(pauses);
            if (inWindow) {
              steadyGc = steadyGc.plus(pauses);
            }
          }
        }
      } catch (IOException e) {
        // A job killed before it wrote its recording out: the others still count.
        files.set(files.size() - 1, recording.file() + " (unreadable: " + e.getMessage() + ")");
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("# ").append(engine).append(" job profile (JFR, throughput runs)\n\n");
    md.append("Command:\n\n```bash\n").append(commandLine).append("\n```\n\n");
    md.append("Recordings (`-XX:StartFlightRecording=...,settings=profile`):\n\n");
    files.forEach(f -> md.append("- `").append(f).append("`\n"));
    md.append(
        "\nFrom `jdk.ExecutionSample` events: JFR samples a few Java threads running Java code"
            + " every 10 ms (threads waiting, in native code or in GC are not sampled). Self ="
            + " the method was on top of the stack; total = anywhere on the stack, counted once per"
            + " sample. Percentages are of all samples of the section. Stacks are recorded "
            + STACK_DEPTH
            + " frames deep.\n");
    section(
        md,
        String.format(
            Locale.ROOT, "Steady state: first → last write (%.1f s in all)", steadySeconds),
        steady,
        steadyGc);
    section(md, "Whole run: JVM start → exit (start-up included)", whole, wholeGc);
    Path file = dir.resolve(fileName(engine));
    Files.writeString(file, md.toString());
    return file;
  }

  private static void section(StringBuilder md, String title, ProfileSummary s, Duration gc) {
    md.append("\n## ").append(title).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%,d execution samples; GC pauses %,d ms in all.%n%n",
            s.samples(),
            gc.toMillis()));
    if (s.samples() == 0) {
      md.append("No samples in this window.\n");
      return;
    }
    md.append("### Top ").append(TOP_SELF).append(" frames by self samples\n\n");
    md.append(ProfileSummary.table("frame", s.topSelf(TOP_SELF)));
    md.append("\n### Top ").append(TOP_TOTAL).append(" frames by total samples\n\n");
    md.append(ProfileSummary.table("frame", s.topTotal(TOP_TOTAL)));
    md.append("\n### Self samples by package\n\n");
    md.append(ProfileSummary.table("package", s.topPackages(TOP_PACKAGES)));
    md.append("\n### Threads (digits folded)\n\n");
    md.append(ProfileSummary.table("thread", s.topThreads(TOP_THREADS)));
  }

  private static boolean inWindow(Instant at, Recording r) {
    long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    return micros >= r.firstWriteMicros() && micros <= r.lastWriteMicros();
  }

  private static String threadName(RecordedThread thread) {
    if (thread == null) {
      return "?";
    }
    String name = thread.getJavaName();
    return name != null ? name : String.valueOf(thread.getOSName());
  }

  /**
   * {@code type.method}, a lambda's hidden class named once for all runs: {@code
   * Foo$$Lambda$3257+0x00007f6a91056e90.2113715767} is {@code Foo$$Lambda}.
   */
  static String frameName(String type, String method) {
    return LAMBDA.matcher(type).replaceAll(Matcher.quoteReplacement("$$Lambda")) + "." + method;
  }

  /** The sample's stack as {@code class.method}, top first. */
  private static List<String> frames(RecordedEvent event) {
    if (event.getStackTrace() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (RecordedFrame frame : event.getStackTrace().getFrames()) {
      RecordedMethod method = frame.getMethod();
      out.add(frameName(method.getType().getName(), method.getName()));
    }
    return out;
  }
}
