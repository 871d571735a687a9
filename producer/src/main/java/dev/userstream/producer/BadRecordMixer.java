package dev.userstream.producer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Decides, deterministically for a seed, which records become malformed and how, and makes them so;
 * for tests, demos and benchmarks of the consumers' reject path.
 *
 * <p>Each record index is bad with probability {@code ratio}, independently, of a kind drawn
 * uniformly from {@link BadKind}: the same seed and ratio spoil the same indexes the same way.
 */
public final class BadRecordMixer {
  private static final long SALT = 0xBADL;
  private static final BadKind[] KINDS = BadKind.values();

  private final long seed;
  private final double ratio;

  /**
   * @param ratio share of bad records, 0 (none) to 1 (all)
   */
  public BadRecordMixer(long seed, double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("bad ratio must be between 0 and 1, got " + ratio);
    }
    this.seed = seed;
    this.ratio = ratio;
  }

  /** The kind of damage for record {@code index}, or null when it stays good. */
  public BadKind pick(long index) {
    if (ratio == 0) {
      return null;
    }
    Random random = new Random(Seeds.mix(seed, SALT, index));
    return random.nextDouble() < ratio ? KINDS[random.nextInt(KINDS.length)] : null;
  }

  /**
   * The malformed value of kind {@code kind} made from a good record (raw or flat); it may change
   * {@code record}.
   */
  public static byte[] spoil(BadKind kind, ObjectNode record) {
    boolean raw = FlatFormatter.isRaw(record);
    return switch (kind) {
      case TRUNCATED_JSON -> {
        String json = new String(Json.bytes(record), StandardCharsets.UTF_8);
        int cut = json.length() / 2;
        if (Character.isHighSurrogate(json.charAt(cut - 1))) {
          cut--; // never split a character: the damage is the missing half, not bad UTF-8
        }
        yield json.substring(0, cut).getBytes(StandardCharsets.UTF_8);
      }
      case NOT_JSON -> {
        String first = Json.text(record, raw ? "name.first" : "first_name");
        String last = Json.text(record, raw ? "name.last" : "last_name");
        yield ("new user: " + first + " " + last + " <" + Json.text(record, "email") + ">")
            .getBytes(StandardCharsets.UTF_8);
      }
      case WRONG_TYPE -> {
        if (raw) {
          String full = Json.text(record, "name.first") + " " + Json.text(record, "name.last");
          record.put("name", full);
        } else {
          ObjectNode wrapped = Json.object();
          wrapped.set("value", record.get("first_name"));
          record.set("first_name", wrapped);
        }
        yield Json.bytes(record);
      }
      case MISSING_ID -> {
        if (raw) {
          if (record.get("login") instanceof ObjectNode login) {
            login.remove("uuid");
          }
        } else {
          record.remove("id");
        }
        yield Json.bytes(record);
      }
      case BAD_EMAIL -> {
        String email = Json.text(record, "email");
        record.put("email", email == null ? "no email given" : email.replace("@", " at "));
        yield Json.bytes(record);
      }
    };
  }
}
