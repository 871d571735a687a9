package dev.userstream.model;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one source of truth for the pipeline's CQL: DDL, inserts and their bind values.
 *
 * <p>Statements carry {@code ?} bind markers only, never values: the jobs prepare them once and
 * bind per row. Identifiers are validated rather than quoted, so they fold to lower case as CQL
 * does and a table created here is the one a hand-written {@code cqlsh} query finds.
 *
 * @param keyspace the keyspace of both tables
 * @param usersTable the table of created users
 * @param rejectsTable the table of rejected records
 * @param replication the replication map as it appears in the keyspace DDL, e.g. {@code
 *     {'class':'NetworkTopologyStrategy','dc1':3}}
 */
public record CassandraSchema(
    String keyspace, String usersTable, String rejectsTable, String replication)
    implements Serializable {

  public static final String DEFAULT_KEYSPACE = "spark_streams";
  public static final String DEFAULT_USERS_TABLE = "created_users";
  public static final String DEFAULT_REJECTS_TABLE = "rejected_users";
  public static final int DEFAULT_REPLICATION_FACTOR = 1;

  /** Cassandra's own rule for unquoted keyspace and table names (48 characters at most). */
  static final String IDENTIFIER_RULE = "[A-Za-z][A-Za-z0-9_]{0,47}";

  private static final Pattern IDENTIFIER = Pattern.compile(IDENTIFIER_RULE);
  // Reserved CQL keywords cannot be unquoted names; failing here beats a syntax error at startup.
  // Cassandra's reserved_keywords.txt across 4.x-5.x, erring on the side of refusing.
  private static final Set<String> RESERVED =
      Set.of(
          ("add allow alter and apply asc authorize batch begin by check columnfamily"
                  + " constraint create delete desc describe drop entries execute from full grant"
                  + " if in index infinity insert into is keyspace length limit materialized mbean"
                  + " mbeans modify nan norecursive not null of on or order primary rename replace"
                  + " revoke schema select set table to token truncate unlogged unset update use"
                  + " using view where with")
              .split(" "));
  // A CQL map of quoted names to numbers and one class: nothing else can reach the DDL text.
  private static final Pattern REPLICATION_MAP =
      Pattern.compile(
          "\\{\\s*'class'\\s*:\\s*'[A-Za-z0-9_.]+'"
              + "(\\s*,\\s*'[A-Za-z0-9_.-]+'\\s*:\\s*'?[0-9]{1,3}'?)*\\s*}");

  /** A column and its CQL type; the lists below are the DDL, the inserts and the bind order. */
  private record Column(String name, String type) {}

  private static final List<Column> USER_TABLE =
      List.of(
          new Column("id", "uuid"),
          new Column("first_name", "text"),
          new Column("last_name", "text"),
          new Column("gender", "text"),
          new Column("address", "text"),
          new Column("post_code", "text"),
          new Column("email", "text"),
          new Column("username", "text"),
          new Column("dob", "text"),
          new Column("registered_date", "text"),
          new Column("phone", "text"),
          new Column("picture", "text"),
          new Column("full_name", "text"),
          new Column("email_domain", "text"),
          new Column("age", "int"),
          new Column("nationality", "text"),
          new Column("country", "text"),
          new Column("event_time", "timestamp"),
          new Column("source_topic", "text"),
          new Column("source_partition", "int"),
          new Column("source_offset", "bigint"),
          new Column("engine", "text"));
  private static final List<Column> REJECT_TABLE =
      List.of(
          new Column("topic", "text"),
          new Column("source_partition", "int"),
          new Column("source_offset", "bigint"),
          new Column("raw", "text"),
          new Column("raw_bytes", "blob"),
          new Column("raw_size", "int"),
          new Column("raw_truncated", "boolean"),
          new Column("reason_code", "text"),
          new Column("reason", "text"),
          new Column("event_time", "timestamp"),
          new Column("rejected_at", "timestamp"),
          new Column("engine", "text"));
  private static final List<String> USER_COLUMNS = names(USER_TABLE);
  private static final List<String> REJECT_COLUMNS = names(REJECT_TABLE);

  /**
   * Checks every part: the replication map against {@link #REPLICATION_MAP} (nothing else can reach
   * the DDL text), the names against CQL's rules, and that the two tables differ.
   */
  public CassandraSchema {
    if (replication == null || !REPLICATION_MAP.matcher(replication).matches()) {
      throw new IllegalArgumentException(
          "replication must look like {'class':'NetworkTopologyStrategy','dc1':3}, got "
              + (replication == null ? "null" : "'" + replication + "'"));
    }
    checkIdentifier("keyspace", keyspace);
    checkIdentifier("users table", usersTable);
    checkIdentifier("rejects table", rejectsTable);
    if (usersTable.equalsIgnoreCase(rejectsTable)) {
      throw new IllegalArgumentException(
          "users table and rejects table must differ, both are '" + usersTable + "'");
    }
  }

  /** A schema with SimpleStrategy replication and the given factor. */
  public CassandraSchema(
      String keyspace, String usersTable, String rejectsTable, int replicationFactor) {
    this(keyspace, usersTable, rejectsTable, simpleStrategy(replicationFactor));
  }

  /** {@code spark_streams.created_users} / {@code rejected_users}, SimpleStrategy RF 1. */
  public static CassandraSchema defaults() {
    return new CassandraSchema(
        DEFAULT_KEYSPACE, DEFAULT_USERS_TABLE, DEFAULT_REJECTS_TABLE, DEFAULT_REPLICATION_FACTOR);
  }

  /**
   * A schema with an explicit replication map, e.g. {@code {'class':'NetworkTopologyStrategy',
   * 'dc1':3}}, for clusters where SimpleStrategy is wrong.
   */
  public static CassandraSchema withReplication(
      String keyspace, String usersTable, String rejectsTable, String replicationMap) {
    return new CassandraSchema(
        keyspace, usersTable, rejectsTable, replicationMap == null ? null : replicationMap.strip());
  }

  /**
   * Returns {@code value} if it is a usable unquoted CQL name, else throws with a message naming
   * {@code what} (callers pass "--keyspace" and the like to speak the user's language).
   */
  public static String checkIdentifier(String what, String value) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be a letter then up to 47 letters, digits or underscores ("
              + IDENTIFIER_RULE
              + "), got "
              + (value == null ? "null" : "'" + value + "'"));
    }
    if (RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          what + " '" + value + "' is a reserved CQL word; choose another name");
    }
    return value;
  }

  private static String simpleStrategy(int replicationFactor) {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replication factor must be at least 1, got " + replicationFactor);
    }
    return "{'class':'SimpleStrategy','replication_factor':" + replicationFactor + "}";
  }

  public String createKeyspaceCql() {
    // cql-safe: DDL options take no bind markers; replication is built from an int or matched
    // against REPLICATION_MAP (quoted names and numbers only)
    return "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication;
  }

  /** The id is a natural key (login.uuid), so a replayed user overwrites its own row. */
  public String createUsersTableCql() {
    return createTable(users(), USER_TABLE, "id");
  }

  /** Keyed by Kafka position so a replayed bad record overwrites its own row. */
  public String createRejectsTableCql() {
    return createTable(rejects(), REJECT_TABLE, "(topic, source_partition), source_offset");
  }

  /** Keyspace, users table, rejects table: the order they must run in. */
  public List<String> ddl() {
    return List.of(createKeyspaceCql(), createUsersTableCql(), createRejectsTableCql());
  }

  /** Column order of {@link #insertUserCql()} and {@link #userBindValues}. */
  public List<String> userColumns() {
    return USER_COLUMNS;
  }

  /** Column order of {@link #insertRejectCql()} and {@link #rejectBindValues}. */
  public List<String> rejectColumns() {
    return REJECT_COLUMNS;
  }

  /** An upsert: Cassandra's INSERT overwrites, which is what makes replays idempotent. */
  public String insertUserCql() {
    return insert(users(), USER_COLUMNS);
  }

  public String insertRejectCql() {
    return insert(rejects(), REJECT_COLUMNS);
  }

  /** One user by id (bind a UUID), all columns in {@link #userColumns()} order. */
  public String selectUserCql() {
    return "SELECT " + String.join(", ", USER_COLUMNS) + " FROM " + users() + " WHERE id = ?";
  }

  /** One reject by Kafka position (bind topic, partition, offset). */
  public String selectRejectCql() {
    return "SELECT "
        + String.join(", ", REJECT_COLUMNS)
        + " FROM "
        + rejects()
        + " WHERE topic = ? AND source_partition = ? AND source_offset = ?";
  }

  /** A full-table count: fine for tests and verification runs, not for production tables. */
  public String countUsersCql() {
    return "SELECT COUNT(*) FROM " + users();
  }

  public String countRejectsCql() {
    return "SELECT COUNT(*) FROM " + rejects();
  }

  /**
   * Values for {@link #insertUserCql()}, in column order, typed as the DataStax 4.x driver binds
   * them (UUID, String, Integer, Instant, Integer partition, Long offset). Null means no value.
   */
  public Object[] userBindValues(CreatedUser u, Lineage l, String engine) {
    return new Object[] {
      u.id(),
      u.firstName(),
      u.lastName(),
      u.gender(),
      u.address(),
      u.postCode(),
      u.email(),
      u.username(),
      u.dob(),
      u.registeredDate(),
      u.phone(),
      u.picture(),
      u.fullName(),
      u.emailDomain(),
      u.age(),
      u.nationality(),
      u.country(),
      l.eventTime(),
      l.topic(),
      l.partition(),
      l.offset(),
      engine
    };
  }

  /** Values for {@link #insertRejectCql()}, in column order; the blob is a ByteBuffer. */
  public Object[] rejectBindValues(
      Rejection r, RejectedPayload p, Lineage l, String engine, Instant rejectedAt) {
    byte[] bytes = p.bytes();
    return new Object[] {
      l.topic(),
      l.partition(),
      l.offset(),
      p.text(),
      bytes == null ? null : ByteBuffer.wrap(bytes),
      p.size(),
      p.truncated(),
      r.code().name(),
      r.reason(),
      l.eventTime(),
      rejectedAt,
      engine
    };
  }

  private String users() {
    return keyspace + "." + usersTable;
  }

  private String rejects() {
    return keyspace + "." + rejectsTable;
  }

  private static String createTable(String table, List<Column> columns, String primaryKey) {
    String definitions =
        columns.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
    return "CREATE TABLE IF NOT EXISTS "
        + table
        + " ("
        + definitions
        + ", PRIMARY KEY ("
        + primaryKey
        + "))";
  }

  private static List<String> names(List<Column> columns) {
    return columns.stream().map(Column::name).toList();
  }

  private static String insert(String table, List<String> columns) {
    String markers = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        // cql-safe: markers is "?, ?, ..." (bind markers only, one per column)
        + ") VALUES ("
        + markers
        + ")";
  }

  @Override
  public String toString() {
    return "CassandraSchema[" + users() + ", " + rejects() + ", replication=" + replication + "]";
  }
}
