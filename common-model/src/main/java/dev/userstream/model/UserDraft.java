package dev.userstream.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The fields read from one record, before validation: both shape readers fill it, so validation and
 * derivation exist once and raw and flat records cannot drift apart.
 */
final class UserDraft {
  private final UserShape shape;
  String id;
  String firstName;
  String lastName;
  String gender;
  String address;
  String postCode;
  String email;
  String username;
  String dob;
  String registeredDate;
  String phone;
  String picture;
  String nationality;
  String country;

  UserDraft(UserShape shape) {
    this.shape = shape;
  }

  /** Validates in a fixed order (id, names, email, dates) and derives the computed columns. */
  CreatedUser toCreatedUser(Instant eventTime) {
    UUID uuid = UserRules.parseId(id, shape.idPath);
    String first = UserRules.require(firstName, shape.firstNamePath);
    String last = UserRules.require(lastName, shape.lastNamePath);
    String mail = UserRules.checkEmail(email, "email");
    LocalDate birth = UserRules.parseDate(dob, shape.dobPath);
    UserRules.parseDate(registeredDate, shape.registeredPath);
    return new CreatedUser(
        uuid,
        first,
        last,
        gender,
        address,
        postCode,
        mail,
        username,
        dob,
        registeredDate,
        phone,
        picture,
        first + " " + last,
        UserRules.emailDomain(mail),
        UserRules.ageAt(birth, eventTime),
        nationality,
        country);
  }
}
