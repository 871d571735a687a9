package dev.userstream.stack;

import dev.userstream.io.KafkaPreflight;
import dev.userstream.io.PreflightException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * The local Kafka broker: a real single-node KRaft broker+controller from the kafka_2.13 artifact,
 * its configuration, storage format, start, readiness, stop and topic setup.
 */
public final class KafkaEnvironment extends ServiceEnvironment {
  static final String SERVICE = "kafka";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  public KafkaEnvironment(StackConfig config) {
    super(SERVICE, config);
  }

  public String bootstrapServers() {
    return config.kafkaBootstrap();
  }

  /** The {@linkplain #bootstrapServers() bootstrap servers}. */
  @Override
  public String address() {
    return bootstrapServers();
  }

  /** Admin-client properties for this broker, with short timeouts suited to loopback. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    return props;
  }

  /** Starts the broker (formatting its storage the first time) and waits until it answers. */
  @Override
  public void start(Duration timeout) {
    requireFreePorts();
    List<String> classpath = ServerProcess.classpathOf("kafka");
    Path dataDir = process.dir().resolve("data");
    Path properties = writeConfig(dataDir);
    if (!Files.exists(dataDir.resolve("meta.properties"))) {
      String clusterId = Uuid.randomUuid().toString();
      process.runTool(
          classpath,
          "kafka.tools.StorageTool",
          List.of("format", "-t", clusterId, "-c", properties.toString()),
          Duration.ofMinutes(2));
    }
    ProcessHandle handle =
        process.launch(
            classpath,
            List.of(
                "-Xms" + config.kafkaHeap(),
                "-Xmx" + config.kafkaHeap(),
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dkafka.logs.dir=" + process.logDir(),
                "-Dlog4j2.configurationFile=" + process.dir().resolve("log4j2.properties")),
            config.ownerPid(),
            "kafka.Kafka",
            List.of(properties.toString()));
    process.awaitReady(handle, this::answers, timeout, serverLog());
  }

  /** Fails with a clear message when another process holds one of the broker's ports. */
  @Override
  void requireFreePorts() {
    ServerProcess.requireFreePort(config.kafkaPort(), "Kafka broker");
    ServerProcess.requireFreePort(config.kafkaControllerPort(), "Kafka controller");
  }

  /** True when the broker answers a describeCluster request. */
  @Override
  public boolean answers() {
    try (Admin admin = Admin.create(clientProperties())) {
      admin.describeCluster().clusterId().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The broker's log file. */
  public Path serverLog() {
    return process.logDir().resolve("server.log");
  }

  /**
   * The last {@code max} WARN or ERROR lines of the broker's log, joined on one line, for error
   * messages of tools and tests ("none" when there are none or no log).
   */
  public String recentWarnings(int max) {
    try (var lines = Files.lines(serverLog(), StandardCharsets.UTF_8)) {
      List<String> found =
          lines.filter(l -> l.contains("] WARN ") || l.contains("] ERROR ")).toList();
      if (found.isEmpty()) {
        return "none";
      }
      return String.join(" | ", found.subList(Math.max(0, found.size() - max), found.size()));
    } catch (IOException | UncheckedIOException e) {
      return "none (cannot read " + serverLog() + ": " + e.getMessage() + ")";
    }
  }

  /**
   * Creates the topic unless it exists (an existing topic keeps its partition count) and returns
   * once every partition has a leader: an idempotent producer that writes to a partition still
   * electing its leader can be refused and then fail its retries with OutOfOrderSequence.
   */
  public void createTopic(String topic, int partitions) {
    try {
      KafkaPreflight.ensureTopic(
          bootstrapServers(), Map.of(), topic, Optional.of(partitions), Duration.ofSeconds(30));
    } catch (PreflightException e) {
      throw new StackException(e.getMessage(), e);
    }
  }

  private Path writeConfig(Path dataDir) {
    Map<String, String> settings =
        new java.util.LinkedHashMap<>(
            Map.of(
                "process.roles", "broker,controller",
                "node.id", "1",
                "controller.quorum.voters",
                    "1@" + StackConfig.HOST + ":" + config.kafkaControllerPort(),
                "listeners",
                    "PLAINTEXT://"
                        + config.kafkaBootstrap()
                        + ",CONTROLLER://"
                        + StackConfig.HOST
                        + ":"
                        + config.kafkaControllerPort(),
                "advertised.listeners", "PLAINTEXT://" + config.kafkaBootstrap(),
                "controller.listener.names", "CONTROLLER",
                "inter.broker.listener.name", "PLAINTEXT",
                "listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs", dataDir.toString()));
    // One broker: every internal topic must live with replication factor and min ISR 1.
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("num.partitions", "2");
    // Topics are created on purpose (producer, jobs), so a mistyped name fails instead of
    // silently creating an empty topic that a job then waits on forever.
    settings.put("auto.create.topics.enable", "false");
    try {
      Files.createDirectories(dataDir);
      StringBuilder text = new StringBuilder("# Written by userstream local-stack.\n");
      settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
      Path file = process.dir().resolve("server.properties");
      Files.writeString(file, text);
      try (InputStream log4j = resource("kafka-log4j2.properties")) {
        Files.copy(
            log4j, process.dir().resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream resource(String name) {
    InputStream in = KafkaEnvironment.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    return in;
  }
}
