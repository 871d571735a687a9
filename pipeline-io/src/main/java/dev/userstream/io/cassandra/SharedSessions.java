package dev.userstream.io.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.io.PipelineOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Cassandra session per JVM and set of options, opened by {@link CassandraSessions#open} on
 * first use and closed when the JVM exits. A session costs a control connection, the cluster's
 * metadata and a connection pool: hundreds of milliseconds that a task opening its own would add to
 * every record waiting behind it. A failed open is not kept: the next caller tries again. The
 * driver reconnects a kept session to nodes that come back by itself.
 */
final class SharedSessions {
  private static final Map<PipelineOptions, CqlSession> SESSIONS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> SESSIONS.values().forEach(CqlSession::close), "userstream-sessions"));
  }

  private SharedSessions() {}

  /** The session for {@code options}, opened now if this JVM has none yet. */
  static CqlSession get(PipelineOptions options) {
    return SESSIONS.computeIfAbsent(options, CassandraSessions::open);
  }
}
