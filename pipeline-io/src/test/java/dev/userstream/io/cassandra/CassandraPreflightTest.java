package dev.userstream.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** One line per Cassandra failure, the same in every component. */
class CassandraPreflightTest {
  private static final String SECRET = "Sup3r-Secret";
  private static final PipelineOptions WITH_USER =
      PipelineOptions.builder().cassandraUsername("userstream").cassandraPassword(SECRET).build();
  private static final DefaultEndPoint NODE_ADDRESS =
      new DefaultEndPoint(new InetSocketAddress("127.0.0.1", 9042));

  @Test
  void aRefusedLoginNamesTheUserNotThePassword() {
    AuthenticationException refused =
        new AuthenticationException(
            NODE_ADDRESS, "Provided username userstream and/or password are incorrect");
    String direct = message(WITH_USER, refused);
    assertEquals(PipelineOptions.rejectedCredentials("127.0.0.1:9042", "userstream"), direct);
    assertFalse(direct.contains(SECRET), direct);
    // How the driver reports it at session start: every node failed, each with this error.
    assertEquals(direct, message(WITH_USER, allNodesFailed(refused)));
    assertTrue(
        message(PipelineOptions.defaults(), refused)
            .startsWith(
                "Cassandra at 127.0.0.1:9042 requires a login and no credentials were given"));
  }

  @Test
  void aFailedHandshakeSaysTls() {
    String message =
        message(
            PipelineOptions.defaults(),
            allNodesFailed(new RuntimeException(new SSLHandshakeException("PKIX path failed"))));
    assertEquals(
        "the TLS handshake with Cassandra at 127.0.0.1:9042 failed (check --cassandra-ssl and the"
            + " truststore): PKIX path failed",
        message);
  }

  @Test
  void aMissingPermissionNamesTheUserAndWhatWasDenied() {
    UnauthorizedException denied =
        new UnauthorizedException(
            node(), "User userstream has no CREATE permission on <all keyspaces>\nmore");
    assertEquals(
        "Cassandra at 127.0.0.1:9042 denied user 'userstream' the permission for creating the"
            + " schema: User userstream has no CREATE permission on <all keyspaces>",
        message(WITH_USER, denied));
  }

  @Test
  void noNodeOrAConnectorIoErrorIsUnreachable() {
    String expected =
        "Cassandra is not reachable at 127.0.0.1:9042 (check --cassandra-host/--cassandra-port,"
            + " and that it is up)";
    assertEquals(
        expected,
        message(PipelineOptions.defaults(), allNodesFailed(new IOException("Connection refused"))));
    assertEquals(
        expected, message(PipelineOptions.defaults(), new IOException("Failed to open session")));
  }

  @Test
  void anythingElseIsWhatFailedAndTheFirstLine() {
    assertEquals(
        "creating the schema at Cassandra 127.0.0.1:9042 failed: boom",
        message(PipelineOptions.defaults(), new IllegalStateException("boom\n\tat somewhere")));
  }

  @Test
  void theSchemaCheckWordsTheFailureOfItsSession() {
    PreflightException e = failingSession(new UncheckedIOException(new IOException("no route")));
    assertTrue(e.getMessage().startsWith("Cassandra is not reachable at 127.0.0.1:9042"));
    PreflightException tls = new PreflightException("--cassandra-truststore x: no such file", null);
    assertSame(tls, failingSession(tls));
  }

  /** What the schema check throws when opening its session throws {@code error}. */
  private static PreflightException failingSession(RuntimeException error) {
    return assertThrows(
        PreflightException.class,
        () ->
            CassandraPreflight.ensureSchema(
                PipelineOptions.defaults(),
                () -> {
                  throw error;
                }));
  }

  @Test
  void aClosedPortIsUnreachableWithinTheConnectTimeout() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    PipelineOptions p =
        PipelineOptions.parse(
            "--cassandra-port", String.valueOf(closed), "--connect-timeout", "2s");
    long started = System.nanoTime();
    PreflightException e =
        assertThrows(PreflightException.class, () -> CassandraPreflight.ensureSchema(p));
    assertEquals(
        "Cassandra is not reachable at 127.0.0.1:"
            + closed
            + " (check --cassandra-host/--cassandra-port, and that it is up)",
        e.getMessage());
    assertTrue((System.nanoTime() - started) / 1e9 < 20, "fails fast");
  }

  private static String message(PipelineOptions p, Throwable e) {
    String message = CassandraPreflight.failure(p, "creating the schema", e).getMessage();
    assertFalse(message.contains("\n"), message);
    return message;
  }

  private static AllNodesFailedException allNodesFailed(Throwable error) {
    return AllNodesFailedException.fromErrors(Map.of(node(), error));
  }

  /** A node of a cluster that does not exist: only its identity matters here. */
  private static Node node() {
    return (Node)
        Proxy.newProxyInstance(
            Node.class.getClassLoader(),
            new Class<?>[] {Node.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "toString" -> "Node(127.0.0.1:9042)";
                  case "hashCode" -> 1;
                  case "equals" -> proxy == args[0];
                  case "getEndPoint" -> NODE_ADDRESS;
                  default -> null;
                });
  }
}
