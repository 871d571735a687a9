package dev.userstream.stack;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Properties;

/**
 * The project role of a local Cassandra started with PasswordAuthenticator: {@value #ROLE}, a
 * superuser with a random password kept in a properties file that only the owner may read (the
 * format of {@code --cassandra-credentials-file}). Once it exists, the well-known default superuser
 * {@code cassandra/cassandra} is disabled, as Cassandra's own security guide advises.
 */
final class CassandraAuthSetup {
  /** The role every component of the local stack logs in as. */
  static final String ROLE = "userstream";

  /** Cassandra's default superuser, created by the node itself on first start. */
  static final Credentials DEFAULT_SUPERUSER = new Credentials("cassandra", "cassandra");

  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int PASSWORD_LENGTH = 24;

  private CassandraAuthSetup() {}

  /** A username and password; {@link #toString()} masks the password. */
  record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=****]";
    }
  }

  /** The project role with a new random password (letters and digits only). */
  static Credentials generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
    for (int i = 0; i < PASSWORD_LENGTH; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return new Credentials(ROLE, password.toString());
  }

  /**
   * Creates the role (or sets its password, if it exists) through a superuser session. Role DDL
   * takes no bind markers, so the password is a literal: one that {@link #generate()} made of
   * letters and digits, checked again here, so nothing else can reach the statement.
   */
  static void createRole(CqlSession superuser, Credentials role) {
    if (!role.username().matches("[a-z][a-z0-9_]*")
        || !role.password().chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      throw new IllegalArgumentException("not a generated role: " + role);
    }
    superuser.execute(
        "CREATE ROLE IF NOT EXISTS " + role.username() + " WITH SUPERUSER = true AND LOGIN = true");
    superuser.execute(
        // cql-safe: role DDL has no bind markers; the password is checked above
        "ALTER ROLE " + role.username() + " WITH PASSWORD = '" + role.password() + "'");
  }

  /** Turns off logins of the default superuser, through a session of the project role. */
  static void disableDefaultSuperuser(CqlSession projectRole) {
    projectRole.execute("ALTER ROLE cassandra WITH LOGIN = false");
  }

  /** The credentials saved in {@code file}, if it exists and holds both values. */
  static Optional<Credentials> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    String username = properties.getProperty("username");
    String password = properties.getProperty("password");
    return username == null || password == null
        ? Optional.empty()
        : Optional.of(new Credentials(username, password));
  }

  /** Saves the credentials, readable by the owner only, replacing the file in one step. */
  static void write(Path file, Credentials credentials) {
    String text =
        "# The project role of the local Cassandra; pass this file as --cassandra-credentials-file.\n"
            + "username="
            + credentials.username()
            + "\npassword="
            + credentials.password()
            + "\n";
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      try {
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        throw new StackException("cannot create " + temp + ": it exists", e);
      }
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
