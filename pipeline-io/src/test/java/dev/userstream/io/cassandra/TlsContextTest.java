package dev.userstream.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.userstream.io.CassandraTls;
import dev.userstream.io.PreflightException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one SSLContext of {@code --cassandra-ssl}, from stores made with keytool. */
class TlsContextTest {
  @TempDir static Path dir;
  private static TestStores stores;

  @BeforeAll
  static void makeStores() throws Exception {
    stores = TestStores.create(dir);
  }

  @Test
  void theTruststoreDecidesWhichServerCertificateIsTrusted() {
    CassandraTls tls =
        new CassandraTls(true, stores.truststore().toString(), stores.password(), null, null);
    TrustManager[] managers = TlsContext.trustManagers(tls);
    X509TrustManager trust = assertInstanceOf(X509TrustManager.class, managers[0]);
    X509Certificate[] issuers = trust.getAcceptedIssuers();
    assertEquals(1, issuers.length, "only the one certificate of the truststore");
    assertEquals("CN=userstream-test", issuers[0].getSubjectX500Principal().getName());
    assertNull(TlsContext.trustManagers(new CassandraTls(true, null, null, null, null)));
    assertNotNull(TlsContext.of(tls));
  }

  @Test
  void theKeystoreGivesTheClientCertificate() {
    CassandraTls tls =
        new CassandraTls(true, null, null, stores.keystore().toString(), stores.password());
    KeyManager[] managers = TlsContext.keyManagers(tls);
    X509KeyManager keys = assertInstanceOf(X509KeyManager.class, managers[0]);
    assertEquals(
        "CN=userstream-test",
        keys.getCertificateChain("cassandra")[0].getSubjectX500Principal().getName());
    assertNull(TlsContext.keyManagers(CassandraTls.DISABLED));
    assertNotNull(TlsContext.of(tls));
  }

  @Test
  void aWrongStorePasswordIsOneLineWithoutThePassword() {
    CassandraTls wrong =
        new CassandraTls(true, stores.truststore().toString(), "not-it-9", null, null);
    String message =
        assertThrows(PreflightException.class, () -> TlsContext.of(wrong)).getMessage();
    assertTrue(message.startsWith("--cassandra-truststore " + stores.truststore()), message);
    assertFalse(message.contains("not-it-9"), message);
    assertFalse(message.contains("\n"), message);
    CassandraTls missing = new CassandraTls(true, "/nonexistent/ts.p12", null, null, null);
    assertEquals(
        "--cassandra-truststore /nonexistent/ts.p12: no such file",
        assertThrows(PreflightException.class, () -> TlsContext.of(missing)).getMessage());
  }
}
