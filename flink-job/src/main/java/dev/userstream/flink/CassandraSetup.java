package dev.userstream.flink;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.AuthenticationException;
import com.datastax.driver.core.exceptions.DriverException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.UnauthorizedException;
import dev.userstream.io.PipelineOptions;
import dev.userstream.model.CassandraSchema;

/**
 * Creates the keyspace and tables before the job is submitted, with the same driver and connection
 * the sinks use: a Cassandra that is down, refuses the credentials or the DDL stops the run here,
 * as one line, instead of as a restart loop of sink tasks.
 */
public final class CassandraSetup {
  private CassandraSetup() {}

  /**
   * Applies {@link CassandraSchema#ddl()} (all {@code IF NOT EXISTS}).
   *
   * @throws JobSetupException with a one-line message naming the address and the cause
   */
  public static void ensureSchema(CassandraConnection connection, CassandraSchema schema) {
    try (Cluster cluster = connection.getCluster();
        Session session = cluster.connect()) {
      for (String cql : schema.ddl()) {
        session.execute(cql);
      }
      if (!cluster.getMetadata().checkSchemaAgreement()) {
        // Single nodes always agree; a cluster catches up within seconds, inserts retry meanwhile.
        System.err.println("flink-job: warning: Cassandra schema versions do not agree yet");
      }
    } catch (AuthenticationException e) {
      throw rejectedCredentials(connection);
    } catch (NoHostAvailableException e) {
      if (e.getErrors().values().stream().anyMatch(AuthenticationException.class::isInstance)) {
        throw rejectedCredentials(connection);
      }
      throw new JobSetupException(
          "cannot reach Cassandra at "
              + connection.address()
              + " ("
              + firstError(e)
              + "); is it running, and are --cassandra-host/--cassandra-port right?");
    } catch (UnauthorizedException e) {
      throw new JobSetupException(
          "Cassandra user '"
              + connection.username()
              + "' may not create "
              + schema.keyspace()
              + " or its tables: "
              + e.getMessage());
    } catch (DriverException e) {
      throw new JobSetupException(
          "creating " + schema.keyspace() + " at " + connection.address() + " failed: " + e);
    }
  }

  /** One line naming the user, never the password, and where credentials come from. */
  private static JobSetupException rejectedCredentials(CassandraConnection connection) {
    return new JobSetupException(
        PipelineOptions.rejectedCredentials(connection.address(), connection.username()));
  }

  private static String firstError(NoHostAvailableException e) {
    return e.getErrors().values().stream()
        .findFirst()
        .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
        .orElse(e.getMessage());
  }
}
