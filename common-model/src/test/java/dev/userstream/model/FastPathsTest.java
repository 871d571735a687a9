package dev.userstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of the transformation's hot path give the JDK's verdicts: the UTF-8 check
 * the strict decoder's, the id check that of a regex and {@code UUID.fromString}.
 */
class FastPathsTest {
  private static final Pattern DASHED =
      Pattern.compile(
          "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
  private static final Pattern HEX = Pattern.compile("\\p{XDigit}{32}");

  @Test
  void utf8CheckAgreesWithTheStrictDecoderOnEveryShortSequence() {
    byte[] bytes = new byte[3];
    for (int length = 1; length <= 3; length++) {
      for (int n = 0; n < 1 << (8 * length); n++) {
        for (int i = 0; i < length; i++) {
          bytes[i] = (byte) (n >>> (8 * i));
        }
        // Three bytes: every sequence whose first byte leads a three- or four-byte form.
        if (length < 3 || (bytes[0] & 0xFF) >= 0xE0) {
          assertEquals(
              jdkAccepts(bytes, length), Utf8.isWellFormed(bytes, length), () -> hex(bytes));
        }
      }
    }
  }

  @Test
  void utf8CheckAgreesWithTheStrictDecoderOnFourByteAndMixedSequences() {
    Random random = new Random(7);
    int[] interesting = {
      0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED,
      0xEF, 0xF0, 0xF4, 0xF5, 0xFF
    };
    byte[] bytes = new byte[12];
    for (int round = 0; round < 400_000; round++) {
      int length = 1 + random.nextInt(bytes.length);
      for (int i = 0; i < length; i++) {
        bytes[i] =
            (byte)
                (random.nextBoolean()
                    ? interesting[random.nextInt(interesting.length)]
                    : random.nextInt(256));
      }
      assertEquals(jdkAccepts(bytes, length), Utf8.isWellFormed(bytes, length), () -> hex(bytes));
    }
    byte[] text = "Zoë 中 😀".getBytes(StandardCharsets.UTF_8);
    assertTrue(Utf8.isWellFormed(text, text.length));
    assertFalse(Utf8.isWellFormed(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, 3));
  }

  @Test
  void idCheckAgreesWithTheRegexAndUuidFromString() {
    Random random = new Random(11);
    String alphabet = "0123456789abcdefABCDEF-gG xz\u0661\uFF10\uFF21";
    for (int round = 0; round < 200_000; round++) {
      StringBuilder id = new StringBuilder(UUID.randomUUID().toString());
      if (random.nextBoolean()) {
        id = new StringBuilder(id.toString().replace("-", ""));
      }
      if (random.nextInt(4) == 0) {
        id = new StringBuilder(id.toString().toUpperCase());
      }
      for (int flips = random.nextInt(3); flips > 0; flips--) {
        int at = random.nextInt(id.length());
        switch (random.nextInt(3)) {
          case 0 -> id.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> id.deleteCharAt(at);
          default -> id.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String value = id.toString();
      UUID expected = reference(value);
      UUID actual;
      try {
        actual = UserRules.parseId(value, "id");
      } catch (RejectionException e) {
        actual = null;
      }
      assertEquals(expected, actual, value);
    }
  }

  /** The rule as it was written before the fast path: a regex, then the JDK's parser. */
  private static UUID reference(String value) {
    String dashed = value;
    if (HEX.matcher(value).matches()) {
      dashed =
          String.join(
              "-",
              value.substring(0, 8),
              value.substring(8, 12),
              value.substring(12, 16),
              value.substring(16, 20),
              value.substring(20));
    }
    return DASHED.matcher(dashed).matches() ? UUID.fromString(dashed) : null;
  }

  private static final CharsetDecoder STRICT =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private static boolean jdkAccepts(byte[] bytes, int length) {
    try {
      STRICT.reset().decode(ByteBuffer.wrap(bytes, 0, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02x ", b));
    }
    return s.toString();
  }
}
