package dev.userstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a generated table of docs/configuration.md in step with an {@link OptionSet}: the text
 * between {@code <!-- options: NAME -->} and {@code <!-- end options -->} must be {@link
 * OptionSet#markdownTable()}. Run the tests with {@code -Duserstream.docs.update=true} to rewrite
 * the table instead.
 */
public final class ConfigurationDoc {
  private static final String END = "<!-- end options -->";

  private ConfigurationDoc() {}

  /** Asserts (or, with the update property, rewrites) the table {@code name} of the doc. */
  public static void check(String name, OptionSet options) throws IOException {
    Path doc = repositoryRoot().resolve("docs/configuration.md");
    assertTrue(Files.isRegularFile(doc), "missing " + doc);
    String text = Files.readString(doc);
    String start = "<!-- options: " + name + " -->\n";
    int from = text.indexOf(start);
    int to = text.indexOf(END, from);
    assertTrue(from >= 0 && to > from, doc + " has no " + start.strip() + " ... " + END);
    String documented = text.substring(from + start.length(), to);
    String generated = options.markdownTable();
    if (Boolean.getBoolean("userstream.docs.update")) {
      Files.writeString(
          doc, text.substring(0, from + start.length()) + generated + text.substring(to));
      return;
    }
    assertEquals(
        generated,
        documented,
        "docs/configuration.md, table '"
            + name
            + "' differs from the declarations (rerun with -Duserstream.docs.update=true)");
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("..") : dir;
  }
}
