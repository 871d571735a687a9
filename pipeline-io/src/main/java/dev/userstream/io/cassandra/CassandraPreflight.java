package dev.userstream.io.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import dev.userstream.model.CassandraSchema;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check every job and {@code userstream schema} run before any record moves: open a
 * session, create the keyspace and both tables when absent ({@link CassandraSchema#ddl()}). A
 * Cassandra that is down, refuses the login, fails the TLS handshake or denies the DDL stops the
 * run here with one line, the same wording everywhere ({@link #failure}).
 */
public final class CassandraPreflight {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraPreflight.class);

  private CassandraPreflight() {}

  /**
   * Creates the schema of the options through a {@link CassandraSessions} session, which waits at
   * most {@code --connect-timeout} for a node.
   *
   * @throws PreflightException one line naming the address and what is wrong
   */
  public static void ensureSchema(PipelineOptions p) {
    ensureSchema(p, () -> CassandraSessions.open(p));
  }

  /**
   * Creates the schema of the options through a session from {@code sessions} (the Spark driver
   * passes its connector's, so that {@code spark.cassandra.*} settings apply).
   *
   * @throws PreflightException one line naming the address and what is wrong
   */
  public static void ensureSchema(PipelineOptions p, Supplier<CqlSession> sessions) {
    CassandraSchema schema = p.cassandraSchema();
    String doing = "creating keyspace " + schema.keyspace() + " and its tables";
    // Exception, not RuntimeException: the Spark connector rethrows an IOException undeclared.
    try (CqlSession session = sessions.get()) {
      for (String cql : schema.ddl()) {
        session.execute(cql);
      }
      if (!session.checkSchemaAgreement()) {
        // A single node always agrees; a cluster catches up within seconds, inserts retry
        // meanwhile.
        LOG.warn("Cassandra schema versions at {} do not agree yet", p.cassandraAddress());
      }
    } catch (PreflightException e) {
      throw e;
    } catch (Exception e) {
      throw failure(p, doing, e);
    }
  }

  /**
   * The one line for a Cassandra failure: a refused login ({@link
   * PipelineOptions#rejectedCredentials}), a failed TLS handshake, a missing permission, an
   * unreachable node, or else the driver's first line after {@code doing}.
   *
   * @param doing what failed, as a gerund phrase ("reading the tables")
   */
  public static PreflightException failure(PipelineOptions p, String doing, Throwable e) {
    String where = p.cassandraAddress();
    String user = p.cassandraUsername().orElse(null);
    if (find(e, AuthenticationException.class) != null) {
      return new PreflightException(PipelineOptions.rejectedCredentials(where, user), e);
    }
    Throwable tls = find(e, SSLException.class);
    if (tls != null) {
      String check = " failed (check --cassandra-ssl and the truststore): ";
      return new PreflightException(
          "the TLS handshake with Cassandra at " + where + check + firstLine(tls), e);
    }
    Throwable denied = find(e, UnauthorizedException.class);
    if (denied != null) {
      String who = user == null ? "the anonymous login" : "user '" + user + "'";
      return new PreflightException(
          String.format(
              "Cassandra at %s denied %s the permission for %s: %s",
              where, who, doing, firstLine(denied)),
          e);
    }
    // The Spark connector reports a failed connection as an IOException of its own.
    if (find(e, AllNodesFailedException.class) != null || find(e, IOException.class) != null) {
      return new PreflightException(
          "Cassandra is not reachable at "
              + where
              + " (check --cassandra-host/--cassandra-port, and that it is up)",
          e);
    }
    return new PreflightException(doing + " at Cassandra " + where + " failed: " + firstLine(e), e);
  }

  /** The first line of the message: driver messages can run over many. */
  public static String firstLine(Throwable e) {
    return dev.userstream.io.Failures.firstLine(String.valueOf(e.getMessage()));
  }

  /**
   * The first {@code type} in the cause chain, looking also into the per-node errors of "all nodes
   * failed" (how the driver reports a login every node refused); null when absent.
   */
  private static Throwable find(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
      if (t instanceof AllNodesFailedException all) {
        for (List<Throwable> errors : all.getAllErrors().values()) {
          for (Throwable error : errors) {
            Throwable found = find(error, type);
            if (found != null) {
              return found;
            }
          }
        }
      }
    }
    return null;
  }
}
