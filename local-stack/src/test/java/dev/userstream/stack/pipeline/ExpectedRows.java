package dev.userstream.stack.pipeline;

import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.Rejection;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What Cassandra must hold after a job processed the given records: common-model's own output for
 * the same bytes and Kafka timestamps. The oracle both engines are held to.
 */
public record ExpectedRows(
    Map<UUID, StoredUser> users, Map<RecordPosition, String> rejects, int produced) {

  /** Applies the transformation to every record; a duplicate user id is a broken fixture. */
  public static ExpectedRows of(List<ProducedRecord> records, UserTransform transform) {
    Map<UUID, StoredUser> users = new HashMap<>();
    Map<RecordPosition, String> rejects = new HashMap<>();
    for (ProducedRecord record : records) {
      TransformResult result = transform.apply(record.value(), record.timestamp());
      Lineage lineage = record.lineage();
      if (result instanceof CreatedUser user) {
        if (users.put(user.id(), new StoredUser(user, lineage)) != null) {
          throw new IllegalArgumentException("fixture has user id " + user.id() + " twice");
        }
      } else {
        rejects.put(record.position(), ((Rejection) result).reason());
      }
    }
    return new ExpectedRows(Map.copyOf(users), Map.copyOf(rejects), records.size());
  }
}
