package dev.userstream.io;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS of the Cassandra connections ({@code --cassandra-ssl} and its stores), in one value that
 * every driver adapter reads: the Spark connector's {@code spark.cassandra.connection.ssl.*}, the
 * Flink connector's DataStax 3.x {@code withSSL}, the 4.x driver of {@code verify} and {@code
 * schema}.
 *
 * <p>Without a truststore the JVM's default trust (its {@code cacerts}) verifies the server; a
 * keystore adds a client certificate. Store files are JKS or PKCS12, and must exist wherever the
 * connection is opened (on a cluster: every Spark executor and Flink task manager). The store
 * passwords never leave this object by accident: {@link #toString()} masks them.
 */
public final class CassandraTls implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Plain-text connections, the default. */
  public static final CassandraTls DISABLED = new CassandraTls(false, null, null, null, null);

  private final boolean enabled;
  private final String truststore;
  private final String truststorePassword;
  private final String keystore;
  private final String keystorePassword;

  /**
   * TLS settings; stores and passwords may be null.
   *
   * @throws OptionsException when a store is given without TLS, or a password without its store
   */
  public CassandraTls(
      boolean enabled,
      String truststore,
      String truststorePassword,
      String keystore,
      String keystorePassword) {
    this.enabled = enabled;
    this.truststore = blankToNull(truststore);
    this.truststorePassword = emptyToNull(truststorePassword);
    this.keystore = blankToNull(keystore);
    this.keystorePassword = emptyToNull(keystorePassword);
    if (!enabled && (this.truststore != null || this.keystore != null)) {
      throw new OptionsException(
          "--"
              + (this.truststore != null
                  ? PipelineOptions.CASSANDRA_TRUSTSTORE
                  : PipelineOptions.CASSANDRA_KEYSTORE)
              + " needs --"
              + PipelineOptions.CASSANDRA_SSL
              + " true");
    }
    requireStore(this.truststorePassword, this.truststore, "truststore");
    requireStore(this.keystorePassword, this.keystore, "keystore");
  }

  /** A store password needs its store: {@code kind} is truststore or keystore. */
  private static void requireStore(String password, String store, String kind) {
    if (password != null && store == null) {
      String option = "cassandra-" + kind + "-password";
      throw new OptionsException(
          "--"
              + option
              + " (or env "
              + PipelineOptions.OPTIONS.find(option).env()
              + ") is set but --cassandra-"
              + kind
              + " is not");
    }
  }

  public boolean enabled() {
    return enabled;
  }

  /** The truststore file that verifies the server; empty means the JVM's default trust. */
  public Optional<String> truststore() {
    return Optional.ofNullable(truststore);
  }

  public Optional<String> truststorePassword() {
    return Optional.ofNullable(truststorePassword);
  }

  /** The keystore file holding a client certificate, for servers that require one. */
  public Optional<String> keystore() {
    return Optional.ofNullable(keystore);
  }

  public Optional<String> keystorePassword() {
    return Optional.ofNullable(keystorePassword);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CassandraTls t
        && enabled == t.enabled
        && Objects.equals(truststore, t.truststore)
        && Objects.equals(truststorePassword, t.truststorePassword)
        && Objects.equals(keystore, t.keystore)
        && Objects.equals(keystorePassword, t.keystorePassword);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, truststore, truststorePassword, keystore, keystorePassword);
  }

  /** The settings with both passwords masked. */
  @Override
  public String toString() {
    return "CassandraTls[enabled="
        + enabled
        + ", truststore="
        + truststore
        + ", truststorePassword="
        + (truststorePassword == null ? null : PipelineOptions.MASK)
        + ", keystore="
        + keystore
        + ", keystorePassword="
        + (keystorePassword == null ? null : PipelineOptions.MASK)
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
