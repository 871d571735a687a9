package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Flat 12-field records of the earlier pipelines: id forms, ignored extras ({@link
 * UserTransformPostCodeTest} has their post codes).
 */
class UserTransformFlatTest {
  private final UserTransform transform = UserTransform.withDefaults();

  private CreatedUser user(TestUsers.UserJson json) {
    TransformResult result = transform.apply(json.bytes(), TestUsers.EVENT_TIME);
    return assertInstanceOf(CreatedUser.class, result, () -> "rejected: " + result);
  }

  @Test
  void dashedIdRecordMapsEveryColumn() {
    CreatedUser u = user(TestUsers.flatDashedId());
    assertEquals(
        new CreatedUser(
            UUID.fromString(TestUsers.FLAT_ID),
            "Amelia",
            "Clarke",
            "female",
            "1520 Station Road, Bristol, Avon, United Kingdom",
            "BS1 4DJ",
            "amelia.clarke@example.com",
            "purplecat611",
            "1992-11-03T04:12:55.201Z",
            "2016-07-21T10:05:44.730Z",
            "016977 4120",
            "https://randomuser.me/api/portraits/med/women/12.jpg",
            "Amelia Clarke",
            "example.com",
            31,
            null,
            null),
        u);
  }

  @Test
  void hexIdIsNormalisedToTheSameUuid() {
    assertEquals(UUID.fromString(TestUsers.FLAT_ID), user(TestUsers.flatHexId()).id());
    assertEquals(user(TestUsers.flatDashedId()), user(TestUsers.flatHexId()));
  }

  @Test
  void upperCaseIdIsNormalised() {
    CreatedUser u = user(TestUsers.flat().set("id", TestUsers.FLAT_ID.toUpperCase()));
    assertEquals(TestUsers.FLAT_ID, u.id().toString());
  }

  @Test
  void processedAtAndOtherExtrasAreIgnored() {
    assertEquals(user(TestUsers.flat()), user(TestUsers.flatWithProcessedAt()));
  }

  @Test
  void addressAndPictureAreKeptAsGivenButTrimmed() {
    CreatedUser u =
        user(TestUsers.flat().set("address", "  12 Rue d'Alsace, Lyon ").set("picture", " p.jpg "));
    assertEquals("12 Rue d'Alsace, Lyon", u.address());
    assertEquals("p.jpg", u.picture());
  }

  @Test
  void nationalityAndCountryAreNullForFlatRecords() {
    CreatedUser u = user(TestUsers.flat().set("nat", "GB").set("country", "United Kingdom"));
    assertNull(u.nationality());
    assertNull(u.country());
  }

  @Test
  void ageComesFromTheFlatDobAtTheEventTime() {
    byte[] value = TestUsers.flat().set("dob", "1990-06-15").bytes();
    TransformResult before = transform.apply(value, Instant.parse("2020-06-14T12:00:00Z"));
    TransformResult on = transform.apply(value, Instant.parse("2020-06-15T12:00:00Z"));
    assertEquals(29, ((CreatedUser) before).age());
    assertEquals(30, ((CreatedUser) on).age());
  }

  @Test
  void flatRecordWithoutOptionalFieldsIsAccepted() {
    CreatedUser u =
        user(
            TestUsers.flat()
                .remove("gender")
                .remove("address")
                .remove("post_code")
                .remove("username")
                .remove("dob")
                .remove("registered_date")
                .remove("phone")
                .remove("picture"));
    assertEquals("Amelia Clarke", u.fullName());
    assertNull(u.address());
    assertNull(u.age());
  }

  @Test
  void numberedBuildersGiveDistinctStableIds() {
    assertEquals(user(TestUsers.flat(7)).id(), user(TestUsers.flat(7)).id());
    assertEquals(false, user(TestUsers.flat(7)).id().equals(user(TestUsers.flat(8)).id()));
    assertEquals(TestUsers.raw(3).key(), user(TestUsers.raw(3)).id().toString());
  }
}
