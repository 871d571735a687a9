package dev.userstream.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS stores made with the JDK's keytool for tests: a PKCS12 keystore with one self-signed key pair
 * ({@code CN=userstream-test}) and a truststore holding its certificate.
 */
public record TestStores(Path keystore, Path truststore, String password) {

  /** Creates both stores under {@code dir} (a second or two of keytool). */
  public static TestStores create(Path dir) throws Exception {
    String password = "store-secret-42";
    Path keystore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server.cer");
    Path truststore = dir.resolve("client-truststore.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "cassandra",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=userstream-test",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        "-exportcert",
        "-alias",
        "cassandra",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "cassandra",
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        truststore.toString(),
        "-storepass",
        password);
    return new TestStores(keystore, truststore, password);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
  }
}
