package dev.userstream.flink;

import dev.userstream.io.PipelineOptions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Checks the broker and the topic before the job is submitted. KafkaSource fails the whole job at
 * start when the topic is missing, and the brokers here run with auto-creation off, so the job
 * creates its input topic (broker-default partitions and replication) and says so.
 */
public final class KafkaSetup {
  static final long TIMEOUT_SECONDS = 20;

  private KafkaSetup() {}

  /**
   * Makes sure {@code options.topic()} exists.
   *
   * @return true if this call created it
   * @throws JobSetupException with one line when the broker does not answer or refuses
   */
  public static boolean ensureTopic(PipelineOptions options) {
    String topic = options.topic();
    try (Admin admin = Admin.create(adminProperties(options))) {
      Set<String> topics = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (topics.contains(topic)) {
        return false;
      }
      try {
        admin
            .createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
            .all()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return true;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TopicExistsException) {
          return false; // created meanwhile by a producer: what we wanted
        }
        throw e;
      }
    } catch (TimeoutException e) {
      throw unreachable(options);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(options);
      }
      throw new JobSetupException(
          "Kafka at "
              + options.bootstrapServers()
              + " refused to list or create topic "
              + topic
              + ": "
              + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobSetupException("interrupted while checking Kafka topic " + topic);
    }
  }

  /** The admin client's settings: the extra Kafka properties (security ones included) first. */
  static Properties adminProperties(PipelineOptions options) {
    Properties props = new Properties();
    props.putAll(options.kafkaProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) (TIMEOUT_SECONDS * 1000));
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return props;
  }

  private static JobSetupException unreachable(PipelineOptions options) {
    return new JobSetupException(
        "Kafka at "
            + options.bootstrapServers()
            + " did not answer within "
            + TIMEOUT_SECONDS
            + " s; is it running, and is --bootstrap-servers right?");
  }
}
