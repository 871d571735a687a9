package dev.userstream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.CreatedUser;
import dev.userstream.model.Lineage;
import dev.userstream.model.RejectedPayload;
import dev.userstream.model.Rejection;
import dev.userstream.model.TestUsers;
import dev.userstream.model.TransformResult;
import dev.userstream.model.UserTransform;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack of its own (not the shared one): start, schema, one user and one rejection written with
 * bound statements and read back, a second {@code up}, then stop with no process left behind.
 */
class LocalStackLifecycleIT {
  private static final Instant EVENT_TIME = Instant.parse("2024-05-01T12:00:00Z");

  @TempDir Path home;

  private StackConfig isolatedConfig() {
    // The test ports + 10000 (29092, ...), moved by -Dit.port.offset like every test stack.
    return SharedTestStack.config(home, 10_000).withOwner(ProcessHandle.current().pid());
  }

  @Test
  void startsWritesReadsAndStopsWithoutLeftovers() {
    LocalStack stack = new LocalStack(isolatedConfig());
    try {
      assertEquals(
          LocalStack.UpResult.STARTED, stack.up(LocalStack.DEFAULT_START_TIMEOUT, s -> {}));
      long kafkaPid = stack.kafka().running().orElseThrow().pid();
      long cassandraPid = stack.cassandra().running().orElseThrow().pid();
      assertTrue(stack.isUp());
      assertEquals(
          LocalStack.UpResult.ALREADY_UP, stack.up(LocalStack.DEFAULT_START_TIMEOUT, s -> {}));
      assertEquals(
          kafkaPid, stack.kafka().running().orElseThrow().pid(), "second up restarted Kafka");

      CassandraSchema schema =
          new CassandraSchema("lifecycle_it", "created_users", "rejected_users", 1);
      stack.cassandra().applySchema(schema);
      stack.kafka().createTopic("users_created", 2);
      writeAndReadBack(stack, schema);

      assertEquals(List.of("cassandra", "kafka"), stack.down());
      assertFalse(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false));
      assertFalse(ProcessHandle.of(cassandraPid).map(ProcessHandle::isAlive).orElse(false));
      assertTrue(stack.status().stream().noneMatch(ServiceStatus::isUp));
    } finally {
      stack.down();
    }
  }

  @Test
  void failsClearlyWhenTheCqlPortIsTaken() throws Exception {
    StackConfig config = isolatedConfig();
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(
          new InetSocketAddress(InetAddress.getByName(StackConfig.HOST), config.cassandraPort()));
      LocalStack stack = new LocalStack(config);
      StackException error =
          assertThrows(
              StackException.class, () -> stack.up(LocalStack.DEFAULT_START_TIMEOUT, s -> {}));
      assertTrue(error.getMessage().contains("port " + config.cassandraPort()), error.getMessage());
      assertTrue(error.getMessage().contains("already in use"), error.getMessage());
      // Every port is checked before anything starts: nothing runs after the failure.
      assertTrue(stack.kafka().running().isEmpty(), "a failed up left Kafka running");
    }
  }

  private static void writeAndReadBack(LocalStack stack, CassandraSchema schema) {
    UserTransform transform = UserTransform.withDefaults();
    CreatedUser user = (CreatedUser) transform.apply(TestUsers.raw().bytes(), EVENT_TIME);
    byte[] bad = "{not json".getBytes(StandardCharsets.UTF_8);
    TransformResult result = transform.apply(bad, EVENT_TIME);
    Rejection rejection = (Rejection) result;
    Lineage userLineage = new Lineage("users_created", 0, 41L, EVENT_TIME);
    Lineage rejectLineage = new Lineage("users_created", 1, 42L, EVENT_TIME);
    Instant rejectedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    try (CqlSession session = stack.cassandra().session()) {
      session.execute(
          session
              .prepare(schema.insertUserCql())
              .bind(schema.userBindValues(user, userLineage, "test")));
      session.execute(
          session
              .prepare(schema.insertRejectCql())
              .bind(
                  schema.rejectBindValues(
                      rejection,
                      RejectedPayload.of(bad, RejectedPayload.DEFAULT_MAX_STORED_BYTES),
                      rejectLineage,
                      "test",
                      rejectedAt)));

      Row userRow =
          session
              .execute(
                  session
                      .prepare("SELECT * FROM lifecycle_it.created_users WHERE id = ?")
                      .bind(user.id()))
              .one();
      assertNotNull(userRow, "user row not found");
      assertEquals(user.email(), userRow.getString("email"));
      assertEquals(user.fullName(), userRow.getString("full_name"));
      assertEquals(user.postCode(), userRow.getString("post_code"));
      assertEquals(41L, userRow.getLong("source_offset"));
      assertEquals(EVENT_TIME, userRow.getInstant("event_time"));

      Row rejectRow =
          session
              .execute(
                  session
                      .prepare(
                          "SELECT * FROM lifecycle_it.rejected_users"
                              + " WHERE topic = ? AND source_partition = ? AND source_offset = ?")
                      .bind("users_created", 1, 42L))
              .one();
      assertNotNull(rejectRow, "rejection row not found");
      assertEquals("{not json", rejectRow.getString("raw"));
      assertEquals(rejection.reason(), rejectRow.getString("reason"));
      assertEquals(rejectedAt, rejectRow.getInstant("rejected_at"));
    }
  }
}
