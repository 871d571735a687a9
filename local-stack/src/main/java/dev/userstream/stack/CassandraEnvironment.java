package dev.userstream.stack;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.cassandra.CassandraSessions;
import dev.userstream.model.CassandraSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local Cassandra node: a real single node from the cassandra-all artifact, its cassandra.yaml,
 * start, readiness (a real CQL query), stop, sessions and schema setup.
 *
 * <p>With {@link StackConfig#cassandraAuth()} the node runs PasswordAuthenticator and
 * CassandraAuthorizer; once it answers, the start creates the project role {@value
 * CassandraAuthSetup#ROLE} and writes its credentials to {@link #credentialsFile()}, which this
 * class's own sessions use from then on.
 */
public final class CassandraEnvironment extends ServiceEnvironment {
  static final String SERVICE = "cassandra";

  /** The data center of a node under SimpleSnitch. */
  public static final String DATACENTER = "datacenter1";

  /** The line of cassandra.yaml that turns authentication on; how a running node is recognised. */
  private static final String PASSWORD_AUTHENTICATOR = "authenticator: PasswordAuthenticator";

  /** The credentials cache of the node (credentials_validity, 2 s) delays a new password. */
  private static final Duration ROLE_LOGIN_WAIT = Duration.ofSeconds(30);

  public CassandraEnvironment(StackConfig config) {
    super(SERVICE, config);
  }

  @Override
  public String address() {
    return config.cassandraAddress();
  }

  public int port() {
    return config.cassandraPort();
  }

  /**
   * Starts the node and waits until it answers {@code SELECT release_version FROM system.local}.
   */
  @Override
  public void start(Duration timeout) {
    requireFreePorts();
    List<String> classpath = ServerProcess.classpathOf("cassandra");
    Path yaml = writeConfig();
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xms" + config.cassandraHeap());
    jvm.add("-Xmx" + config.cassandraHeap());
    jvm.add("-Xss256k");
    jvm.add("-XX:+UseG1GC");
    jvm.add("-XX:+ParallelRefProcEnabled");
    // Cassandra ships 300 ms; on 2 cores its young collections then took 200-400 ms each, and every
    // one stalled all writes: it was the p99 latency of both engines. With 100 ms, at the same
    // load,
    // Flink's p99 went from 262 to 120 ms and Spark's from 949 to 692 ms (docs/benchmarks).
    jvm.add("-XX:MaxGCPauseMillis=100");
    // Cassandra's own advice: a node that ran out of memory must not go on writing.
    jvm.add("-XX:+ExitOnOutOfMemoryError");
    jvm.add("-Djava.net.preferIPv4Stack=true");
    jvm.add("-Dcassandra-foreground=yes");
    jvm.add("-Dcassandra.config=" + yaml.toUri());
    jvm.add("-Dcassandra.storagedir=" + process.dir().resolve("data"));
    jvm.add("-Dcassandra.logdir=" + process.logDir());
    jvm.add("-Dcassandra.triggers_dir=" + process.dir().resolve("triggers"));
    jvm.add("-Dlogback.configurationFile=" + process.dir().resolve("logback.xml"));
    // A lone seed node has nobody to gossip with: waiting for gossip to settle only costs time.
    jvm.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    jvm.add("-Dcassandra.superuser_setup_delay_ms=0");
    jvm.addAll(JAVA17_MODULE_OPTIONS);
    ProcessHandle handle =
        process.launch(
            classpath,
            jvm,
            config.ownerPid(),
            "org.apache.cassandra.service.CassandraDaemon",
            List.of());
    process.awaitReady(handle, this::answers, timeout, process.logDir().resolve("system.log"));
    if (config.cassandraAuth()) {
      ensureProjectRole();
    }
  }

  /**
   * Where an authenticating node's project role credentials are kept ({@code username=} and {@code
   * password=}, owner-only): the file to pass as {@code --cassandra-credentials-file}.
   */
  public Path credentialsFile() {
    return config.home().resolve("cassandra-credentials.properties");
  }

  /** True when the node was last started with PasswordAuthenticator (it asks for a password). */
  public boolean requiresPassword() {
    Path yaml = process.dir().resolve("cassandra.yaml");
    try {
      return Files.isRegularFile(yaml)
          && Files.readAllLines(yaml).stream().anyMatch(PASSWORD_AUTHENTICATOR::equals);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Makes sure the project role exists and its saved credentials work: creates it through the
   * default superuser on a new node, then disables that superuser.
   */
  private void ensureProjectRole() {
    Optional<CassandraAuthSetup.Credentials> saved = CassandraAuthSetup.read(credentialsFile());
    if (saved.isPresent() && logsIn(saved.get())) {
      return;
    }
    CassandraAuthSetup.Credentials role = CassandraAuthSetup.generate();
    try (CqlSession admin =
        openSession(Duration.ofSeconds(30), Optional.of(CassandraAuthSetup.DEFAULT_SUPERUSER))) {
      CassandraAuthSetup.createRole(admin, role);
    } catch (RuntimeException e) {
      throw new StackException(
          "Cassandra at "
              + address()
              + " refused to set up role "
              + CassandraAuthSetup.ROLE
              + " (the default superuser is disabled and "
              + credentialsFile()
              + " is missing or stale): stop the stack and delete "
              + config.home()
              + " to start afresh",
          e);
    }
    CassandraAuthSetup.write(credentialsFile(), role);
    long deadline = System.nanoTime() + ROLE_LOGIN_WAIT.toNanos();
    while (!logsIn(role)) {
      if (System.nanoTime() > deadline) {
        throw new StackException(
            "Cassandra at "
                + address()
                + " does not accept role "
                + CassandraAuthSetup.ROLE
                + " "
                + ROLE_LOGIN_WAIT.toSeconds()
                + " s after creating it");
      }
      sleep(Duration.ofMillis(500));
    }
    try (CqlSession session = openSession(Duration.ofSeconds(30), Optional.of(role))) {
      CassandraAuthSetup.disableDefaultSuperuser(session);
    }
  }

  private boolean logsIn(CassandraAuthSetup.Credentials credentials) {
    try (CqlSession session = openSession(Duration.ofSeconds(3), Optional.of(credentials))) {
      return session.execute("SELECT release_version FROM system.local").one() != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for Cassandra");
    }
  }

  /**
   * Cassandra 5.0 on Java 17 dies at once without these: the module options of Cassandra's own
   * conf/jvm17-server.options (JMX is off here, so its RMI exports are unused but harmless).
   */
  static final List<String> JAVA17_MODULE_OPTIONS =
      List.of(
          "-Djdk.attach.allowAttachSelf=true",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports=java.sql/java.sql=ALL-UNNAMED",
          "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "-Dio.netty.tryReflectionSetAccessible=true");

  /** Fails with a clear message when another process holds one of the node's ports. */
  @Override
  void requireFreePorts() {
    ServerProcess.requireFreePort(config.cassandraPort(), "Cassandra CQL");
    ServerProcess.requireFreePort(config.cassandraStoragePort(), "Cassandra storage");
  }

  /** True when the node answers a CQL query. */
  @Override
  public boolean answers() {
    try (CqlSession session = openSession(Duration.ofSeconds(3))) {
      return session.execute("SELECT release_version FROM system.local").one() != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A CQL session on this node; the caller closes it. */
  public CqlSession session() {
    return openSession(Duration.ofSeconds(30));
  }

  /**
   * A session of this node: logged in with {@link #credentialsFile()} when the node asks for a
   * password (with the default superuser while a new node has no project role yet).
   */
  private CqlSession openSession(Duration timeout) {
    Optional<CassandraAuthSetup.Credentials> credentials =
        requiresPassword()
            ? Optional.of(
                CassandraAuthSetup.read(credentialsFile())
                    .orElse(CassandraAuthSetup.DEFAULT_SUPERUSER))
            : Optional.empty();
    return openSession(timeout, credentials);
  }

  /**
   * A session of this node through the shared session builder, every driver timeout {@code
   * timeout}: short for a readiness probe, long for setup and schema work.
   */
  private CqlSession openSession(
      Duration timeout, Optional<CassandraAuthSetup.Credentials> credentials) {
    PipelineOptions.Builder node =
        PipelineOptions.builder()
            .cassandraHosts(List.of(StackConfig.HOST))
            .cassandraPort(config.cassandraPort())
            .cassandraDatacenter(DATACENTER);
    credentials.ifPresent(
        c -> node.cassandraUsername(c.username()).cassandraPassword(c.password()));
    return CassandraSessions.open(node.build(), CassandraSessions.timeouts(timeout));
  }

  /** Creates the keyspace and both tables when absent. */
  public void applySchema(CassandraSchema schema) {
    try (CqlSession session = session()) {
      for (String cql : schema.ddl()) {
        session.execute(cql);
      }
    }
  }

  private Path writeConfig() {
    Path dir = process.dir();
    Path data = dir.resolve("data");
    String yaml =
        """
        # Written by userstream local-stack: one node on loopback, data under this folder.
        cluster_name: userstream-local
        num_tokens: 1
        partitioner: org.apache.cassandra.dht.Murmur3Partitioner
        endpoint_snitch: SimpleSnitch
        listen_address: %1$s
        rpc_address: %1$s
        storage_port: %2$d
        native_transport_port: %3$d
        start_native_transport: true
        seed_provider:
          - class_name: org.apache.cassandra.locator.SimpleSeedProvider
            parameters:
              - seeds: "%1$s:%2$d"
        data_file_directories:
          - %4$s/data
        commitlog_directory: %4$s/commitlog
        hints_directory: %4$s/hints
        saved_caches_directory: %4$s/saved_caches
        cdc_raw_directory: %4$s/cdc_raw
        commitlog_sync: periodic
        commitlog_sync_period: 10000ms
        %5$s
        # Test keyspaces come and go: snapshots on drop/truncate would only fill the disk.
        auto_snapshot: false
        concurrent_compactors: 1
        """
            .formatted(
                StackConfig.HOST,
                config.cassandraStoragePort(),
                config.cassandraPort(),
                data,
                config.cassandraAuth()
                    ? PASSWORD_AUTHENTICATOR + "\nauthorizer: CassandraAuthorizer"
                    : "authenticator: AllowAllAuthenticator\nauthorizer: AllowAllAuthorizer");
    try {
      Files.createDirectories(data);
      Files.createDirectories(dir.resolve("triggers"));
      Path file = dir.resolve("cassandra.yaml");
      Files.writeString(file, yaml);
      try (InputStream logback = KafkaEnvironment.resource("cassandra-logback.xml")) {
        Files.copy(logback, dir.resolve("logback.xml"), StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
