package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.userstream.cli.UserstreamScript.Result;
import dev.userstream.model.CassandraSchema;
import dev.userstream.model.UserTransform;
import dev.userstream.stack.LocalStack;
import dev.userstream.stack.SharedTestStack;
import dev.userstream.stack.pipeline.ExpectedRows;
import dev.userstream.stack.pipeline.PipelineAssertions;
import dev.userstream.stack.pipeline.ProducedRecord;
import dev.userstream.stack.pipeline.StoredRows;
import dev.userstream.stack.pipeline.TestRecords;
import dev.userstream.stack.pipeline.TopicWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cassandra with PasswordAuthenticator, end to end, the way users run things: a dedicated local
 * stack started with {@code --cassandra-auth} semantics (its own ports: the test ports + 1300,
 * clear of the shared stack and of the fault suite's), both engines through {@code ./userstream
 * run}, {@code schema} and {@code verify}.
 *
 * <p>With the project role's credentials (from the environment for Spark, from the stack's
 * credentials file for Flink) each engine stores exactly the expected users and rejections. With a
 * wrong password every component fails within seconds with one line naming the problem, exit 1, and
 * neither password appears anywhere in its output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraAuthIT {
  private static final int PORT_SHIFT = 1300;
  private static final String WRONG = "Wr0ng-Pa55-7f3c";

  /** Generous for a loaded 2-core machine; a retry storm would take minutes. */
  private static final Duration FAIL_FAST = Duration.ofSeconds(90);

  private static LocalStack stack;
  private static String username;
  private static String password;
  private static String topic;
  private static List<ProducedRecord> records;

  @TempDir static Path work;

  @BeforeAll
  static void startAuthStack() throws IOException {
    Path shared = SharedTestStack.dir();
    stack =
        new LocalStack(
            SharedTestStack.config(
                    shared.resolveSibling(shared.getFileName() + "-auth"), PORT_SHIFT)
                .withCassandraAuth(true));
    stack.down();
    stack.wipe();
    stack.up(LocalStack.DEFAULT_START_TIMEOUT, line -> System.out.println("[auth-stack] " + line));

    Properties credentials = new Properties();
    try (Reader reader = Files.newBufferedReader(stack.cassandra().credentialsFile())) {
      credentials.load(reader);
    }
    username = credentials.getProperty("username");
    password = credentials.getProperty("password");
    assertEquals("userstream", username);
    assertTrue(password.length() >= 20, "a generated password");

    topic = SharedTestStack.uniqueName("auth");
    records = TopicWriter.write(stack.kafka(), topic, 2, TestRecords.mixed(400, 40, 77));
  }

  @AfterAll
  static void stopAuthStack() {
    if (stack != null) {
      stack.down();
    }
  }

  @Test
  @Order(1)
  void bothEnginesStoreExactlyTheExpectedRowsWithTheRightCredentials() throws Exception {
    // Spark: the credentials in the environment, as a scheduler or a CI secret would set them.
    Result spark =
        UserstreamScript.run(
            Map.of(
                "USERSTREAM_CASSANDRA_USERNAME",
                username,
                "USERSTREAM_CASSANDRA_PASSWORD",
                password),
            run("spark", "auth_spark"));
    assertEquals(0, spark.exit(), "spark run failed:\n" + spark.output());
    // Flink: the credentials file that `stack up --cassandra-auth` wrote.
    Result flink =
        UserstreamScript.run(
            Map.of(),
            withCredentialsFile(run("flink", "auth_flink"), stack.cassandra().credentialsFile()));
    assertEquals(0, flink.exit(), "flink run failed:\n" + flink.output());
    for (Result r : List.of(spark, flink)) {
      assertFalse(r.output().contains(password), "the password appears in the output");
    }

    ExpectedRows expected = ExpectedRows.of(records, UserTransform.withDefaults());
    try (CqlSession session = stack.cassandra().session()) {
      PipelineAssertions.assertExactly(
          expected, StoredRows.read(session, schema("auth_spark")), "spark");
      PipelineAssertions.assertExactly(
          expected, StoredRows.read(session, schema("auth_flink")), "flink");
    }

    Result verify =
        UserstreamScript.run(
            Map.of(),
            withCredentialsFile(
                List.of(
                    "verify",
                    "--expect",
                    String.valueOf(records.size()),
                    "--topic",
                    topic,
                    "--keyspace",
                    "auth_flink",
                    "--cassandra-port",
                    String.valueOf(stack.config().cassandraPort())),
                stack.cassandra().credentialsFile()));
    assertEquals(0, verify.exit(), verify.output());
    assertTrue(verify.output().contains("users=360 rejects=40 expected=400"), verify.output());
  }

  @Test
  @Order(2)
  void sparkWithAWrongPasswordFromTheEnvironmentFailsFastInOneLine() throws Exception {
    Result r =
        UserstreamScript.run(
            Map.of(
                "USERSTREAM_CASSANDRA_USERNAME", username, "USERSTREAM_CASSANDRA_PASSWORD", WRONG),
            run("spark", "auth_spark_wrong"));
    assertRefused(r, "spark");
  }

  @Test
  @Order(3)
  void flinkWithAWrongPasswordFromAFileFailsFastInOneLine() throws Exception {
    Path wrongFile = work.resolve("wrong.properties");
    Files.writeString(wrongFile, "username=" + username + "\npassword=" + WRONG + "\n");
    Result r =
        UserstreamScript.run(
            Map.of(), withCredentialsFile(run("flink", "auth_flink_wrong"), wrongFile));
    assertRefused(r, "flink");
  }

  @Test
  @Order(4)
  void schemaAndVerifyWithAWrongPasswordFailFastInOneLine() throws Exception {
    String port = String.valueOf(stack.config().cassandraPort());
    Result schema =
        UserstreamScript.run(
            Map.of(
                "USERSTREAM_CASSANDRA_USERNAME", username, "USERSTREAM_CASSANDRA_PASSWORD", WRONG),
            List.of("schema", "--keyspace", "auth_schema", "--cassandra-port", port));
    assertRefused(schema, "schema");
    Result verify =
        UserstreamScript.run(
            Map.of(),
            List.of(
                "verify",
                "--expect",
                "1",
                "--topic",
                topic,
                "--keyspace",
                "auth_flink",
                "--cassandra-port",
                port,
                "--cassandra-username",
                username,
                "--cassandra-password",
                WRONG));
    assertRefused(verify, "verify");
  }

  /** Exit 1, quickly, one line saying the credentials were refused, no password, no trace. */
  private static void assertRefused(Result r, String what) {
    assertEquals(1, r.exit(), what + " exit code; output:\n" + r.output());
    assertTrue(
        r.seconds() < FAIL_FAST.toSeconds(), what + " took " + r.seconds() + " s: a retry storm?");
    List<String> refusals =
        r.output().lines().filter(l -> l.contains("rejected the credentials of user")).toList();
    assertEquals(
        1, refusals.size(), what + ": one line about the credentials, got:\n" + r.output());
    assertTrue(refusals.get(0).contains("'" + username + "'"), refusals.get(0));
    assertFalse(r.output().contains(WRONG), what + " printed the wrong password:\n" + r.output());
    assertFalse(r.output().contains(password), what + " printed the real password");
    assertFalse(
        r.output().lines().anyMatch(l -> l.startsWith("\tat ")),
        what + " printed a stack trace:\n" + r.output());
    System.out.printf(
        "[auth-it] %s, wrong password: exit %d after %.1f s: %s%n",
        what, r.exit(), r.seconds(), refusals.get(0));
  }

  private static List<String> run(String engine, String keyspace) {
    return UserstreamScript.availableNowRun(
        engine, stack, topic, keyspace, work.resolve("checkpoints-" + keyspace));
  }

  private static List<String> withCredentialsFile(List<String> args, Path file) {
    List<String> all = new ArrayList<>(args);
    all.add("--cassandra-credentials-file");
    all.add(file.toString());
    return all;
  }

  private static CassandraSchema schema(String keyspace) {
    return new CassandraSchema(
        keyspace, CassandraSchema.DEFAULT_USERS_TABLE, CassandraSchema.DEFAULT_REJECTS_TABLE, 1);
  }
}
