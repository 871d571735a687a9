package dev.userstream.model;

/** Reads a flat 12-field record (the earlier pipelines' format) into a draft. */
final class FlatUserReader {
  private FlatUserReader() {}

  /** Field names are the Cassandra column names; any other field (processed_at...) is ignored. */
  static UserDraft read(JsonValue root, FieldReader fields) {
    UserDraft draft = new UserDraft(UserShape.FLAT);
    draft.id = fields.text(root, "id");
    draft.firstName = fields.text(root, "first_name");
    draft.lastName = fields.text(root, "last_name");
    draft.gender = fields.text(root, "gender");
    draft.address = fields.text(root, "address");
    draft.postCode = fields.text(root, "post_code");
    draft.email = fields.text(root, "email");
    draft.username = fields.text(root, "username");
    draft.dob = fields.text(root, "dob");
    draft.registeredDate = fields.text(root, "registered_date");
    draft.phone = fields.text(root, "phone");
    draft.picture = fields.text(root, "picture");
    // Flat records carry neither; null rather than a guess keeps the parity test honest.
    draft.nationality = null;
    draft.country = null;
    return draft;
  }
}
