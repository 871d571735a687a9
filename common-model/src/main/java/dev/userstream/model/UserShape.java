package dev.userstream.model;

/** Which of the two accepted value shapes a JSON object is, and where its key fields live. */
enum UserShape {
  /** One element of the randomuser.me API's {@code results} array. */
  RAW("login.uuid", "name.first", "name.last", "dob.date", "registered.date"),
  /** The 12-field record of the earlier Airflow/Spark pipelines. */
  FLAT("id", "first_name", "last_name", "dob", "registered_date"),
  /** Neither: rejected as UNKNOWN_SHAPE. */
  UNKNOWN("id", "first_name", "last_name", "dob", "registered_date");

  final String idPath;
  final String firstNamePath;
  final String lastNamePath;
  final String dobPath;
  final String registeredPath;

  UserShape(String id, String firstName, String lastName, String dob, String registered) {
    this.idPath = id;
    this.firstNamePath = firstName;
    this.lastNamePath = lastName;
    this.dobPath = dob;
    this.registeredPath = registered;
  }

  /**
   * Decides per record, looking only at top-level keys with non-null values:
   *
   * <ol>
   *   <li>RAW if it has {@code login} or {@code location}, or {@code name} is an object;
   *   <li>else FLAT if it has {@code id}, {@code first_name} or {@code last_name};
   *   <li>else RAW if it has a {@code name} of another type, so the rejection says WRONG_TYPE for
   *       {@code name} rather than the vaguer UNKNOWN_SHAPE;
   *   <li>else UNKNOWN.
   * </ol>
   *
   * Raw markers win because a raw record also has a top-level {@code id} (the national id object),
   * and a flat record never has {@code login}, {@code location} or a {@code name} object.
   */
  static UserShape detect(JsonValue root) {
    JsonValue name = root.get("name");
    if (root.get("login") != null
        || root.get("location") != null
        || (name != null && name.isObject())) {
      return RAW;
    }
    if (root.get("id") != null || root.get("first_name") != null || root.get("last_name") != null) {
      return FLAT;
    }
    return name != null ? RAW : UNKNOWN;
  }
}
