package dev.userstream.io.cassandra;

import dev.userstream.io.CassandraTls;
import dev.userstream.io.PipelineOptions;
import dev.userstream.io.PreflightException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The one {@link SSLContext} of {@code --cassandra-ssl}: the truststore (or the JVM's default
 * trust) and, when given, the keystore of a client certificate. The 4.x sessions of {@link
 * CassandraSessions} and the Flink connector's 3.x cluster both take it, so both read the stores
 * the same way and fail on a bad one with the same line. JKS and PKCS12 files both load.
 */
public final class TlsContext {
  private TlsContext() {}

  /**
   * The context the options describe.
   *
   * @throws PreflightException with one line (never a password) when a store cannot be read
   */
  public static SSLContext of(CassandraTls tls) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(tls), trustManagers(tls), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new PreflightException("cannot set up TLS for Cassandra: " + e.getMessage(), e);
    }
  }

  /** Trust from the truststore, or null for the JVM's default. */
  static TrustManager[] trustManagers(CassandraTls tls) {
    if (tls.truststore().isEmpty()) {
      return null;
    }
    String file = tls.truststore().get();
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(
          load(
              PipelineOptions.CASSANDRA_TRUSTSTORE.name(),
              file,
              tls.truststorePassword().orElse(null)));
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new PreflightException(
          "--" + PipelineOptions.CASSANDRA_TRUSTSTORE + " " + file + ": " + e, e);
    }
  }

  /** The client certificate of the keystore, or null without one. */
  static KeyManager[] keyManagers(CassandraTls tls) {
    if (tls.keystore().isEmpty()) {
      return null;
    }
    String file = tls.keystore().get();
    char[] password = tls.keystorePassword().map(String::toCharArray).orElse(new char[0]);
    try {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(
          load(
              PipelineOptions.CASSANDRA_KEYSTORE.name(), file, tls.keystorePassword().orElse(null)),
          password);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new PreflightException(
          "--" + PipelineOptions.CASSANDRA_KEYSTORE + " " + file + ": " + e, e);
    }
  }

  private static KeyStore load(String option, String file, String password) {
    String what = "--" + option + " " + file;
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      // The default type (PKCS12) also reads JKS files (keystore.type.compat).
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, password == null ? null : password.toCharArray());
      return store;
    } catch (NoSuchFileException e) {
      throw new PreflightException(what + ": no such file", e);
    } catch (IOException e) {
      // Also a wrong password ("keystore password was incorrect"): the message holds no secret.
      throw new PreflightException(what + ": cannot open it (" + e.getMessage() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new PreflightException(what + ": " + e.getMessage(), e);
    }
  }
}
