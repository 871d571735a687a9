package dev.userstream.spark;

import dev.userstream.io.PipelineOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Where the job reads: the Kafka source's options derived from the shared options, and the start-up
 * check that the broker answers and the topic exists (created with the broker's defaults when it
 * does not, because the local broker has automatic topic creation off).
 */
final class KafkaInput {
  /** How long the start-up check waits for the broker before it gives up with a clear message. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

  private KafkaInput() {}

  /** Options of Spark's {@code kafka} source; extra client properties get its kafka. prefix. */
  static Map<String, String> sourceOptions(SparkJobOptions options) {
    PipelineOptions p = options.pipeline();
    Map<String, String> o = new LinkedHashMap<>();
    p.kafkaProperties().forEach((key, value) -> o.put("kafka." + key, value));
    o.put("kafka.bootstrap.servers", p.bootstrapServers());
    o.put("subscribe", p.topic());
    // Only read when there is no checkpoint yet; afterwards the checkpoint decides.
    o.put("startingOffsets", p.startingOffsets().cliName());
    // Records gone from the topic (retention) before they were read are lost: fail, loudly.
    o.put("failOnDataLoss", "true");
    o.put("minPartitions", String.valueOf(p.parallelism()));
    if (options.maxOffsetsPerTrigger() > 0) {
      o.put("maxOffsetsPerTrigger", String.valueOf(options.maxOffsetsPerTrigger()));
    }
    return o;
  }

  /**
   * Checks that the broker answers within {@link #CHECK_TIMEOUT} and that the topic exists,
   * creating it with the broker's default partitions and replication if not.
   *
   * @throws JobFailure with one line saying what is wrong
   */
  static void ensureTopic(PipelineOptions p) {
    Properties props = new Properties();
    props.putAll(p.kafkaProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, p.bootstrapServers());
    int timeoutMs = (int) CHECK_TIMEOUT.toMillis();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    String where = "Kafka at " + p.bootstrapServers();
    try (Admin admin = Admin.create(props)) {
      try {
        admin.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw failure(where, e, "is not reachable within " + CHECK_TIMEOUT.toSeconds() + " s");
      }
      Set<String> topics;
      try {
        topics = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw failure(where, e, "did not list its topics");
      }
      if (!topics.contains(p.topic())) {
        try {
          admin
              .createTopics(List.of(new NewTopic(p.topic(), Optional.empty(), Optional.empty())))
              .all()
              .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw failure(where, e, "has no topic " + p.topic() + " and could not create it");
          }
        } catch (TimeoutException e) {
          throw failure(where, e, "has no topic " + p.topic() + " and could not create it");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobFailure("interrupted while checking " + where, e);
    } catch (org.apache.kafka.common.KafkaException e) {
      // Bad client properties (e.g. an unknown security.protocol) fail in Admin.create.
      throw new JobFailure(where + ": " + CassandraTarget.firstLine(e), e);
    }
  }

  private static JobFailure failure(String where, Exception e, String what) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
      return new JobFailure(where + " " + what + ": " + CassandraTarget.firstLine(cause), e);
    }
    if (e instanceof TimeoutException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return new JobFailure(
          where + " " + what + " (check --bootstrap-servers, and that the broker is up)", e);
    }
    return new JobFailure(where + " " + what + ": " + CassandraTarget.firstLine(cause), e);
  }
}
