package dev.userstream.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.userstream.io.PipelineOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spark.cassandra.* settings and the options: a given option wins, a setting beats a default. */
class ConnectorSettingsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void aSettingBeatsAnOptionDefault() {
    PipelineOptions p =
        ConnectorSettings.under(
            PipelineOptions.parse(new String[0], NO_ENV),
            Map.of(
                "spark.cassandra.connection.host", "c1,c2",
                "spark.cassandra.connection.port", "19242",
                "spark.cassandra.output.consistency.level", "one",
                "spark.cassandra.connection.timeoutMS", "5000"));
    assertEquals(List.of("c1", "c2"), p.cassandraHosts());
    assertEquals(19242, p.cassandraPort());
    assertEquals("ONE", p.cassandraConsistency());
  }

  @Test
  void aGivenOptionBeatsASetting() {
    PipelineOptions p =
        ConnectorSettings.under(
            PipelineOptions.parse(new String[] {"--cassandra-port", "9043"}, NO_ENV),
            Map.of("spark.cassandra.connection.port", "19242"));
    assertEquals(9043, p.cassandraPort());
  }

  @Test
  void settingsOfTheOptionsUseTheConnectorsNamesAndLeaveUnsetOnesOut() {
    Map<String, String> s =
        ConnectorSettings.of(
            PipelineOptions.parse(
                new String[] {"--cassandra-host", "a,b", "--cassandra-port", "19242"}, NO_ENV));
    assertEquals("a,b", s.get("spark.cassandra.connection.host"));
    assertEquals("19242", s.get("spark.cassandra.connection.port"));
    assertEquals("datacenter1", s.get("spark.cassandra.connection.localDC"));
    assertEquals("false", s.get("spark.cassandra.connection.ssl.enabled"));
    assertFalse(s.containsKey("spark.cassandra.auth.password"));
  }
}
