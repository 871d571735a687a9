package dev.userstream.io;

import java.net.URI;
import java.nio.file.Path;

/**
 * The one checkpoint scheme of every engine: {@code <checkpoint-dir>/<engine>/<keyspace>.<topic>}.
 * One folder per engine, keyspace and topic, so the shared default folder never hands one query
 * another's offsets (an engine would refuse, or worse, skip records).
 */
public final class CheckpointPaths {
  private CheckpointPaths() {}

  /** The folder of {@code engine}'s checkpoints, as given (a path or a URI such as s3://...). */
  public static String location(PipelineOptions p, String engine) {
    String base = p.checkpointDir();
    String separator = base.endsWith("/") ? "" : "/";
    return base + separator + engine + "/" + p.keyspace() + "." + p.topic();
  }

  /** The same folder as a URI; a plain path becomes an absolute file URI. */
  public static URI uri(PipelineOptions p, String engine) {
    String dir = p.checkpointDir();
    boolean isUri = dir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !dir.matches("^[a-zA-Z]:\\\\.*");
    URI base = isUri ? URI.create(dir) : Path.of(dir).toAbsolutePath().normalize().toUri();
    if (!base.toString().endsWith("/")) {
      base = URI.create(base + "/"); // resolve() must append, not replace the last name
    }
    return base.resolve(engine + "/" + p.keyspace() + "." + p.topic());
  }
}
