package dev.userstream.stack.pipeline;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a job wrote, read back by paging (a COUNT(*) over 100k rows times out here), plus the
 * engine names it recorded.
 */
public record StoredRows(
    Map<UUID, StoredUser> users,
    Map<RecordPosition, String> rejects,
    Map<UUID, String> userEngines,
    Map<RecordPosition, String> rejectEngines) {

  private static final int PAGE_SIZE = 2000;

  /** Reads both tables of {@code schema} whole. */
  public static StoredRows read(CqlSession session, CassandraSchema schema) {
    Map<UUID, StoredUser> users = new HashMap<>();
    Map<UUID, String> userEngines = new HashMap<>();
    String usersCql = "SELECT * FROM " + schema.keyspace() + "." + schema.usersTable();
    for (Row row : session.execute(SimpleStatement.newInstance(usersCql).setPageSize(PAGE_SIZE))) {
      CreatedUser user =
          new CreatedUser(
              row.getUuid("id"),
              row.getString("first_name"),
              row.getString("last_name"),
              row.getString("gender"),
              row.getString("address"),
              row.getString("post_code"),
              row.getString("email"),
              row.getString("username"),
              row.getString("dob"),
              row.getString("registered_date"),
              row.getString("phone"),
              row.getString("picture"),
              row.getString("full_name"),
              row.getString("email_domain"),
              row.isNull("age") ? null : row.getInt("age"),
              row.getString("nationality"),
              row.getString("country"));
      Lineage lineage =
          new Lineage(
              row.getString("source_topic"),
              row.getInt("source_partition"),
              row.getLong("source_offset"),
              row.getInstant("event_time"));
      users.put(user.id(), new StoredUser(user, lineage));
      userEngines.put(user.id(), row.getString("engine"));
    }
    Map<RecordPosition, String> rejects = new HashMap<>();
    Map<RecordPosition, String> rejectEngines = new HashMap<>();
    String rejectsCql =
        "SELECT topic, source_partition, source_offset, reason, engine FROM "
            + schema.keyspace()
            + "."
            + schema.rejectsTable();
    for (Row row :
        session.execute(SimpleStatement.newInstance(rejectsCql).setPageSize(PAGE_SIZE))) {
      RecordPosition position =
          new RecordPosition(
              row.getString("topic"), row.getInt("source_partition"), row.getLong("source_offset"));
      rejects.put(position, row.getString("reason"));
      rejectEngines.put(position, row.getString("engine"));
    }
    return new StoredRows(users, rejects, userEngines, rejectEngines);
  }
}
