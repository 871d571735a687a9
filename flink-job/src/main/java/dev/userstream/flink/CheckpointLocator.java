package dev.userstream.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * Which retained checkpoint a restart resumes from (read through Flink's file systems).
 *
 * <p>Checkpoints of a topic and keyspace live under pipeline-io's {@code CheckpointPaths} folder,
 * {@code <checkpoint-dir>/flink/<keyspace>.<topic>} (Flink adds {@code <job id>/chk-<n>/}), so two
 * pipelines sharing a checkpoint folder never restore each other's Kafka offsets. Checkpoints are
 * retained when a job is cancelled or dies, so a restart finds the newest complete one (it has a
 * {@code _metadata} file).
 */
public final class CheckpointLocator {
  private static final String METADATA = "_metadata";

  private CheckpointLocator() {}

  /** The newest complete checkpoint under {@code storage}, if any. */
  public static Optional<URI> latest(URI storage) {
    try {
      org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(storage);
      FileSystem fs = root.getFileSystem();
      if (!fs.exists(root)) {
        return Optional.empty();
      }
      FileStatus newest = null;
      for (FileStatus job : list(fs, root)) {
        if (!job.isDir()) {
          continue;
        }
        for (FileStatus chk : list(fs, job.getPath())) {
          if (!chk.isDir() || !chk.getPath().getName().startsWith("chk-")) {
            continue;
          }
          org.apache.flink.core.fs.Path metadata =
              new org.apache.flink.core.fs.Path(chk.getPath(), METADATA);
          if (!fs.exists(metadata)) {
            continue; // in progress when the job died
          }
          FileStatus status = fs.getFileStatus(metadata);
          if (newest == null || status.getModificationTime() > newest.getModificationTime()) {
            newest = status;
          }
        }
      }
      return Optional.ofNullable(newest).map(s -> s.getPath().getParent().toUri());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints under " + storage, e);
    }
  }

  /** Whether a checkpoint or savepoint folder (or its metadata file) exists at {@code location}. */
  public static boolean exists(URI location) {
    try {
      org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(location);
      return path.getFileSystem().exists(path);
    } catch (IOException e) {
      return false;
    }
  }

  private static FileStatus[] list(FileSystem fs, org.apache.flink.core.fs.Path dir)
      throws IOException {
    FileStatus[] entries = fs.listStatus(dir);
    return entries == null ? new FileStatus[0] : entries;
  }
}
