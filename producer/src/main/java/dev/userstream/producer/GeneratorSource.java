package dev.userstream.producer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userstream.producer.Nationality.Name;
import dev.userstream.producer.Nationality.Place;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Offline random users in the raw randomuser.me v1.4 shape, with the real API's quirks: 21
 * nationalities, post codes as numbers or (CA, GB, NO) strings with leading zeros, a null {@code
 * id.value} for IR, NZ, TR and UA, coordinates as strings, offsets like {@code +5:45}, non-ASCII
 * and Persian-script names, apostrophes.
 *
 * <p>Deterministic: record {@code i} is a pure function of (seed, reference time, i), so the same
 * seed gives the same bytes on every machine and every day, and a replay overwrites the same rows
 * ({@code login.uuid} is the stable user id). Not thread-safe (it reuses digests); the generator
 * never runs out.
 */
public final class GeneratorSource implements UserSource {
  /**
   * The "now" that ages and registration dates are computed against. Fixed rather than the clock,
   * because a seed must give the same bytes tomorrow too.
   */
  public static final Instant DEFAULT_REFERENCE = Instant.parse("2025-01-01T00:00:00Z");

  private static final long SALT = 0x6E7A1L;
  private static final DateTimeFormatter API_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String PORTRAITS = "https://randomuser.me/api/portraits/";

  private final GeneratorData data = GeneratorData.INSTANCE;
  private final long seed;
  private final ZonedDateTime reference;
  private final MessageDigest md5;
  private final MessageDigest sha1;
  private final MessageDigest sha256;
  private long nextIndex;

  /** A generator against {@link #DEFAULT_REFERENCE}. */
  public GeneratorSource(long seed) {
    this(seed, DEFAULT_REFERENCE);
  }

  /** A generator whose ages and registration dates are relative to {@code reference}. */
  public GeneratorSource(long seed, Instant reference) {
    this.seed = seed;
    this.reference = reference.atZone(ZoneOffset.UTC);
    try {
      md5 = MessageDigest.getInstance("MD5");
      sha1 = MessageDigest.getInstance("SHA-1");
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks a standard digest", e); // every JDK has them
    }
  }

  /** The nationality codes the generator draws from, uniformly. */
  public static List<String> nationalities() {
    return GeneratorData.INSTANCE.nationalities().stream().map(Nationality::code).toList();
  }

  @Override
  public ObjectNode next() {
    return record(nextIndex++);
  }

  @Override
  public String description() {
    return "generator";
  }

  /** Record number {@code index} of this seed, as {@link #next()} returns it at that position. */
  public ObjectNode record(long index) {
    Random random = new Random(Seeds.mix(seed, SALT, index));
    Nationality nat = pick(random, data.nationalities());
    boolean male = random.nextBoolean();
    Name first = pick(random, male ? nat.male() : nat.female());
    Name last = pick(random, nat.last());

    ObjectNode user = Json.object();
    user.put("gender", male ? "male" : "female");
    ObjectNode name = user.putObject("name");
    name.put("title", pick(random, male ? nat.titlesMale() : nat.titlesFemale()));
    name.put("first", first.text());
    name.put("last", last.text());
    location(user.putObject("location"), nat, random);
    user.put("email", emailName(first) + "." + emailName(last) + "@example.com");
    login(user.putObject("login"), random);
    ZonedDateTime dob = between(random, reference.minusYears(78), reference.minusYears(21));
    dated(user.putObject("dob"), dob);
    ZonedDateTime earliest = dob.plusYears(18);
    if (earliest.isBefore(reference.minusYears(22))) {
      earliest = reference.minusYears(22); // the API's registrations go back about two decades
    }
    dated(user.putObject("registered"), between(random, earliest, reference.minusDays(1)));
    user.put("phone", fill(nat.phone(), random, false));
    user.put("cell", fill(nat.cell(), random, false));
    ObjectNode id = user.putObject("id");
    id.put("name", nat.idName());
    if (nat.idFormat() == null) {
      id.putNull("value");
    } else {
      id.put("value", fill(nat.idFormat(), random, false));
    }
    picture(user.putObject("picture"), male, random.nextInt(100));
    user.put("nat", nat.code());
    return user;
  }

