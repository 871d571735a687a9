package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a rejected value is kept for rejected_users: text or bytes, truncated on a boundary. */
class RejectedPayloadTest {

  @Test
  void nullValueStoresNeitherTextNorBytes() {
    assertEquals(new RejectedPayload(null, null, 0, false), RejectedPayload.of(null));
  }

  @Test
  void validUtf8IsStoredAsText() {
    byte[] value = "{\"name\": \"آرمان\"}".getBytes(StandardCharsets.UTF_8);
    RejectedPayload p = RejectedPayload.of(value);
    assertEquals("{\"name\": \"آرمان\"}", p.text());
    assertNull(p.bytes());
    assertEquals(value.length, p.size());
    assertEquals(false, p.truncated());
  }

  @Test
  void invalidUtf8IsStoredAsBytes() {
    byte[] value = TestUsers.bad(RejectReason.INVALID_UTF8);
    RejectedPayload p = RejectedPayload.of(value);
    assertNull(p.text());
    assertArrayEquals(value, p.bytes());
    assertEquals(false, p.truncated());
  }

  @Test
  void largeTextKeepsAPrefixWithoutSplittingACharacter() {
    // "ا" is two bytes in UTF-8: a 5-byte cut would fall inside the third letter.
    byte[] value = "ااااا".getBytes(StandardCharsets.UTF_8);
    RejectedPayload p = RejectedPayload.of(value, 5);
    assertEquals("اا", p.text());
    assertEquals(10, p.size());
    assertEquals(true, p.truncated());
  }

  @Test
  void largeTextOnABoundaryKeepsExactlyTheMaximum() {
    RejectedPayload p = RejectedPayload.of("abcdefgh".getBytes(StandardCharsets.UTF_8), 4);
    assertEquals(new RejectedPayload("abcd", null, 8, true), p);
  }

  @Test
  void largeBinaryKeepsTheFirstBytes() {
    byte[] value = {(byte) 0xFF, (byte) 0xFE, 1, 2, 3, 4};
    RejectedPayload p = RejectedPayload.of(value, 3);
    assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFE, 1}, p.bytes());
    assertNull(p.text());
    assertEquals(6, p.size());
    assertEquals(true, p.truncated());
  }

  @Test
  void defaultMaximumIs64KiB() {
    assertEquals(65_536, RejectedPayload.DEFAULT_MAX_STORED_BYTES);
    byte[] big = TestUsers.oversize(100_000);
    RejectedPayload p = RejectedPayload.of(big);
    assertEquals(65_536, p.text().length());
    assertEquals(100_001, p.size());
    assertEquals(true, p.truncated());
  }

  @Test
  void equalityComparesArrayContentAndCopiesDefensively() {
    byte[] bytes = {(byte) 0xC3, 0x28};
    RejectedPayload a = new RejectedPayload(null, bytes, 2, false);
    RejectedPayload b = new RejectedPayload(null, bytes.clone(), 2, false);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    bytes[0] = 0;
    assertEquals(b, a); // the constructor copied
    a.bytes()[1] = 0;
    assertEquals(b, a); // the accessor copies
    assertNotEquals(a, new RejectedPayload(null, new byte[] {(byte) 0xC3, 0x29}, 2, false));
  }

  @Test
  void textAndBytesTogetherAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new RejectedPayload("x", new byte[] {1}, 1, false));
  }

  @Test
  void emptyValueIsEmptyText() {
    assertEquals(new RejectedPayload("", null, 0, false), RejectedPayload.of(new byte[0]));
  }
}
