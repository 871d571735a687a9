package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Input limits: a value over {@code --max-record-bytes} is rejected by its size alone, before it is
 * decoded or parsed, and what {@code rejected_users} keeps of it is a bounded prefix.
 */
class InputLimitsTest {
  private static final int LIMIT = 4096;
  private final UserTransform transform = new UserTransform(Limits.ofRecordBytes(LIMIT));

  @Test
  void aValidUserOneByteOverTheLimitIsRejectedUnparsed() {
    byte[] value = TestUsers.oversize(LIMIT);
    assertEquals(LIMIT + 1, value.length);
    // The same bytes under a limit one larger are a valid user: only the size decided.
    assertInstanceOf(
        CreatedUser.class,
        new UserTransform(Limits.ofRecordBytes(LIMIT + 1)).apply(value, TestUsers.EVENT_TIME));

    Rejection r = assertInstanceOf(Rejection.class, transform.apply(value, TestUsers.EVENT_TIME));
    assertEquals(RejectReason.TOO_LARGE, r.code());
    assertTrue(r.reason().endsWith("value is 4097 bytes, limit 4096"), r.reason());
  }

  @Test
  void sizeIsCheckedBeforeUtf8DecodingAndJsonParsing() {
    // Invalid UTF-8 and not JSON: had either step run first, its reason would have won.
    byte[] garbage = new byte[LIMIT + 10];
    Arrays.fill(garbage, (byte) 0xff);
    Rejection r = assertInstanceOf(Rejection.class, transform.apply(garbage, TestUsers.EVENT_TIME));
    assertEquals(RejectReason.TOO_LARGE, r.code());

    byte[] atTheLimit = Arrays.copyOf(garbage, LIMIT);
    Rejection decoded =
        assertInstanceOf(Rejection.class, transform.apply(atTheLimit, TestUsers.EVENT_TIME));
    assertEquals(RejectReason.INVALID_UTF8, decoded.code());
  }

  @Test
  void theStoredPayloadOfAHugeRecordIsATruncatedPrefix() {
    byte[] value = TestUsers.oversize(Limits.DEFAULT.maxRecordBytes());
    RejectedPayload payload = RejectedPayload.of(value);
    assertTrue(payload.truncated());
    assertEquals(value.length, payload.size(), "the full size is recorded");
    assertEquals(RejectedPayload.DEFAULT_MAX_STORED_BYTES, payload.text().length());
    String prefix = new String(value, 0, payload.text().length(), StandardCharsets.UTF_8);
    assertEquals(prefix, payload.text());
    assertNull(payload.bytes());
  }
}
