package dev.userstream.stack.pipeline;

import dev.userstream.model.RejectReason;
import dev.userstream.model.TestUsers;
import dev.userstream.model.TestUsers.UserJson;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deterministic mixes of valid and malformed record values for end-to-end tests: raw and flat users
 * with every quirk of common-model's tests, each with its own id, and bad records of every kind the
 * broker accepts.
 */
public final class TestRecords {
  /** Bad kinds that fit in a default Kafka message (TOO_LARGE is over 1 MiB on purpose). */
  public static final List<RejectReason> BAD_KINDS =
      TestUsers.badSamples().keySet().stream()
          .filter(reason -> reason != RejectReason.TOO_LARGE)
          .sorted()
          .toList();

  /**
   * Size of {@link #nearBrokerMax()}: just under what a broker with default settings accepts. Its
   * {@code message.max.bytes} (1 MiB + 12 bytes) bounds a whole record batch, so the value leaves
   * about 8 KiB for the batch and record headers. A producer must raise {@code max.request.size} (1
   * MiB by default) to send it.
   */
  public static final int NEAR_BROKER_MAX_BYTES = 1_040_000;

  private TestRecords() {}

  /**
   * {@code count} values of which exactly {@code bad} are malformed, spread evenly; the valid ones
   * all have distinct user ids, so the users table must end with exactly {@code count - bad} rows.
   */
  public static List<byte[]> mixed(int count, int bad, long seed) {
    if (bad < 0 || bad > count) {
      throw new IllegalArgumentException("bad must be 0.." + count + ", got " + bad);
    }
    List<byte[]> values = new ArrayList<>(count);
    int badSoFar = 0;
    for (int i = 0; i < count; i++) {
      // Bresenham-style spreading: record i is bad when the bad quota crosses an integer.
      boolean isBad = (long) (i + 1) * bad / count > badSoFar;
      if (isBad) {
        values.add(TestUsers.bad(BAD_KINDS.get(badSoFar % BAD_KINDS.size())));
        badSoFar++;
      } else {
        values.add(valid(i, seed).bytes());
      }
    }
    return values;
  }

  /**
   * A burst of poison: one record of every kind in {@link #BAD_KINDS}, a null value (a Kafka
   * tombstone) and {@link #nearBrokerMax()}, in that order. A mutable list, since {@code List.of}
   * refuses the null.
   */
  public static List<byte[]> poison() {
    List<byte[]> values = new ArrayList<>();
    for (RejectReason reason : BAD_KINDS) {
      values.add(TestUsers.bad(reason));
    }
    values.add(null);
    values.add(nearBrokerMax());
    return values;
  }

  /**
   * A raw user of exactly {@link #NEAR_BROKER_MAX_BYTES} bytes, its last name blown up to about a
   * million characters: the broker takes it, the default limits parse it (it is under 1 MiB), and
   * the transformation rejects it as FIELD_TOO_LONG.
   */
  public static byte[] nearBrokerMax() {
    int frame = TestUsers.raw().set("name.last", "").bytes().length;
    byte[] value =
        TestUsers.raw().set("name.last", "x".repeat(NEAR_BROKER_MAX_BYTES - frame)).bytes();
    if (value.length != NEAR_BROKER_MAX_BYTES) {
      throw new IllegalStateException("near-max record is " + value.length + " bytes");
    }
    return value;
  }

  /** The {@code i}-th valid user: one of eight shapes, raw and flat, with its own id. */
  public static UserJson valid(int i, long seed) {
    UUID id = UUID.nameUUIDFromBytes(("userstream-test-" + seed + "-" + i).getBytes());
    String email = "user" + i + "@example.com";
    return switch (i % 8) {
      case 0 -> TestUsers.raw(i).set("login.uuid", id.toString());
      case 1 -> TestUsers.flat(i).set("id", id.toString());
      case 2 -> TestUsers.norwayPostcode().set("login.uuid", id.toString()).set("email", email);
      case 3 -> TestUsers.iranPersian().set("login.uuid", id.toString()).set("email", email);
      case 4 -> TestUsers.apostrophes().set("login.uuid", id.toString()).set("email", email);
      case 5 -> TestUsers.minimalRaw().set("login.uuid", id.toString()).set("email", email);
      case 6 -> TestUsers.flatHexId().set("id", id.toString().replace("-", "")).set("email", email);
      default -> TestUsers.flatWithProcessedAt().set("id", id.toString()).set("email", email);
    };
  }
}