  private void location(ObjectNode location, Nationality nat, Random random) {
    ObjectNode street = location.putObject("street");
    street.put("number", 1 + random.nextInt(9999));
    street.put("name", pick(random, nat.streets()));
    Place place = pick(random, nat.cities());
    location.put("city", place.city());
    location.put("state", place.state());
    location.put("country", nat.country());
    if (nat.postcodeString()) {
      location.put("postcode", fill(nat.postcode(), random, false));
    } else {
      location.put("postcode", Integer.parseInt(fill(nat.postcode(), random, true)));
    }
    ObjectNode coordinates = location.putObject("coordinates");
    coordinates.put("latitude", decimal(random.nextInt(1_800_001) - 900_000));
    coordinates.put("longitude", decimal(random.nextInt(3_600_001) - 1_800_000));
    ObjectNode timezone = location.putObject("timezone");
    int zone = random.nextInt(data.timezoneOffsets().size());
    timezone.put("offset", data.timezoneOffsets().get(zone));
    timezone.put("description", data.timezoneDescriptions().get(zone));
  }

  private void login(ObjectNode login, Random random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    login.put("uuid", new UUID(msb, lsb).toString());
    login.put(
        "username",
        pick(random, data.adjectives())
            + pick(random, data.animals())
            + (100 + random.nextInt(900)));
    String password = pick(random, data.passwords());
    StringBuilder salt = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      salt.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    login.put("password", password);
    login.put("salt", salt.toString());
    // Real digests of password + salt, as the API sends, so the values look and behave right.
    byte[] salted = (password + salt).getBytes(StandardCharsets.UTF_8);
    login.put("md5", HexFormat.of().formatHex(md5.digest(salted)));
    login.put("sha1", HexFormat.of().formatHex(sha1.digest(salted)));
    login.put("sha256", HexFormat.of().formatHex(sha256.digest(salted)));
  }

  private void dated(ObjectNode node, ZonedDateTime when) {
    node.put("date", API_DATE.format(when));
    node.put("age", ChronoUnit.YEARS.between(when.toLocalDate(), reference.toLocalDate()));
  }

  private static void picture(ObjectNode picture, boolean male, int number) {
    String folder = (male ? "men/" : "women/") + number + ".jpg";
    picture.put("large", PORTRAITS + folder);
    picture.put("medium", PORTRAITS + "med/" + folder);
    picture.put("thumbnail", PORTRAITS + "thumb/" + folder);
  }

  /** A uniformly random instant in [from, to), with milliseconds, as the API's dates have. */
  private static ZonedDateTime between(Random random, ZonedDateTime from, ZonedDateTime to) {
    long span = to.toInstant().toEpochMilli() - from.toInstant().toEpochMilli();
    long millis = from.toInstant().toEpochMilli() + (long) (random.nextDouble() * span);
    return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
  }

  /** Four decimals as a string, like the API's coordinates ("-32.4931"). */
  private static String decimal(int tenThousandths) {
    String sign = tenThousandths < 0 ? "-" : "";
    int abs = Math.abs(tenThousandths);
    String fraction = Integer.toString(abs % 10_000);
    return sign + (abs / 10_000) + "." + "0000".substring(fraction.length()) + fraction;
  }

  /**
   * A format filled in: {@code #} a digit, {@code @} an upper-case letter, anything else kept.
   * {@code nonZeroFirst} keeps a numeric post code from losing digits to a leading zero.
   */
  static String fill(String format, Random random, boolean nonZeroFirst) {
    StringBuilder out = new StringBuilder(format.length());
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '#') {
        out.append(nonZeroFirst && out.length() == 0 ? 1 + random.nextInt(9) : random.nextInt(10));
      } else if (c == '@') {
        out.append((char) ('A' + random.nextInt(26)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String emailName(Name name) {
    return name.ascii().isEmpty() ? "user" : name.ascii();
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
