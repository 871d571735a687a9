package dev.userstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a benchmark ran on, for the report: numbers mean little without it.
 *
 * @param cpu CPU model name ({@code /proc/cpuinfo}), or "unknown"
 * @param cores processors available to the JVM
 * @param memoryGib physical memory
 * @param os name, version and architecture
 * @param java runtime version and vendor
 * @param loadAverage one-minute load average at the start, -1 if unknown
 */
public record MachineInfo(
    String cpu, int cores, double memoryGib, String os, String java, double loadAverage) {

  /** This machine, now. */
  public static MachineInfo detect() {
    double memory = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
    }
    return new MachineInfo(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.runtime.version", System.getProperty("java.version"))
            + " ("
            + System.getProperty("java.vendor")
            + ")",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
