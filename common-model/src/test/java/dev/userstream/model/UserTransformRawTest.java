package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Raw randomuser.me records: every quirk of the API, normalisation and derived columns. */
class UserTransformRawTest {
  private final UserTransform transform = UserTransform.withDefaults();

  private CreatedUser user(TestUsers.UserJson json) {
    return user(json.bytes(), TestUsers.EVENT_TIME);
  }

  private CreatedUser user(byte[] value, Instant eventTime) {
    TransformResult result = transform.apply(value, eventTime);
    return assertInstanceOf(CreatedUser.class, result, () -> "rejected: " + result);
  }

  @Test
  void completeRecordMapsEverySeedColumn() {
    CreatedUser u = user(TestUsers.raw());
    assertEquals(UUID.fromString(TestUsers.RAW_ID), u.id());
    assertEquals("Brandon", u.firstName());
    assertEquals("Hayes", u.lastName());
    assertEquals("male", u.gender());
    assertEquals("brandon.hayes@example.com", u.email());
    assertEquals("smallgoose417", u.username());
    assertEquals("1990-06-15T08:31:12.402Z", u.dob());
    assertEquals("2015-02-11T19:47:05.118Z", u.registeredDate());
    assertEquals("(970) 555-0142", u.phone());
    assertEquals("80521", u.postCode());
  }

  static Stream<Arguments> addresses() {
    return Stream.of(
        arguments(TestUsers.raw(), "9278 Lakeview Drive, Fort Collins, Colorado, United States"),
        // Absent parts are left out with their separators.
        arguments(
            TestUsers.raw().remove("location.street.number").remove("location.state"),
            "Lakeview Drive, Fort Collins, United States"),
        // The older string street is taken as the whole street part.
        arguments(
            TestUsers.raw().set("location.street", "9278 lakeview dr"),
            "9278 lakeview dr, Fort Collins, Colorado, United States"));
  }

  @ParameterizedTest
  @MethodSource("addresses")
  void addressIsNumberStreetCityStateCountry(TestUsers.UserJson record, String address) {
    assertEquals(address, user(record).address());
  }

  @Test
  void addressIsNullWithoutLocation() {
    CreatedUser u = user(TestUsers.raw().remove("location"));
    assertNull(u.address());
    assertNull(u.postCode());
    assertNull(u.country());
  }

  static Stream<Arguments> namesAndAddressesAsWritten() {
    return Stream.of(
        // Persian script; this record's id.value is null, which must not reject it.
        arguments(
            TestUsers.iranPersian(),
            "آرمان",
            "رضایی",
            "آرمان رضایی",
            "9278 میدان انقلاب, تهران, تهران, Iran"),
        arguments(
            TestUsers.apostrophes(),
            "Brandon",
            "O'Connor",
            "Brandon O'Connor",
            "9278 D'Arcy Street, Fort Collins, Colorado, United States"));
  }

  @ParameterizedTest
  @MethodSource("namesAndAddressesAsWritten")
  void scriptsAndApostrophesPassThroughUnchanged(
      TestUsers.UserJson record, String first, String last, String fullName, String address) {
    CreatedUser u = user(record);
    assertEquals(first, u.firstName());
    assertEquals(last, u.lastName());
    assertEquals(fullName, u.fullName());
    assertEquals(address, u.address());
  }

  @Test
  void absentCellIdCoordinatesAndTimezoneAreAccepted() {
    CreatedUser u = user(TestUsers.minimalRaw());
    assertEquals(user(TestUsers.raw()), u);
  }

  @Test
  void pictureIsTheMediumUrl() {
    assertEquals(
        "https://randomuser.me/api/portraits/med/men/42.jpg", user(TestUsers.raw()).picture());
  }

  @Test
  void fullNameIsFirstSpaceLast() {
    assertEquals("Brandon Hayes", user(TestUsers.raw()).fullName());
  }

  @Test
  void emailDomainIsLowerCasedButEmailIsKept() {
    CreatedUser u = user(TestUsers.raw().set("email", "Brandon.Hayes@Example.COM"));
    assertEquals("example.com", u.emailDomain());
    assertEquals("Brandon.Hayes@Example.COM", u.email());
  }

