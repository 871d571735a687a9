package dev.userstream.io;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Cassandra credentials of a {@code --cassandra-credentials-file}: a Java properties file with
 * the keys {@code username} and {@code password}, e.g. the one {@code ./userstream stack up
 * --cassandra-auth} writes. Messages name the file and the keys, never a value.
 *
 * @param username the {@code username} value, or null when absent
 * @param password the {@code password} value, or null when absent
 */
record CredentialsFile(String username, String password) {
  static final String USERNAME = "username";
  static final String PASSWORD = "password";

  /** Both values masked: a record's own toString would print the password. */
  @Override
  public String toString() {
    return "CredentialsFile[username=" + username + ", password=" + PipelineOptions.MASK + "]";
  }

  /**
   * Reads {@code file} (UTF-8).
   *
   * @throws OptionsException when it cannot be read, has a key other than username and password, or
   *     neither of them
   */
  static CredentialsFile read(String file) {
    String option = "--" + PipelineOptions.CASSANDRA_CREDENTIALS_FILE + " " + file;
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new OptionsException(option + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new OptionsException(
          option + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    Properties properties = new Properties();
    try (Reader reader = new StringReader(text)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      // Properties names the bad escape with its text, which may be part of the password.
      throw new OptionsException(option + ": not a properties file (a malformed \\u escape)");
    }
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(Set.of(USERNAME, PASSWORD));
    if (!unknown.isEmpty()) {
      // Keys are not echoed: a line holding only the password reads as a key.
      throw new OptionsException(
          option
              + ": "
              + unknown.size()
              + " key(s) other than username and password (a typo, or a line without '=')");
    }
    String username = properties.getProperty(USERNAME);
    String password = properties.getProperty(PASSWORD);
    if ((username == null || username.isBlank()) && (password == null || password.isEmpty())) {
      throw new OptionsException(option + ": has neither username nor password");
    }
    return new CredentialsFile(
        username == null || username.isBlank() ? null : username.strip(),
        password == null || password.isEmpty() ? null : password);
  }
}
