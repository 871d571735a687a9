package dev.userstream.io;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The one start-up check of Kafka for every process (both jobs, the producer, the test stack): the
 * broker answers within a bounded time, and the topic exists — created when missing (brokers here
 * run with auto-creation off) and returned only once every partition has a leader (a producer that
 * writes while a leader is being elected can fail its retries with OutOfOrderSequence).
 *
 * <p>Every failure is a {@link PreflightException} with one of these lines: {@code Kafka at X is
 * not reachable within N s (check --bootstrap-servers, and that the broker is up)}, {@code Kafka at
 * X refused the client: ...}, {@code Kafka at X has no topic T and could not create it: ...}.
 */
public final class KafkaPreflight {
  private KafkaPreflight() {}

  /**
   * What the check found.
   *
   * @param partitions the topic's partition count
   * @param created true when this check created the topic
   */
  public record Topic(String name, int partitions, boolean created) {}

  /** The topic of {@code p}, created with the broker's default partitions if missing. */
  public static Topic ensureTopic(PipelineOptions p) {
    return ensureTopic(
        p.bootstrapServers(), p.kafkaProperties(), p.topic(), Optional.empty(), p.connectTimeout());
  }

  /**
   * Checks the broker and makes sure {@code topic} exists, all within {@code timeout}.
   *
   * @param partitions the partition count of a topic created here (empty: the broker's default); an
   *     existing topic keeps its own
   * @throws PreflightException one line saying what is wrong
   */
  public static Topic ensureTopic(
      String bootstrapServers,
      Map<String, String> kafkaProperties,
      String topic,
      Optional<Integer> partitions,
      Duration timeout) {
    Check check = new Check(bootstrapServers, timeout);
    Admin admin;
    try {
      admin = Admin.create(adminProperties(bootstrapServers, kafkaProperties, timeout));
    } catch (KafkaException e) {
      // "No resolvable bootstrap urls" for an unknown host name, or bad client properties.
      String why = Failures.rootMessage(e);
      throw new PreflightException(
          check.where
              + (why.contains("bootstrap")
                  ? " is not reachable ("
                  : " refused the client settings (")
              + why
              + ")",
          e);
    }
    try {
      Optional<Integer> existing = check.partitions(admin, topic);
      if (existing.isPresent()) {
        return new Topic(topic, existing.get(), false);
      }
      // No replication factor given: the broker's default.replication.factor fits any cluster.
      try {
        check.await(
            admin.createTopics(List.of(new NewTopic(topic, partitions, Optional.empty()))).all());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw check.refused(e, "has no topic " + topic + " and could not create it");
        }
        // Created meanwhile by someone else: use theirs.
        return new Topic(topic, check.partitions(admin, topic).orElse(0), false);
      }
      return new Topic(topic, check.leaders(admin, topic), true);
    } finally {
      // After a timeout a graceful close would only wait out the abandoned request.
      admin.close(Duration.ZERO);
    }
  }

  /**
   * Admin-client settings: the user's Kafka properties first (security settings apply to the admin
   * too), then the address and the timeouts that bound the check.
   */
  public static Properties adminProperties(
      String bootstrapServers, Map<String, String> kafkaProperties, Duration timeout) {
    Properties props = new Properties();
    props.putAll(kafkaProperties);
    int millis = (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return props;
  }

  /** One check's deadline and wording. */
  private static final class Check {
    private final String where;
    private final Duration timeout;
    private final long deadline;

    Check(String bootstrapServers, Duration timeout) {
      this.where = "Kafka at " + bootstrapServers;
      this.timeout = timeout;
      this.deadline = System.nanoTime() + timeout.toNanos();
    }

    Optional<Integer> partitions(Admin admin, String topic) {
      try {
        TopicDescription description =
            await(admin.describeTopics(Set.of(topic)).allTopicNames()).get(topic);
        return Optional.of(description.partitions().size());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          return Optional.empty();
        }
        throw refused(e, "cannot describe topic " + topic);
      }
    }

    /**
     * Waits until every partition of a new topic has a leader that serves it, and returns their
     * count. A leader in the metadata is not enough: the broker creates the partition's log a
     * moment later, and an idempotent producer whose first batch is refused in that moment while
     * its next ones are taken fails that batch's retries with OutOfOrderSequence (seen here: seq 0
     * refused, 110..546 appended, then seq 0 again). Listing the partitions' end offsets answers
     * only once each leader hosts its log.
     */
    int leaders(Admin admin, String topic) {
      while (true) {
        try {
          TopicDescription description =
              await(admin.describeTopics(Set.of(topic)).allTopicNames()).get(topic);
          if (description.partitions().stream().allMatch(p -> p.leader() != null)) {
            Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            description
                .partitions()
                .forEach(
                    p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            await(admin.listOffsets(ends).all());
            return description.partitions().size();
          }
        } catch (ExecutionException e) {
          // The metadata of a brand-new topic, or its logs, can lag behind its creation: ask again.
        }
        if (System.nanoTime() > deadline) {
          throw unreachable(new TimeoutException("no leader for " + topic));
        }
        sleep();
      }
    }

    /** An admin result within the deadline; no answer at all means unreachable. */
    <T> T await(KafkaFuture<T> future) throws ExecutionException {
      try {
        return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw unreachable(e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
          throw unreachable(e.getCause());
        }
        if (e.getCause() instanceof AuthenticationException
            || e.getCause() instanceof AuthorizationException) {
          throw new PreflightException(
              where + " refused the client: " + Failures.describe(e.getCause()), e);
        }
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PreflightException("interrupted while checking " + where, e);
      }
    }

    PreflightException unreachable(Throwable cause) {
      return new PreflightException(
          where
              + " is not reachable within "
              + Durations.spoken(timeout)
              + " (check --bootstrap-servers, and that the broker is up)",
          cause);
    }

    PreflightException refused(ExecutionException e, String what) {
      return new PreflightException(where + " " + what + ": " + Failures.describe(e.getCause()), e);
    }

    private void sleep() {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unreachable(e);
      }
    }
  }
}
