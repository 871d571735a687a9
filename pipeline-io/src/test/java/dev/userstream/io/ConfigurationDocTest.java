package dev.userstream.io;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents exactly the pipeline options of the code, as declared. */
class ConfigurationDocTest {

  @Test
  void pipelineOptionsTableIsGeneratedFromTheDeclarations() throws IOException {
    ConfigurationDoc.check("pipeline", PipelineOptions.OPTIONS);
  }
}
