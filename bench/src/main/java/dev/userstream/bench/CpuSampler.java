package dev.userstream.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Samples the cumulative CPU time of a run's processes on a daemon thread, every {@link #PERIOD},
 * each sample stamped in epoch microseconds (the clock of Cassandra's {@code WRITETIME} on this
 * machine). A sample reads one {@code /proc/<pid>/stat} per process; the descendants of a role's
 * process (a job's children) are looked up again only every {@link #DESCENDANTS_EVERY} samples. A
 * process that has exited keeps its last value.
 *
 * <pre>{@code
 * try (CpuSampler cpu = CpuSampler.start(Map.of(CpuRole.JOB, Target.withChildren(pid)))) {
 *   ... run ...
 *   samples = cpu.stop();
 * }
 * RunCpu figures = samples.measure(cassandra.rowTimes(table));
 * }</pre>
 */
final class CpuSampler implements AutoCloseable {
  static final Duration PERIOD = Duration.ofMillis(150);
  static final int DESCENDANTS_EVERY = 10;

  /** Clock ticks per second, asked once per benchmark. */
  private static final long TICKS_PER_SECOND = ProcStat.ticksPerSecond();

  /** A process to measure: a pid and whether its descendants count with it. */
  record Target(long pid, boolean children) {
    static Target alone(long pid) {
      return new Target(pid, false);
    }

    static Target withChildren(long pid) {
      return new Target(pid, true);
    }
  }

  private final Map<CpuRole, Target> targets;
  private final Map<CpuRole, Set<Long>> pids = new EnumMap<>(CpuRole.class);
  private final Map<Long, Long> lastTicks = new HashMap<>();
  private final List<Long> times = new ArrayList<>();
  private final Map<CpuRole, List<Double>> values = new EnumMap<>(CpuRole.class);
  private final Thread thread;
  private int samples;

  private CpuSampler(Map<CpuRole, Target> targets) {
    this.targets = new EnumMap<>(targets);
    targets.keySet().forEach(role -> values.put(role, new ArrayList<>()));
    this.thread = new Thread(this::loop, "cpu-sampler");
    thread.setDaemon(true);
  }

  /** Starts sampling {@code targets} now (the first sample is taken at once). */
  static CpuSampler start(Map<CpuRole, Target> targets) {
    CpuSampler sampler = new CpuSampler(targets);
    sampler.sample();
    sampler.thread.start();
    return sampler;
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(PERIOD.toMillis());
        sample();
      }
    } catch (InterruptedException e) {
      // stop() asked for it.
    }
  }

  private synchronized void sample() {
    if (samples++ % DESCENDANTS_EVERY == 0) {
      targets.forEach((role, target) -> pids.put(role, pidsOf(target)));
    }
    Instant now = Instant.now();
    long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    // A wall clock stepped back by NTP must not break the ascending series.
    times.add(times.isEmpty() ? micros : Math.max(micros, times.get(times.size() - 1)));
    for (Map.Entry<CpuRole, Set<Long>> role : pids.entrySet()) {
      long ticks = 0;
      for (long pid : role.getValue()) {
        OptionalLong read = ProcStat.read(pid);
        if (read.isPresent()) {
          lastTicks.merge(pid, read.getAsLong(), Math::max);
        }
        ticks += lastTicks.getOrDefault(pid, 0L);
      }
      values.get(role.getKey()).add(ticks * 1e6 / TICKS_PER_SECOND);
    }
  }

  private static Set<Long> pidsOf(Target target) {
    Set<Long> out = new LinkedHashSet<>();
    out.add(target.pid());
    if (target.children()) {
      ProcessHandle.of(target.pid())
          .ifPresent(p -> p.descendants().forEach(child -> out.add(child.pid())));
    }
    return out;
  }

  /** Stops sampling, takes a last sample and returns every role's series. */
  Samples stop() {
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      sample();
      long[] at = times.stream().mapToLong(Long::longValue).toArray();
      Map<CpuRole, CpuSeries> series = new EnumMap<>(CpuRole.class);
      values.forEach(
          (role, cpu) ->
              series.put(
                  role,
                  new CpuSeries(at, cpu.stream().mapToDouble(Double::doubleValue).toArray())));
      return new Samples(series);
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }

  /** The sampled series of one run. */
  record Samples(Map<CpuRole, CpuSeries> series) {
    /** The run's figures, or null when it wrote fewer than two rows (no steady state). */
    RunCpu measure(RowTimes times) {
      if (times.count() < 2) {
        return null;
      }
      return RunCpu.of(series, times.firstWriteMicros(), times.lastWriteMicros(), times.count());
    }
  }
}
