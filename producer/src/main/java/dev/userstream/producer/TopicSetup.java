package dev.userstream.producer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks that Kafka answers and that the topic exists, creating it if missing, all within the
 * request's timeout: the first thing a run does, so an unreachable broker is one clear line after a
 * bounded wait instead of a producer blocking on metadata.
 */
final class TopicSetup {
  private TopicSetup() {}

  /** The topic's partition count; creates it with the request's count when it does not exist. */
  static int ensureTopic(ProduceRequest request) {
    long deadline = System.nanoTime() + request.timeout().toNanos();
    Admin admin;
    try {
      admin = Admin.create(adminProperties(request));
    } catch (KafkaException e) {
      // e.g. "No resolvable bootstrap urls": the host name does not resolve.
      throw new ProduceException(
          "Kafka at " + request.bootstrapServers() + " is unreachable (" + rootMessage(e) + ")",
          null,
          e);
    }
    try {
      Optional<Integer> existing = partitions(admin, request, deadline);
      if (existing.isPresent()) {
        return existing.get();
      }
      // No replication factor given: the broker's default.replication.factor fits any cluster.
      NewTopic topic =
          new NewTopic(request.topic(), Optional.of(request.partitions()), Optional.empty());
      try {
        await(admin.createTopics(List.of(topic)).all(), request, deadline);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw failure("cannot create topic " + request.topic(), request, e.getCause());
        }
        // Created by someone else in between: use theirs.
        return partitions(admin, request, deadline).orElse(request.partitions());
      }
      awaitLeaders(admin, request, deadline);
      return request.partitions();
    } finally {
      // Nothing worth waiting for is pending: after a timeout, a graceful close would only wait
      // out the abandoned request and delay the error line.
      admin.close(Duration.ZERO);
    }
  }

  /**
   * Returns once every partition of a new topic has a leader. An idempotent producer that writes
   * while a leader is still being elected can be refused and then fail every retry with
   * OutOfOrderSequence (seen under load on a 2-core machine).
   */
  private static void awaitLeaders(Admin admin, ProduceRequest request, long deadline) {
    while (true) {
      try {
        TopicDescription description =
            await(admin.describeTopics(Set.of(request.topic())).allTopicNames(), request, deadline)
                .get(request.topic());
        if (description.partitions().stream().allMatch(p -> p.leader() != null)) {
          return;
        }
      } catch (ExecutionException e) {
        // The metadata of a brand-new topic can lag behind its creation: ask again.
      }
      if (System.nanoTime() > deadline) {
        throw unreachable(request, new TimeoutException("no leader for " + request.topic()));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unreachable(request, e);
      }
    }
  }

  private static Optional<Integer> partitions(Admin admin, ProduceRequest request, long deadline) {
    try {
      TopicDescription description =
          await(admin.describeTopics(Set.of(request.topic())).allTopicNames(), request, deadline)
              .get(request.topic());
      return Optional.of(description.partitions().size());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw failure("cannot describe topic " + request.topic(), request, e.getCause());
    }
  }

  /** Waits for an admin result until the deadline; no answer at all means unreachable. */
  private static <T> T await(KafkaFuture<T> future, ProduceRequest request, long deadline)
      throws ExecutionException {
    try {
      long left = Math.max(0, deadline - System.nanoTime());
      return future.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw unreachable(request, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(request, e.getCause());
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProduceException("interrupted while connecting to Kafka", null, e);
    }
  }

  private static ProduceException unreachable(ProduceRequest request, Throwable cause) {
    return new ProduceException(
        "Kafka at "
            + request.bootstrapServers()
            + " is unreachable (no answer within "
            + seconds(request.timeout())
            + ")",
        null,
        cause);
  }

  private static ProduceException failure(String what, ProduceRequest request, Throwable cause) {
    return new ProduceException(
        what + " at " + request.bootstrapServers() + ": " + rootMessage(cause), null, cause);
  }

  static Properties adminProperties(ProduceRequest request) {
    Properties props = new Properties();
    // The user's properties first (security settings apply to the admin too), ours win for the
    // address and the timeouts that bound this check.
    props.putAll(request.kafkaProperties());
    int millis = (int) Math.min(request.timeout().toMillis(), Integer.MAX_VALUE);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, request.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "userstream-producer-admin");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return props;
  }

  /** "20 s", or "2.5 s" when the timeout is not whole seconds. */
  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0
        ? (millis / 1000) + " s"
        : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** The innermost message: Kafka wraps the cause worth reading in one or two layers. */
  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}
