package dev.userstream.flink;

import dev.userstream.io.CheckpointPaths;
import dev.userstream.io.PipelineOptions.Mode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/** The Flink configuration of a run: checkpointing, restarts, restore point, loopback addresses. */
public final class FlinkConfiguration {
  /** Local runs bind nothing but loopback. */
  public static final String LOOPBACK = "127.0.0.1";

  private FlinkConfiguration() {}

  /**
   * The configuration {@link FlinkJobMain} creates its environment with.
   *
   * @param resume the checkpoint to restore (continuous mode), if any
   * @param local whether the job runs in this JVM (then every address is loopback)
   */
  public static Configuration of(FlinkJobOptions options, Optional<URI> resume, boolean local) {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.NAME, "userstream " + options.pipeline().topic());
    if (options.pipeline().mode() == Mode.CONTINUOUS) {
      conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
      // The sinks are at-least-once and the writes idempotent, so barrier alignment buys nothing.
      conf.set(
          CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.AT_LEAST_ONCE);
      conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      conf.set(
          CheckpointingOptions.CHECKPOINTS_DIRECTORY,
          CheckpointPaths.uri(options.pipeline(), "flink").toString());
      // Kept when the job is cancelled or its process dies: what a restart resumes from.
      conf.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
      conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
      // A failing Cassandra or broker: retry for a while from the last checkpoint, then give up.
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(10));
      resume.ifPresent(uri -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, uri.toString()));
    } else {
      // A bounded run restarts from the beginning (idempotent upserts make that harmless).
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
    }
    if (local) {
      conf.set(RestOptions.ADDRESS, LOOPBACK);
      conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
      conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
      conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
      conf.set(TaskManagerOptions.HOST, LOOPBACK);
      conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
      // One slot per subtask of the job, nothing more.
      conf.set(TaskManagerOptions.NUM_TASK_SLOTS, options.pipeline().parallelism());
    }
    return conf;
  }
}