  @ParameterizedTest
  @CsvSource({
    "2020-06-14T23:59:59Z, 29", // the day before the birthday: one less
    "2020-06-15T00:00:00Z, 30", // on the birthday: the new year counts
  })
  void ageCountsTheYearsCompletedAtTheEventTime(Instant eventTime, int age) {
    byte[] value = TestUsers.raw().set("dob.date", "1990-06-15").bytes();
    assertEquals(age, user(value, eventTime).age());
  }

  @Test
  void ageIsNullForADobAfterTheEventTime() {
    byte[] value = TestUsers.raw().set("dob.date", "2030-01-01").bytes();
    CreatedUser u = user(value, TestUsers.EVENT_TIME);
    assertNull(u.age());
    assertEquals("2030-01-01", u.dob());
  }

  @Test
  void absentDobGivesNullDobAndNullAge() {
    CreatedUser u = user(TestUsers.raw().remove("dob"));
    assertNull(u.dob());
    assertNull(u.age());
  }

  @Test
  void datesWithoutMillisWithOffsetAndPlainAreAcceptedAsWritten() {
    assertEquals(
        33, user(TestUsers.raw().set("dob.date", "1990-06-15T08:31:12Z")).age()); // no millis
    CreatedUser offset = user(TestUsers.raw().set("dob.date", "1990-06-15T23:30:00+03:30"));
    assertEquals("1990-06-15T23:30:00+03:30", offset.dob());
    assertEquals(33, offset.age());
    CreatedUser plain = user(TestUsers.raw().set("registered.date", " 2015-02-11 "));
    assertEquals("2015-02-11", plain.registeredDate());
  }

  @Test
  void nationalityAndCountryComeFromNatAndLocation() {
    CreatedUser u = user(TestUsers.raw());
    assertEquals("US", u.nationality());
    assertEquals("United States", u.country());
    assertEquals("IR", user(TestUsers.iranPersian()).nationality());
  }

  @Test
  void textIsTrimmedAndBlankOptionalTextIsNull() {
    CreatedUser u =
        user(
            TestUsers.raw().set("name.first", "  Brandon\t").set("phone", "   ").set("gender", ""));
    assertEquals("Brandon", u.firstName());
    assertEquals("Brandon Hayes", u.fullName());
    assertNull(u.phone());
    assertNull(u.gender());
  }

  @Test
  void unknownFieldsAreIgnored() {
    CreatedUser u = user(TestUsers.raw().set("info", Map.of("seed", "abc", "page", 1)));
    assertEquals(user(TestUsers.raw()), u);
  }

  @Test
  void uuidIsNormalisedFromUpperCaseOrHex() {
    UUID expected = UUID.fromString(TestUsers.RAW_ID);
    assertEquals(
        expected, user(TestUsers.raw().set("login.uuid", TestUsers.RAW_ID.toUpperCase())).id());
    assertEquals(
        expected, user(TestUsers.raw().set("login.uuid", TestUsers.RAW_ID.replace("-", ""))).id());
  }

  @Test
  void recordedSamplesOfThreeCountriesAllBecomeUsers() {
    CreatedUser norway = user(TestUsers.sample("raw-norway"));
    assertEquals("0015", norway.postCode());
    assertEquals("4821 Bygdøy allé, Oslo, Oslo, Norway", norway.address());
    CreatedUser iran = user(TestUsers.sample("raw-iran"));
    assertEquals("آرمان رضایی", iran.fullName());
    assertEquals("54321", iran.postCode());
    assertEquals(44, iran.age()); // dob 1979-11-22 (+03:30), event 2024-05-01
    CreatedUser us = user(TestUsers.sample("raw-us"));
    assertEquals("2716 D'Arcy Street, Savannah, Georgia, United States", us.address());
    assertEquals("Maureen O'Connor", us.fullName());
  }

  @Test
  void sameBytesGiveEqualResults() {
    byte[] value = TestUsers.sample("raw-iran").bytes();
    assertEquals(
        transform.apply(value, TestUsers.EVENT_TIME),
        transform.apply(value.clone(), TestUsers.EVENT_TIME));
    assertEquals(
        new UserTransform(Limits.DEFAULT).apply(value, TestUsers.EVENT_TIME),
        transform.apply(value, TestUsers.EVENT_TIME));
  }

  @Test
  void utf8ByteOrderMarkIsNotAnError() {
    byte[] json = TestUsers.raw().bytes();
    byte[] withBom = new byte[json.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(json, 0, withBom, 3, json.length);
    assertEquals("Brandon", user(withBom, TestUsers.EVENT_TIME).firstName());
  }
}
