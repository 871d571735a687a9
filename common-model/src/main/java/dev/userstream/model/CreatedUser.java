package dev.userstream.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * One validated, normalised user: a row of {@code created_users} without its lineage columns.
 *
 * <p>Text is trimmed; blank optional fields are {@code null}. {@code dob} and {@code
 * registeredDate} keep the ISO-8601 text as sent (it was checked to parse), so nothing is lost to a
 * reformat. {@code nationality} and {@code country} exist only in raw records (null for flat).
 */
public record CreatedUser(
    UUID id,
    String firstName,
    String lastName,
    String gender,
    String address,
    String postCode,
    String email,
    String username,
    String dob,
    String registeredDate,
    String phone,
    String picture,
    String fullName,
    String emailDomain,
    Integer age,
    String nationality,
    String country)
    implements TransformResult, Serializable {

  /** The id is the primary key: a user without one cannot be stored. */
  public CreatedUser {
    Objects.requireNonNull(id, "id");
  }
}
