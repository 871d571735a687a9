package dev.userstream.spark;

import dev.userstream.io.ConfigurationDoc;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents exactly the Spark options, as declared. */
class ConfigurationDocTest {

  @Test
  void sparkOptionsTableIsGeneratedFromTheDeclarations() throws IOException {
    ConfigurationDoc.check("spark", SparkJobOptions.OPTIONS);
  }
}
