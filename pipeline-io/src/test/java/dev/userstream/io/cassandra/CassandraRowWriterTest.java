package dev.userstream.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.KafkaRecordBinder.BoundRow;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.TestUsers;
import dev.userstream.model.UserTransform;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared writer (and the bound-row writer over it) against a recording fake session: window,
 * unset nulls, batches, failures, each row to its table.
 */
class CassandraRowWriterTest {
  private static final ConsistencyLevel LEVEL = DefaultConsistencyLevel.LOCAL_QUORUM;

  private final FakeSession fake = new FakeSession();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    thread.shutdownNow();
  }

  @Test
  void nullsAreLeftUnsetAndEveryStatementCarriesTheConsistency() {
    fake.answerAtOnce = true;
    CassandraRowWriter writer = new CassandraRowWriter(fake.session(), LEVEL, 4, 1);
    writer.write(fake.prepared("users"), new Object[] {"a", null, 3, null});
    writer.finish();

    Bound sent = bound(fake.sent.get(0));
    assertEquals(Set.of(1, 3), sent.unset);
    assertEquals(LEVEL, sent.level);
    assertEquals(1, writer.acknowledged());
    assertEquals(
        DefaultConsistencyLevel.EACH_QUORUM, CassandraRowWriter.consistency("EACH_QUORUM"));
  }

  @Test
  void neverMoreThanTheWindowIsInFlight() throws Exception {
    CassandraRowWriter writer = new CassandraRowWriter(fake.session(), LEVEL, 2, 1);
    PreparedStatement insert = fake.prepared("users");
    Future<?> feeding =
        thread.submit(
            () -> {
              for (int i = 0; i < 5; i++) {
                writer.write(insert, new Object[] {i});
              }
              writer.finish();
            });
    awaitSent(2);
    Thread.sleep(200);
    assertEquals(2, fake.sent.size(), "the third write waits for an answer");
    for (int answered = 0; answered < 5; answered++) {
      awaitSent(answered + 1);
      assertTrue(fake.sent.size() - answered <= 2, "at most two unanswered");
      fake.answers.get(answered).complete(null);
    }
    feeding.get(10, TimeUnit.SECONDS);
    assertEquals(5, writer.acknowledged());
  }

  @Test
  void fullBatchesGoAtOnceAndTheRestOnFinishOnePerTable() {
    fake.answerAtOnce = true;
    CassandraRowWriter writer = new CassandraRowWriter(fake.session(), LEVEL, 8, 3);
    PreparedStatement users = fake.prepared("users");
    PreparedStatement rejects = fake.prepared("rejects");
    for (int i = 0; i < 4; i++) {
      writer.write(users, new Object[] {i});
    }
    writer.write(rejects, new Object[] {"r1"});
    writer.write(rejects, new Object[] {"r2"});
    assertEquals(1, fake.sent.size(), "one full batch so far");
    writer.finish();

    BatchStatement full = assertInstanceOf(BatchStatement.class, fake.sent.get(0));
    assertEquals(DefaultBatchType.UNLOGGED, full.getBatchType());
    assertEquals(3, full.size());
    assertEquals(LEVEL, full.getConsistencyLevel());
    List<Integer> rest = new ArrayList<>();
    for (Statement<?> s : fake.sent.subList(1, fake.sent.size())) {
      rest.add(s instanceof BatchStatement b ? b.size() : 1);
      assertEquals(LEVEL, s instanceof BatchStatement b ? b.getConsistencyLevel() : bound(s).level);
    }
    rest.sort(null);
    assertEquals(List.of(1, 2), rest, "the users' last row alone, the two rejects in a batch");
    assertEquals(6, writer.acknowledged());
  }

  @Test
  void theFirstFailureIsReportedOnceEveryWriteHasAnswered() throws Exception {
    CassandraRowWriter writer = new CassandraRowWriter(fake.session(), LEVEL, 4, 1);
    PreparedStatement insert = fake.prepared("users");
    for (int i = 0; i < 3; i++) {
      writer.write(insert, new Object[] {i});
    }
    IllegalStateException boom = new IllegalStateException("boom\nat the coordinator");
    fake.answers.get(1).completeExceptionally(boom);
    assertTrue(writer.failed());
    fake.answers.get(2).completeExceptionally(new IllegalStateException("later"));

    Future<?> finishing = thread.submit(writer::finish);
    Thread.sleep(200);
    assertFalse(finishing.isDone(), "the first write is still in flight");
    fake.answers.get(0).complete(null);
    Exception e = assertThrows(Exception.class, () -> finishing.get(10, TimeUnit.SECONDS));
    CassandraRowWriter.WriteFailedException failed =
        assertInstanceOf(CassandraRowWriter.WriteFailedException.class, e.getCause());
    assertEquals("a write to Cassandra failed: boom", failed.getMessage());
    assertSame(boom, failed.getCause());
    assertEquals(1, writer.acknowledged());
  }

  @Test
  void boundRowsGoToTheirTablesAndAFailureStopsTheNextWrite() {
    PipelineOptions options = PipelineOptions.parse("--cassandra-consistency", "EACH_QUORUM");
    CassandraSchema schema = options.cassandraSchema();
    KafkaRecordBinder binder = new KafkaRecordBinder(UserTransform.withDefaults(), schema, "test");
    BoundRowWriter writer = new BoundRowWriter(fake.session(), options, 1);
    BoundRow user = binder.bind(TestUsers.raw().bytes(), "t", 0, 1, TestUsers.EVENT_TIME, null);
    BoundRow reject = binder.bind(new byte[] {'x'}, "t", 0, 2, TestUsers.EVENT_TIME, Instant.now());
    writer.write(user);
    writer.write(reject);
    assertEquals(
        List.of(schema.insertUserCql(), schema.insertRejectCql()),
        fake.sent.stream().map(s -> bound(s).from).toList());
    assertEquals(DefaultConsistencyLevel.EACH_QUORUM, bound(fake.sent.get(0)).level);

    fake.answers.get(0).complete(null);
    fake.answers.get(1).completeExceptionally(new IllegalStateException("node down"));
    fake.answerAtOnce = true;
    // The next row is still sent (the failure is seen after it), then the failure is thrown.
    CassandraRowWriter.WriteFailedException failed =
        assertThrows(CassandraRowWriter.WriteFailedException.class, () -> writer.write(user));
    assertEquals("a write to Cassandra failed: node down", failed.getMessage());
    assertEquals(3, fake.sent.size());
    assertEquals(2, writer.acknowledged());
  }

  private void awaitSent(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (fake.sent.size() < count) {
      assertTrue(System.nanoTime() < deadline, "waited for statement " + count);
      Thread.sleep(5);
    }
  }

  private static Bound bound(Statement<?> statement) {
    return (Bound) Proxy.getInvocationHandler(statement);
  }

  /** What a bound statement of the fake recorded. */
  private static final class Bound implements java.lang.reflect.InvocationHandler {
    final String from;
    final Set<Integer> unset = new HashSet<>();

    Bound(String from) {
      this.from = from;
    }

    ConsistencyLevel level;

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
      switch (method.getName()) {
        case "unset" -> unset.add((Integer) args[0]);
        case "setConsistencyLevel" -> level = (ConsistencyLevel) args[0];
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        default -> {
          return null;
        }
      }
      return proxy;
    }
  }

  /** A session that records every statement and answers when told (or at once). */
  private static final class FakeSession {
    final List<Statement<?>> sent = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<AsyncResultSet>> answers = new CopyOnWriteArrayList<>();
    volatile boolean answerAtOnce;

    CqlSession session() {
      return proxy(
          CqlSession.class,
          (proxy, method, args) -> {
            if (method.getName().equals("prepare") && args[0] instanceof String cql) {
              return prepared(cql);
            }
            if (!method.getName().equals("executeAsync")) {
              throw new UnsupportedOperationException(method.getName());
            }
            CompletableFuture<AsyncResultSet> answer = new CompletableFuture<>();
            answers.add(answer);
            sent.add((Statement<?>) args[0]);
            if (answerAtOnce) {
              answer.complete(null);
            }
            return answer;
          });
    }

    PreparedStatement prepared(String name) {
      return proxy(
          PreparedStatement.class,
          (proxy, method, args) ->
              switch (method.getName()) {
                case "bind" -> proxy(BoundStatement.class, new Bound(name));
                case "toString" -> name;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
              });
    }

    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
      return type.cast(
          Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
  }
}
