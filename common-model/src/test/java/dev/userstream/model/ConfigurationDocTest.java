package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md documents exactly the pipeline options of the code, with their defaults.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final Pattern ROW = Pattern.compile("^\\| `--([a-z-]+)` \\| ([^|]*) \\|");

  @Test
  void pipelineOptionsTableMatchesTheCode() throws IOException {
    Map<String, String> documented = pipelineTable();
    List<OptionSpec> specs = PipelineOptions.describe();
    assertEquals(
        specs.stream().map(OptionSpec::name).toList(),
        List.copyOf(documented.keySet()),
        "options of the Pipeline options table, in the code's order");
    for (OptionSpec spec : specs) {
      String expected = spec.defaultValue().isEmpty() ? "—" : "`" + spec.defaultValue() + "`";
      assertEquals(expected, documented.get(spec.name()), "default of --" + spec.name());
    }
  }

  private static Map<String, String> pipelineTable() throws IOException {
    assertTrue(Files.isRegularFile(DOC), "missing " + DOC.toAbsolutePath());
    Map<String, String> rows = new LinkedHashMap<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("## ")) {
        inSection = line.startsWith("## Pipeline options");
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (inSection && row.find()) {
        rows.put(row.group(1), row.group(2).strip());
      }
    }
    return rows;
  }
}
