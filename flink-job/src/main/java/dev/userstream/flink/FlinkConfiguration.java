package dev.userstream.flink;

import dev.userstream.io.CheckpointPaths;
import dev.userstream.io.Failures;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PipelineOptions.Mode;
import dev.userstream.io.PreflightException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The Flink configuration of a run: checkpointing, restarts, the checkpoint it resumes from, and
 * loopback addresses for a run in this JVM.
 *
 * <p>Checkpoints live under pipeline-io's {@link CheckpointPaths} folder, {@code
 * <checkpoint-dir>/flink/<keyspace>.<topic>} (Flink adds {@code <job id>/chk-<n>/}), so pipelines
 * sharing a checkpoint folder never restore each other's Kafka offsets. They are retained when a
 * job is cancelled or dies, so a restart with {@code --resume-from latest} finds the newest
 * complete one.
 */
public final class FlinkConfiguration {
  /** Local runs bind nothing but loopback. */
  public static final String LOOPBACK = "127.0.0.1";

  private FlinkConfiguration() {}

  /**
   * The configuration {@link FlinkJobMain} creates its environment with; a continuous run's restore
   * point, if any, is its {@link StateRecoveryOptions#SAVEPOINT_PATH}.
   *
   * @param local whether the job runs in this JVM (then every address is loopback)
   * @throws PreflightException when {@code --resume-from} names no checkpoint
   */
  public static Configuration of(PipelineOptions p, boolean local) {
    boolean continuous = p.mode() == Mode.CONTINUOUS;
    Configuration conf = new Configuration();
    conf.set(org.apache.flink.configuration.PipelineOptions.NAME, "userstream " + p.topic());
    // A failing Cassandra or broker: retry a while, then give up. A continuous run restarts from
    // its last checkpoint, a bounded one from the beginning (idempotent upserts make both safe).
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, continuous ? 10 : 2);
    conf.set(
        RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
        Duration.ofSeconds(continuous ? 10 : 5));
    if (continuous) {
      conf.set(
          CheckpointingOptions.CHECKPOINTING_INTERVAL, p.get(FlinkJobOptions.CHECKPOINT_INTERVAL));
      // The sinks are at-least-once and the writes idempotent, so barrier alignment buys nothing.
      conf.set(
          CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.AT_LEAST_ONCE);
      conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      URI checkpoints = CheckpointPaths.uri(p, UserStreamJob.ENGINE);
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toString());
      // Kept when the job is cancelled or its process dies: what a restart resumes from.
      conf.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
      conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
      resumePoint(p.get(FlinkJobOptions.RESUME_FROM), checkpoints)
          .ifPresent(uri -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, uri.toString()));
    }
    if (local) {
      conf.set(RestOptions.ADDRESS, LOOPBACK);
      conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
      conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
      conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
      conf.set(TaskManagerOptions.HOST, LOOPBACK);
      conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
      // Slots: Flink's local executor gives its MiniCluster one per subtask of the job.
    }
    return conf;
  }

  /**
   * The checkpoint {@code --resume-from} names: latest under {@code checkpoints}, none or a path.
   */
  static Optional<URI> resumePoint(String from, URI checkpoints) {
    try {
      if (from.equalsIgnoreCase(FlinkJobOptions.RESUME_NONE)) {
        return Optional.empty();
      } else if (from.equalsIgnoreCase(FlinkJobOptions.RESUME_LATEST)) {
        return latestCheckpoint(checkpoints);
      }
      URI given = from.contains(":") ? URI.create(from) : java.nio.file.Path.of(from).toUri();
      if (FileSystem.get(given).exists(new Path(given))) {
        return Optional.of(given);
      }
    } catch (IOException e) {
      throw new PreflightException("--resume-from " + from + ": " + Failures.rootMessage(e), e);
    }
    throw new PreflightException(
        "--resume-from " + from + ": no such checkpoint or savepoint", null);
  }

  /** The newest complete checkpoint (one with {@code _metadata}) of any job under {@code root}. */
  static Optional<URI> latestCheckpoint(URI root) throws IOException {
    FileSystem fs = FileSystem.get(root);
    FileStatus newest = null;
    for (FileStatus job : list(fs, new Path(root))) {
      for (FileStatus chk : list(fs, job.getPath())) {
        Path metadata = new Path(chk.getPath(), "_metadata");
        // A chk-<n> without metadata was in progress when its job died.
        if (chk.getPath().getName().startsWith("chk-") && fs.exists(metadata)) {
          FileStatus status = fs.getFileStatus(metadata);
          if (newest == null || status.getModificationTime() > newest.getModificationTime()) {
            newest = status;
          }
        }
      }
    }
    return Optional.ofNullable(newest).map(s -> s.getPath().getParent().toUri());
  }

  private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
    FileStatus[] entries =
        fs.exists(dir) && fs.getFileStatus(dir).isDir() ? fs.listStatus(dir) : null;
    return entries == null ? new FileStatus[0] : entries;
  }
}
