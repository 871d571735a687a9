package dev.userstream.cli;

import java.nio.file.Path;

/** The folder the {@code ./userstream} launcher runs from, where project-local state lives. */
final class RepoRoot {
  private RepoRoot() {}

  static Path path() {
    String root = System.getProperty("userstream.root");
    return Path.of(root != null ? root : "").toAbsolutePath();
  }
}
