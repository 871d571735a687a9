package dev.userstream.model;

/** Reads a raw randomuser.me record ({@code results[i]} of API v1.4) into a draft. */
final class RawUserReader {
  private RawUserReader() {}

  /**
   * Reads only what a row needs; {@code cell}, {@code id{name,value}}, {@code coordinates}, {@code
   * timezone}, {@code login.password} and the like are never touched, so their absence or odd types
   * (a null {@code id.value}, string coordinates) cannot reject a record.
   */
  static UserDraft read(JsonValue root, FieldReader fields) {
    UserDraft draft = new UserDraft(UserShape.RAW);
    JsonValue name = fields.object(root, "name");
    draft.firstName = fields.text(name, "name.first");
    draft.lastName = fields.text(name, "name.last");
    JsonValue login = fields.object(root, "login");
    draft.id = fields.text(login, "login.uuid");
    draft.username = fields.text(login, "login.username");
    draft.gender = fields.text(root, "gender");
    JsonValue location = fields.object(root, "location");
    draft.address = address(location, fields);
    draft.postCode = fields.text(location, "location.postcode");
    draft.country = fields.text(location, "location.country");
    draft.email = fields.text(root, "email");
    draft.dob = fields.textOrNested(root, "dob", "date");
    draft.registeredDate = fields.textOrNested(root, "registered", "date");
    draft.phone = fields.text(root, "phone");
    draft.picture = fields.textOrNested(root, "picture", "medium");
    draft.nationality = fields.text(root, "nat");
    return draft;
  }

  /**
   * The {@link AddressFormat} of {@code location}; a string {@code street} (API before 1.2) is used
   * as the whole street part.
   */
  private static String address(JsonValue location, FieldReader fields) {
    if (location == null) {
      return null;
    }
    String street;
    JsonValue streetNode = location.get("street");
    if (streetNode != null && streetNode.isObject()) {
      street =
          AddressFormat.street(
              fields.text(streetNode, "location.street.number"),
              fields.text(streetNode, "location.street.name"));
    } else {
      street = fields.text(location, "location.street");
    }
    return AddressFormat.address(
        street,
        fields.text(location, "location.city"),
        fields.text(location, "location.state"),
        fields.text(location, "location.country"));
  }
}
