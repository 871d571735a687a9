package dev.userstream.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * Test data for every module: raw randomuser.me and flat records, each quirk the pipeline must
 * accept, and one bad record per {@link RejectReason}.
 *
 * <p>Builders start from fixed values, so a test reads {@code TestUsers.raw().set("email", "x")}
 * and asserts on the rest without surprises. Paths are dotted ({@code location.street.name}).
 */
public final class TestUsers {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The event time tests pass to the transform unless they test age. */
  public static final Instant EVENT_TIME = Instant.parse("2024-05-01T12:00:00Z");

  /** {@code login.uuid} of {@link #raw()}. */
  public static final String RAW_ID = "0b6f1c2e-3d4a-4e5f-8a9b-1c2d3e4f5a6b";

  /** {@code id} of {@link #flat()}. */
  public static final String FLAT_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  private static final String RAW =
      """
      {"gender": "male",
       "name": {"title": "Mr", "first": "Brandon", "last": "Hayes"},
       "location": {"street": {"number": 9278, "name": "Lakeview Drive"},
                    "city": "Fort Collins", "state": "Colorado", "country": "United States",
                    "postcode": 80521,
                    "coordinates": {"latitude": "40.5853", "longitude": "-105.0844"},
                    "timezone": {"offset": "-7:00", "description": "Mountain Time (US & Canada)"}},
       "email": "brandon.hayes@example.com",
       "login": {"uuid": "%s", "username": "smallgoose417", "password": "rockies",
                 "salt": "Zr4Kp0wE", "md5": "5d41402abc4b2a76b9719d911017c592",
                 "sha1": "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
                 "sha256": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"},
       "dob": {"date": "1990-06-15T08:31:12.402Z", "age": 33},
       "registered": {"date": "2015-02-11T19:47:05.118Z", "age": 9},
       "phone": "(970) 555-0142", "cell": "(970) 555-0198",
       "id": {"name": "SSN", "value": "405-12-7788"},
       "picture": {"large": "https://randomuser.me/api/portraits/men/42.jpg",
                   "medium": "https://randomuser.me/api/portraits/med/men/42.jpg",
                   "thumbnail": "https://randomuser.me/api/portraits/thumb/men/42.jpg"},
       "nat": "US"}
      """;

  private static final String FLAT =
      """
      {"id": "%s", "first_name": "Amelia", "last_name": "Clarke", "gender": "female",
       "address": "1520 Station Road, Bristol, Avon, United Kingdom", "post_code": "BS1 4DJ",
       "email": "amelia.clarke@example.com", "username": "purplecat611",
       "dob": "1992-11-03T04:12:55.201Z", "registered_date": "2016-07-21T10:05:44.730Z",
       "phone": "016977 4120", "picture": "https://randomuser.me/api/portraits/med/women/12.jpg"}
      """;

  private TestUsers() {}

  /** A complete raw record of a US user, id {@link #RAW_ID}. */
  public static UserJson raw() {
    return UserJson.parse(RAW.formatted(RAW_ID));
  }

  /** Raw user number {@code n}: its own stable id, username and email, for bulk tests. */
  public static UserJson raw(int n) {
    return numbered(RAW, "raw", n, "login.username");
  }

  /** A complete flat 12-field record, id {@link #FLAT_ID}. */
  public static UserJson flat() {
    return UserJson.parse(FLAT.formatted(FLAT_ID));
  }

  /** Flat user number {@code n}: its own stable id, username and email. */
  public static UserJson flat(int n) {
    return numbered(FLAT, "flat", n, "username");
  }

