package dev.userstream.flink;

import dev.userstream.io.ConfigurationDoc;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents exactly the Flink options, as declared. */
class ConfigurationDocTest {

  @Test
  void flinkOptionsTableIsGeneratedFromTheDeclarations() throws IOException {
    ConfigurationDoc.check("flink", FlinkJobOptions.OPTIONS);
  }
}
