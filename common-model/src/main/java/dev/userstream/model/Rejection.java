package dev.userstream.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * A record that could not become a user: a machine-readable code plus a detail naming the field.
 *
 * @param code what kind of problem it is (counted by metrics, stored as {@code reason_code})
 * @param detail what exactly is wrong, naming the field path, e.g. {@code name.first is missing or
 *     blank}
 */
public record Rejection(RejectReason code, String detail) implements TransformResult, Serializable {

  /** A null detail becomes empty so that {@link #reason()} never prints "null". */
  public Rejection {
    Objects.requireNonNull(code, "code");
    detail = detail == null ? "" : detail;
  }

  /**
   * The one-line human text stored as {@code rejected_users.reason}, e.g. {@code "CODE: detail"}.
   */
  public String reason() {
    return detail.isEmpty() ? code.name() : code.name() + ": " + detail;
  }
}
