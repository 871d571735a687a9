package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The CQL: DDL columns and keys, bind markers, bind value order and types, name checks. */
class CassandraSchemaTest {
  private final CassandraSchema schema = CassandraSchema.defaults();
  private final Lineage lineage =
      new Lineage("users_created", 3, 4711L, Instant.parse("2024-05-01T12:00:00Z"));

  private static long markers(String cql) {
    return cql.chars().filter(c -> c == '?').count();
  }

  /** Each of {@code columns} ("name type") is defined in {@code ddl}, followed by another part. */
  private static void assertDefines(String ddl, String... columns) {
    for (String column : columns) {
      assertTrue(ddl.contains(column + ","), () -> column + " missing from " + ddl);
    }
  }

  @Test
  void keyspaceDdlUsesSimpleStrategyWithTheFactor() {
    assertEquals(
        "CREATE KEYSPACE IF NOT EXISTS spark_streams WITH replication ="
            + " {'class':'SimpleStrategy','replication_factor':1}",
        schema.createKeyspaceCql());
    assertTrue(
        new CassandraSchema("ks", "u", "r", 3)
            .createKeyspaceCql()
            .endsWith("'replication_factor':3}"));
  }

  @Test
  void usersTableHasEveryColumnAndIdAsKey() {
    String ddl = schema.createUsersTableCql();
    assertTrue(ddl.startsWith("CREATE TABLE IF NOT EXISTS spark_streams.created_users ("), ddl);
    assertDefines(ddl, "id uuid", "age int", "source_offset bigint", "event_time timestamp");
    assertTrue(ddl.endsWith("PRIMARY KEY (id))"), ddl);
    for (String column : schema.userColumns()) {
      assertTrue(ddl.contains("(" + column + " ") || ddl.contains(", " + column + " "), column);
    }
    assertEquals(22, schema.userColumns().size());
  }

  @Test
  void rejectsTableIsKeyedByKafkaPosition() {
    String ddl = schema.createRejectsTableCql();
    assertDefines(ddl, "raw_bytes blob", "raw_truncated boolean");
    assertTrue(ddl.endsWith("PRIMARY KEY ((topic, source_partition), source_offset))"), ddl);
    assertEquals(
        List.of(
            "topic",
            "source_partition",
            "source_offset",
            "raw",
            "raw_bytes",
            "raw_size",
            "raw_truncated",
            "reason_code",
            "reason",
            "event_time",
            "rejected_at",
            "engine"),
        schema.rejectColumns());
  }

  @Test
  void ddlRunsKeyspaceThenTables() {
    assertEquals(
        List.of(
            schema.createKeyspaceCql(),
            schema.createUsersTableCql(),
            schema.createRejectsTableCql()),
        schema.ddl());
  }

  @Test
  void insertsHaveOneMarkerPerColumnAndNoValues() {
    assertEquals(schema.userColumns().size(), markers(schema.insertUserCql()));
    assertEquals(schema.rejectColumns().size(), markers(schema.insertRejectCql()));
    assertTrue(
        schema
            .insertUserCql()
            .startsWith("INSERT INTO spark_streams.created_users (id, first_name, last_name,"));
    assertEquals(1, markers(schema.selectUserCql()));
    assertEquals(3, markers(schema.selectRejectCql()));
  }

  @Test
  void userBindValuesFollowColumnOrderWithDriverTypes() {
    CreatedUser u =
        (CreatedUser)
            UserTransform.withDefaults()
                .apply(TestUsers.apostrophes().bytes(), lineage.eventTime());
    Object[] values = schema.userBindValues(u, lineage, "flink");
    List<String> columns = schema.userColumns();
    assertEquals(columns.size(), values.length);
    assertEquals(UUID.fromString(TestUsers.RAW_ID), values[columns.indexOf("id")]);
    assertEquals("O'Connor", values[columns.indexOf("last_name")]);
    assertEquals(Integer.valueOf(33), values[columns.indexOf("age")]);
    assertEquals(lineage.eventTime(), values[columns.indexOf("event_time")]);
    assertEquals("users_created", values[columns.indexOf("source_topic")]);
    assertEquals(Integer.valueOf(3), values[columns.indexOf("source_partition")]);
    assertEquals(Long.valueOf(4711L), values[columns.indexOf("source_offset")]);
    assertEquals("flink", values[columns.indexOf("engine")]);
  }

  @Test
  void rejectBindValuesCarryTextOrBlob() {
    Rejection r = new Rejection(RejectReason.INVALID_UTF8, "bad byte");
    Instant at = Instant.parse("2024-05-01T12:00:05Z");
    List<String> columns = schema.rejectColumns();
    byte[] binary = {(byte) 0xFF, 1};
    Object[] values = schema.rejectBindValues(r, RejectedPayload.of(binary), lineage, "spark", at);
    assertEquals(columns.size(), values.length);
    assertNull(values[columns.indexOf("raw")]);
    assertEquals(ByteBuffer.wrap(binary), values[columns.indexOf("raw_bytes")]);
    assertEquals(Integer.valueOf(2), values[columns.indexOf("raw_size")]);
    assertEquals(Boolean.FALSE, values[columns.indexOf("raw_truncated")]);
    assertEquals("INVALID_UTF8", values[columns.indexOf("reason_code")]);
    assertEquals("INVALID_UTF8: bad byte", values[columns.indexOf("reason")]);
    assertEquals(at, values[columns.indexOf("rejected_at")]);
    Object[] text =
        schema.rejectBindValues(r, RejectedPayload.of("x".getBytes()), lineage, "spark", at);
    assertEquals("x", text[columns.indexOf("raw")]);
    assertNull(text[columns.indexOf("raw_bytes")]);
    assertInstanceOf(Long.class, text[columns.indexOf("source_offset")]);
  }

  @Test
  void badIdentifiersAreRefusedWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CassandraSchema("spark-streams", "u", "r", 1));
    assertEquals(
        "keyspace must be a letter then up to 47 letters, digits or underscores"
            + " ([A-Za-z][A-Za-z0-9_]{0,47}), got 'spark-streams'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CassandraSchema("ks", "1users", "r", 1));
    assertThrows(IllegalArgumentException.class, () -> new CassandraSchema("ks", "u;DROP", "r", 1));
    assertThrows(
        IllegalArgumentException.class, () -> new CassandraSchema("k".repeat(49), "u", "r", 1));
  }

  @Test
  void reservedWordsAndEqualTablesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new CassandraSchema("ks", "Table", "r", 1));
    assertTrue(e.getMessage().contains("reserved CQL word"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CassandraSchema("ks", "t", "T", 1));
    assertThrows(IllegalArgumentException.class, () -> new CassandraSchema("ks", "u", "r", 0));
  }

  @Test
  void replicationMapIsValidatedAndUsedVerbatim() {
    CassandraSchema nts =
        CassandraSchema.withReplication(
            "ks", "u", "r", "{'class':'NetworkTopologyStrategy','dc1':3,'dc-2':'2'}");
    assertTrue(
        nts.createKeyspaceCql().endsWith("{'class':'NetworkTopologyStrategy','dc1':3,'dc-2':'2'}"));
    assertThrows(
        IllegalArgumentException.class,
        () -> CassandraSchema.withReplication("ks", "u", "r", "{'class':'x'}; DROP KEYSPACE ks"));
  }

  @Test
  void equalSchemasAreEqual() {
    assertEquals(
        CassandraSchema.defaults(),
        new CassandraSchema("spark_streams", "created_users", "rejected_users", 1));
  }
}
