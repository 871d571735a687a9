package dev.userstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userstream.io.JvmFlags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stack's Flink session cluster: a JobManager and N TaskManagers on 127.0.0.1, JVMs of the
 * Flink distribution in the project's apache-flink virtualenv (pyflink's {@code lib/}), with a
 * configuration the stack writes to {@link #confDir()}. The entry points are the ones {@code
 * jobmanager.sh} and {@code taskmanager.sh} start; the TaskManagers' memory is set explicitly, the
 * sizes those scripts would otherwise compute. Jobs reach it with {@code flink run -m }{@link
 * #restAddress()}.
 */
public final class FlinkCluster extends EngineCluster {
  static final String JOB_MANAGER = "flink-jobmanager";
  static final String TASK_MANAGER_PREFIX = "flink-taskmanager-";

  /** Slots of each TaskManager: two TaskManagers run a job of parallelism 4. */
  public static final int SLOTS = 2;

  private static final String JOB_MANAGER_HEAP = "768m";

  /**
   * A TaskManager's memory, sized for this 2-core / 24 GiB machine. JVM heap = framework + task
   * heap; direct memory = framework + task off-heap + network (what Flink's scripts derive).
   */
  private static final Map<String, Integer> TASK_MANAGER_MEMORY_MB =
      Map.of(
          "taskmanager.memory.framework.heap.size", 128,
          "taskmanager.memory.task.heap.size", 512,
          "taskmanager.memory.framework.off-heap.size", 128,
          "taskmanager.memory.task.off-heap.size", 0,
          "taskmanager.memory.managed.size", 64,
          "taskmanager.memory.network.min", 64,
          "taskmanager.memory.network.max", 64);

  private static final int TASK_MANAGER_METASPACE_MB = 256;
  private static final int TASK_MANAGER_OVERHEAD_MB = 192;

  public FlinkCluster(StackConfig config) {
    super(config, TASK_MANAGER_PREFIX);
    build(config.clusters().flinkHome(), config.clusters().flinkTaskManagers());
  }

  @Override
  ClusterMember coordinator(Optional<Path> home) {
    StackConfig.Ports ports = config.ports();
    return new ClusterMember(
        JOB_MANAGER,
        config,
        restAddress(),
        Optional.of(ui()),
        List.of(ports.flinkRpc(), ports.flinkRest()),
        home.map(
            h ->
                launch(
                    h,
                    JOB_MANAGER,
                    List.of("-Xms" + JOB_MANAGER_HEAP, "-Xmx" + JOB_MANAGER_HEAP),
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    List.of())),
        () -> HttpJson.get(ui() + "/overview").isPresent());
  }

  @Override
  ClusterMember worker(int i, String name, Optional<Path> home) {
    return new ClusterMember(
        name,
        config,
        StackConfig.HOST + " (" + SLOTS + " slots)",
        Optional.empty(),
        List.of(),
        home.map(
            h ->
                launch(
                    h,
                    name,
                    taskManagerJvm(),
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                    // Its id in the REST API, how the probe finds it.
                    List.of("-Dtaskmanager.resource-id=" + name))),
        () -> taskManagerRegistered(name));
  }

  /** {@code 127.0.0.1:8081}: the JobManager's REST address, what {@code flink run -m} takes. */
  public String restAddress() {
    return StackConfig.HOST + ":" + config.ports().flinkRest();
  }

  /** The JobManager's web UI (and REST API). */
  public String ui() {
    return ui(config.ports().flinkRest());
  }

  /**
   * The configuration folder the cluster runs with: {@code config.yaml} and the distribution's
   * logging files. A client ({@code flink run}) uses it as {@code FLINK_CONF_DIR}.
   */
  public Path confDir() {
    return config.home().resolve("flink-conf");
  }

  /** Where checkpoints go unless a job names its own folder. */
  public Path checkpointDir() {
    return config.home().resolve("flink-checkpoints");
  }

  /** Writes {@link #confDir()}; called before the JobManager starts. */
  void writeConf(Path flinkHome) {
    Path dir = confDir();
    StackConfig.Ports ports = config.ports();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("jobmanager.rpc.address", StackConfig.HOST);
    settings.put("jobmanager.rpc.port", Integer.toString(ports.flinkRpc()));
    settings.put("jobmanager.bind-host", StackConfig.HOST);
    settings.put("rest.address", StackConfig.HOST);
    settings.put("rest.bind-address", StackConfig.HOST);
    settings.put("rest.port", Integer.toString(ports.flinkRest()));
    settings.put("taskmanager.host", StackConfig.HOST);
    settings.put("taskmanager.bind-host", StackConfig.HOST);
    settings.put("taskmanager.numberOfTaskSlots", Integer.toString(SLOTS));
    settings.put("taskmanager.cpu.cores", Integer.toString(SLOTS));
    TASK_MANAGER_MEMORY_MB.forEach((key, mb) -> settings.put(key, mb + "m"));
    settings.put("taskmanager.memory.jvm-metaspace.size", TASK_MANAGER_METASPACE_MB + "m");
    // Set too, though the JVM flags come from the stack: the TaskManager reports its total size.
    settings.put("taskmanager.memory.jvm-overhead.min", TASK_MANAGER_OVERHEAD_MB + "m");
    settings.put("taskmanager.memory.jvm-overhead.max", TASK_MANAGER_OVERHEAD_MB + "m");
    settings.put(
        "parallelism.default",
        Integer.toString(Math.max(1, config.clusters().flinkTaskManagers()) * SLOTS));
    settings.put("execution.checkpointing.dir", checkpointDir().toUri().toString());
    // A killed TaskManager is noticed within seconds rather than Flink's default 50.
    settings.put("heartbeat.interval", "2000");
    settings.put("heartbeat.timeout", "10000");
    writeConfDir(flinkHome, dir, settings);
    try {
      Files.createDirectories(checkpointDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a Flink configuration folder: {@code config.yaml} of {@code settings} plus Flink's Java
   * 17 options (which the {@code flink} CLI's JVM needs too), and the distribution's logging files.
   * The stack's cluster and {@code run --cluster}'s client both use it.
   */
  public static void writeConfDir(Path flinkHome, Path dir, Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.put("env.java.opts.all", String.join(" ", JvmFlags.FLINK_JAVA17));
    StringBuilder yaml = new StringBuilder("# Written by userstream.\n");
    all.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
      try (Stream<Path> files = Files.list(flinkHome.resolve("conf"))) {
        for (Path file : files.filter(f -> f.getFileName().toString().startsWith("log")).toList()) {
          Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean taskManagerRegistered(String name) {
    return HttpJson.get(ui() + "/taskmanagers")
        .map(
            json -> {
              for (JsonNode taskManager : json.path("taskmanagers")) {
                if (name.equals(taskManager.path("id").asText())) {
                  return true;
                }
              }
              return false;
            })
        .orElse(false);
  }

  private static List<String> taskManagerJvm() {
    int heap =
        TASK_MANAGER_MEMORY_MB.get("taskmanager.memory.framework.heap.size")
            + TASK_MANAGER_MEMORY_MB.get("taskmanager.memory.task.heap.size");
    int direct =
        TASK_MANAGER_MEMORY_MB.get("taskmanager.memory.framework.off-heap.size")
            + TASK_MANAGER_MEMORY_MB.get("taskmanager.memory.task.off-heap.size")
            + TASK_MANAGER_MEMORY_MB.get("taskmanager.memory.network.max");
    return List.of(
        "-Xms" + heap + "m",
        "-Xmx" + heap + "m",
        "-XX:MaxDirectMemorySize=" + direct + "m",
        "-XX:MaxMetaspaceSize=" + TASK_MANAGER_METASPACE_MB + "m");
  }

  private ClusterMember.Launch launch(
      Path flinkHome, String name, List<String> memory, String mainClass, List<String> extra) {
    Path logDir = config.home().resolve(name).resolve("logs");
    List<String> jvm = new ArrayList<>(memory);
    jvm.addAll(JvmFlags.FLINK_JAVA17);
    jvm.add("-Dlog.file=" + logDir.resolve(name + ".log"));
    jvm.add("-Dlog4j.configurationFile=file:" + confDir().resolve("log4j.properties"));
    List<String> args = new ArrayList<>(List.of("--configDir", confDir().toString()));
    args.addAll(extra);
    return new ClusterMember.Launch(
        logDir.resolve(name + ".log"),
        List.of(flinkHome.resolve("lib") + "/*"),
        jvm,
        Map.of("FLINK_HOME", flinkHome.toString(), "FLINK_CONF_DIR", confDir().toString()),
        mainClass,
        args);
  }
}
