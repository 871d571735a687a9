package dev.userstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An engine cluster of the stack: a coordinator (Spark's Master, Flink's JobManager) and numbered
 * workers (Spark's Workers, Flink's TaskManagers), each a {@link ClusterMember}. The stack acts on
 * the members it is configured with and on any other still running from an earlier {@code stack up}
 * with more of them, so {@code status} and {@code down} see every process it started.
 */
abstract class EngineCluster {
  final StackConfig config;
  private final String workerPrefix;
  private ClusterMember coordinator;
  private final List<ClusterMember> workers = new ArrayList<>();

  EngineCluster(StackConfig config, String workerPrefix) {
    this.config = config;
    this.workerPrefix = workerPrefix;
  }

  /**
   * Creates the members; the subclass's constructor calls it last.
   *
   * @param home the engine's distribution, if configured
   * @param configured how many workers this configuration starts (0: no cluster)
   */
  final void build(Optional<Path> home, int configured) {
    coordinator = coordinator(home.filter(h -> configured > 0));
    int count = Math.max(configured, highestOnDisk(config.home(), workerPrefix));
    for (int i = 1; i <= count; i++) {
      workers.add(worker(i, workerPrefix + i, i <= configured ? home : Optional.empty()));
    }
  }

  /** The coordinator; {@code home} is empty when this configuration does not start it. */
  abstract ClusterMember coordinator(Optional<Path> home);

  /** Worker {@code i} named {@code name}; {@code home} is empty when not started by this one. */
  abstract ClusterMember worker(int i, String name, Optional<Path> home);

  /** True when the coordinator answers (whether this stack started it or not). */
  public boolean isUp() {
    return coordinator.answers();
  }

  /** Worker {@code i} (1-based). */
  public ServiceEnvironment worker(int i) {
    return workers.get(i - 1);
  }

  /**
   * The coordinator first, then the workers: those this configuration can start, and any other
   * whose process runs.
   */
  List<ClusterMember> members() {
    List<ClusterMember> all = new ArrayList<>();
    all.add(coordinator);
    all.addAll(workers);
    return all.stream()
        .filter(member -> member.canStart() || member.running().isPresent())
        .toList();
  }

  /** {@code http://127.0.0.1:port}. */
  static String ui(int port) {
    return "http://" + StackConfig.HOST + ":" + port;
  }

  /**
   * The highest {@code n} of a folder {@code <prefix>n} under the stack's home: members an earlier
   * {@code stack up} started.
   */
  static int highestOnDisk(Path home, String prefix) {
    if (!Files.isDirectory(home)) {
      return 0;
    }
    try (Stream<Path> dirs = Files.list(home)) {
      return dirs.map(dir -> dir.getFileName().toString())
          .filter(name -> name.startsWith(prefix))
          .map(name -> name.substring(prefix.length()))
          .filter(n -> n.matches("[1-9][0-9]{0,2}"))
          .mapToInt(Integer::parseInt)
          .max()
          .orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
