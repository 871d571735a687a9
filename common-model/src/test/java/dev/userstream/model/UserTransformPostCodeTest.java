package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The post code, one rule for raw and flat records: a string is kept as written (leading zeros
 * too), a number becomes its text without decimals.
 */
class UserTransformPostCodeTest {
  static Stream<Arguments> postCodes() {
    return Stream.of(
        arguments("raw, Norway's leading zeros", TestUsers.norwayPostcode(), "0015"),
        arguments("raw, a number", TestUsers.numericPostcode(), "80521"),
        arguments(
            "raw, a number with decimals",
            TestUsers.raw().set("location.postcode", 80521.0),
            "80521"),
        arguments("flat, a number", TestUsers.flatNumericPostCode(), "40521"),
        arguments("flat, leading zeros", TestUsers.flatStringPostCode(), "0015"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("postCodes")
  void postCodeIsTextAsWritten(String what, TestUsers.UserJson record, String postCode) {
    TransformResult result =
        UserTransform.withDefaults().apply(record.bytes(), TestUsers.EVENT_TIME);
    assertEquals(
        postCode,
        assertInstanceOf(CreatedUser.class, result, () -> "rejected: " + result).postCode());
  }
}
