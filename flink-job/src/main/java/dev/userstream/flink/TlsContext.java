package dev.userstream.flink;

import dev.userstream.io.CassandraTls;
import dev.userstream.io.PipelineOptions;
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
 * The {@link SSLContext} of {@code --cassandra-ssl} for the DataStax 3.x driver of the Flink
 * connector, which takes a context rather than store paths: the truststore (or the JVM's default
 * trust) and, when given, the keystore of a client certificate. JKS and PKCS12 files both load.
 */
final class TlsContext {
  private TlsContext() {}

  /**
   * The context the options describe.
   *
   * @throws JobSetupException with one line when a store cannot be read or opened
   */
  static SSLContext of(CassandraTls tls) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(tls), trustManagers(tls), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new JobSetupException("cannot set up TLS for Cassandra: " + e.getMessage());
    }
  }

  /** Trust from the truststore, or null for the JVM's default. */
  static TrustManager[] trustManagers(CassandraTls tls) {
    if (tls.truststore().isEmpty()) {
      return null;
    }
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(
          load(
              PipelineOptions.CASSANDRA_TRUSTSTORE.name(),
              tls.truststore().get(),
              tls.truststorePassword().orElse(null)));
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new JobSetupException(
          "--" + PipelineOptions.CASSANDRA_TRUSTSTORE + " " + tls.truststore().get() + ": " + e);
    }
  }

  /** The client certificate of the keystore, or null without one. */
  static KeyManager[] keyManagers(CassandraTls tls) {
    if (tls.keystore().isEmpty()) {
      return null;
    }
    char[] password = tls.keystorePassword().map(String::toCharArray).orElse(new char[0]);
    try {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(
          load(
              PipelineOptions.CASSANDRA_KEYSTORE.name(),
              tls.keystore().get(),
              tls.keystorePassword().orElse(null)),
          password);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new JobSetupException(
          "--" + PipelineOptions.CASSANDRA_KEYSTORE + " " + tls.keystore().get() + ": " + e);
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
      throw new JobSetupException(what + ": no such file");
    } catch (IOException e) {
      // Also a wrong password ("keystore password was incorrect"): the message holds no secret.
      throw new JobSetupException(what + ": cannot open it (" + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw new JobSetupException(what + ": " + e.getMessage());
    }
  }
}
