package dev.userstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * All CQL with bound statements: no main source of any module builds CQL with a value in its text
 * ({@link CqlSourceCheck}). The CLI module is built last, so it sees every module's sources; the
 * samples below prove the check fails on what it must catch.
 */
class BoundStatementsTest {
  /** The repository root: the cli module's parent. */
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  void noMainSourceBuildsCqlWithValues() throws IOException {
    List<CqlSourceCheck.Violation> violations = new ArrayList<>();
    Set<String> modules = new TreeSet<>();
    int files = 0;
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path module : dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java"))).toList()) {
        modules.add(module.getFileName().toString());
        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
          for (Path file : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
            files++;
            violations.addAll(
                CqlSourceCheck.check(ROOT.relativize(file).toString(), Files.readString(file)));
          }
        }
      }
    }
    assertTrue(
        modules.containsAll(
            Set.of("common-model", "spark-job", "flink-job", "producer", "local-stack", "cli")),
        "modules scanned: " + modules);
    assertTrue(files > 80, "only " + files + " source files found under " + ROOT);
    assertEquals(
        "",
        violations.stream().map(Object::toString).collect(Collectors.joining("\n")),
        "CQL must carry values as bind markers (?), never in its text");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "session.execute(\"SELECT * FROM ks.users WHERE id = \" + id);",
        "String q = \"SELECT email FROM \" + ks + \".users WHERE name = '\" + name + \"'\";",
        "String q = \"DELETE FROM \" + table + \" WHERE topic = \" + topic + \" AND p = ?\";",
        "String q = table + \" WHERE id IN (\" + String.join(\",\", ids) + \")\";",
        "String q = \"INSERT INTO ks.t (a, b) VALUES (\" + a + \", \" + b + \")\";",
        "String q = \"SELECT id FROM ks.t LIMIT \" + n;",
        "String q = new StringBuilder(\"UPDATE ks.t SET email = \").append(email).toString();",
        "String q = String.format(\"DELETE FROM %s.%s WHERE id = %s\", ks, t, id);",
        "String q = \"\"\"\n    SELECT * FROM ks.t\n    WHERE id = '%s'\n    \"\"\".formatted(id);",
        "session.execute(\"SELECT * FROM ks.users WHERE id = 42\");",
        "session.execute(\"INSERT INTO ks.t (id, name) VALUES ('x', ?)\");",
        "session.execute(\"UPDATE ks.t SET ok = true WHERE id = ?\");",
      })
  void valuesInCqlTextAreCaught(String statement) {
    List<CqlSourceCheck.Violation> found = CqlSourceCheck.check("Sample.java", wrap(statement));
    assertEquals(1, found.size(), "expected one violation in: " + statement + "\n" + found);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "session.execute(session.prepare(\"SELECT * FROM ks.users WHERE id = ?\").bind(id));",
        "String q = \"SELECT id, email FROM \" + ks + \".\" + table + \" WHERE id = ? AND p = ?\";",
        "String q = \"INSERT INTO \" + table + \" (\" + cols + \") VALUES (?, ?)\";",
        "String q = \"CREATE TABLE IF NOT EXISTS \" + ks + \".\" + table + \" (id uuid PRIMARY KEY)\";",
        "String q = \"SELECT COUNT(*) FROM \" + ks + \".\" + table + \" LIMIT 1\";",
        "String q = String.format(\"SELECT * FROM %s.%s WHERE id = ?\", ks, table);",
        "// session.execute(\"SELECT * FROM t WHERE id = \" + id);",
        "throw new IllegalArgumentException(\"--topic must be set, got '\" + value + \"'\");",
        "String line = \"users=\" + users + \" rejects=\" + rejects;",
        // A marker with a reason excuses its line.
        "// cql-safe: the replication map is validated by a strict pattern\n"
            + "String q = \"CREATE KEYSPACE ks WITH replication = \" + replication;",
      })
  void boundAndNonCqlTextPasses(String statement) {
    assertEquals(List.of(), CqlSourceCheck.check("Sample.java", wrap(statement)), statement);
  }

  static Stream<Arguments> markersThatAreReported() {
    return Stream.of(
        arguments(
            "// cql-safe: ok\nString q = \"SELECT a FROM t WHERE a = \" + a;",
            "cql-safe marker without a reason"),
        arguments(
            "// cql-safe: nothing to excuse on the next line\nString q = \"SELECT 1\";",
            "cql-safe marker that excuses nothing"));
  }

  @ParameterizedTest
  @MethodSource("markersThatAreReported")
  void aMarkerWithoutAReasonOrThatExcusesNothingIsReported(String source, String rule) {
    assertEquals(
        List.of(rule),
        CqlSourceCheck.check("Sample.java", wrap(source)).stream()
            .map(CqlSourceCheck.Violation::rule)
            .toList());
  }

  private static String wrap(String statement) {
    return "class Sample {\n  void run() {\n" + statement + "\n  }\n}\n";
  }
}