  /** A recorded API v1.4 record from {@code samples/}: raw-norway, raw-iran or raw-us. */
  public static UserJson sample(String name) {
    String resource = "/samples/" + name + ".json";
    try (InputStream in = TestUsers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test sample " + resource);
      }
      return UserJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Norway sends post codes as strings with leading zeros. */
  public static UserJson norwayPostcode() {
    return raw()
        .set("location.postcode", "0015")
        .set("location.country", "Norway")
        .set("nat", "NO");
  }

  /** Most countries send post codes as JSON numbers. */
  public static UserJson numericPostcode() {
    return raw().set("location.postcode", 80521);
  }

  /** Persian-script text and a null national id value, as the API sends for Iran. */
  public static UserJson iranPersian() {
    return raw()
        .set("name.first", "آرمان")
        .set("name.last", "رضایی")
        .set("location.street.name", "میدان انقلاب")
        .set("location.city", "تهران")
        .set("location.state", "تهران")
        .set("location.country", "Iran")
        .set("id.name", "")
        .set("id.value", null)
        .set("nat", "IR");
  }

  /** Apostrophes, which break hand-built CQL strings. */
  public static UserJson apostrophes() {
    return raw().set("name.last", "O'Connor").set("location.street.name", "D'Arcy Street");
  }

  /** A raw record without the optional {@code cell}, {@code id}, coordinates and timezone. */
  public static UserJson minimalRaw() {
    return raw()
        .remove("cell")
        .remove("id")
        .remove("location.coordinates")
        .remove("location.timezone");
  }

  public static UserJson flatDashedId() {
    return flat();
  }

  /** The id as 32 hex digits, as Python's {@code uuid.uuid4().hex} writes it. */
  public static UserJson flatHexId() {
    return flat().set("id", FLAT_ID.replace("-", ""));
  }

  public static UserJson flatNumericPostCode() {
    return flat().set("post_code", 40521);
  }

  public static UserJson flatStringPostCode() {
    return flat().set("post_code", "0015");
  }

  /** The earlier pipelines added a processing timestamp; it must be ignored. */
  public static UserJson flatWithProcessedAt() {
    return flat().set("processed_at", "2024-05-01T12:00:03.120Z");
  }

  /** A syntactically valid record of {@code maxRecordBytes + 1} bytes. */
  public static byte[] oversize(int maxRecordBytes) {
    int padding = Math.max(0, maxRecordBytes + 1 - raw().set("padding", "").bytes().length);
    byte[] bytes = raw().set("padding", "x".repeat(padding)).bytes();
    if (bytes.length != maxRecordBytes + 1) {
      throw new IllegalArgumentException("limit " + maxRecordBytes + " is below a record's size");
    }
    return bytes;
  }

  /** A raw record cut off in the middle, as a crashed producer leaves it. */
  public static byte[] truncated() {
    byte[] whole = raw().bytes();
    return Arrays.copyOf(whole, whole.length / 2);
  }

  /**
   * A record that the default transform rejects with exactly {@code reason}. INTERNAL_ERROR has
   * none: no input is meant to produce it.
   */
  public static byte[] bad(RejectReason reason) {
    return switch (reason) {
      case EMPTY_VALUE -> new byte[0];
      case TOO_LARGE -> oversize(Limits.DEFAULT.maxRecordBytes());
      case INVALID_UTF8 -> invalidUtf8();
      case NOT_JSON -> "user Brandon Hayes, born 1990".getBytes(StandardCharsets.UTF_8);
      case NOT_AN_OBJECT -> ("[" + raw().json() + "]").getBytes(StandardCharsets.UTF_8);
      case UNKNOWN_SHAPE ->
          "{\"user\": \"brandon\", \"score\": 42}".getBytes(StandardCharsets.UTF_8);
      case WRONG_TYPE -> raw().set("name", "Brandon Hayes").bytes();
      case MISSING_FIELD -> raw().remove("name.first").bytes();
      case INVALID_ID -> raw().set("login.uuid", "not-a-uuid").bytes();
      case INVALID_EMAIL -> raw().set("email", "brandon.hayes.example.com").bytes();
      case INVALID_DATE -> raw().set("dob.date", "15/06/1990").bytes();
      case FIELD_TOO_LONG -> raw().set("name.last", "x".repeat(5000)).bytes();
      case INTERNAL_ERROR -> throw new IllegalArgumentException("no input produces " + reason);
    };
  }

  /** {@link #bad} for every reason that input can produce, in enum order. */
  public static Map<RejectReason, byte[]> badSamples() {
    Map<RejectReason, byte[]> samples = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      if (reason != RejectReason.INTERNAL_ERROR) {
        samples.put(reason, bad(reason));
      }
    }
    return samples;
  }

  private static byte[] invalidUtf8() {
    byte[] bytes = raw().bytes();
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("Brandon");
    bytes[at + 1] = (byte) 0xC3; // a lead byte followed by ASCII: malformed
    return bytes;
  }

  /**
   * User {@code n} of {@code template}: id, username (at {@code usernamePath}) and email its own.
   */
  private static UserJson numbered(String template, String kind, int n, String usernamePath) {
    return UserJson.parse(template.formatted(idOf(kind, n)))
        .set(usernamePath, "user" + n)
        .set("email", "user" + n + "@example.com");
  }

  private static String idOf(String kind, int n) {
    return UUID.nameUUIDFromBytes((kind + "-user-" + n).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** A mutable JSON record with dotted-path edits; each call to a factory gives a fresh one. */
  public static final class UserJson {
    private final ObjectNode root;

    private UserJson(ObjectNode root) {
      this.root = root;
    }

    static UserJson parse(String json) {
      try {
        return new UserJson((ObjectNode) MAPPER.readTree(json));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("bad test JSON", e);
      }
    }

    /** Sets a value (string, number, boolean, null, map, list), creating parent objects. */
    public UserJson set(String path, Object value) {
      String[] parts = path.split("\\.");
      ObjectNode parent = root;
      for (int i = 0; i < parts.length - 1; i++) {
        JsonNode child = parent.get(parts[i]);
        parent = child instanceof ObjectNode object ? object : parent.putObject(parts[i]);
      }
      parent.set(parts[parts.length - 1], MAPPER.valueToTree(value));
      return this;
    }

    /** Removes a field; a missing path is a no-op. */
    public UserJson remove(String path) {
      int dot = path.lastIndexOf('.');
      JsonNode parent = dot < 0 ? root : root.at("/" + path.substring(0, dot).replace('.', '/'));
      if (parent instanceof ObjectNode object) {
        object.remove(path.substring(dot + 1));
      }
      return this;
    }

    /** The Kafka key the producer uses: {@code login.uuid} (raw) or {@code id} (flat). */
    public String key() {
      JsonNode uuid = root.at("/login/uuid");
      return uuid.isMissingNode() ? root.path("id").asText() : uuid.asText();
    }

    public String json() {
      return root.toString();
    }

    public byte[] bytes() {
      return json().getBytes(StandardCharsets.UTF_8);
    }

    /** An independent copy, to derive variants from one base. */
    public UserJson copy() {
      return new UserJson(root.deepCopy());
    }

    @Override
    public String toString() {
      return json();
    }
  }
}
