package dev.userstream.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that reports the offset of the first malformed byte. */
final class Utf8 {

  /** Thrown when bytes are not well-formed UTF-8; carries where, not a stack trace. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    MalformedException(int offset) {
      super("malformed UTF-8 at byte " + offset, null, false, false);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ASCII_MASK = 0x8080808080808080L;

  private Utf8() {}

  /**
   * Decodes {@code bytes[0, length)}, refusing malformed input, overlong forms, encoded surrogates
   * and sequences cut at the end, which the JDK's lenient defaults would replace with U+FFFD.
   */
  static CharBuffer decode(byte[] bytes, int length) throws MalformedException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    // UTF-8 never yields more UTF-16 units than it has bytes, so one buffer always suffices.
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new MalformedException(in.position());
    }
    if (result.isOverflow() || decoder.flush(out).isOverflow()) {
      throw new IllegalStateException("UTF-8 decode overflowed a buffer of " + length + " chars");
    }
    out.flip();
    return out;
  }

  /**
   * Whether {@code bytes[0, length)} is well-formed UTF-8 (RFC 3629: no overlong forms, no encoded
   * surrogates, nothing above U+10FFFF, no sequence cut at the end), the same verdict as {@link
   * #decode} without building any characters. ASCII, most of a user record, costs one comparison a
   * byte.
   */
  static boolean isWellFormed(byte[] bytes, int length) {
    int i = 0;
    while (i < length) {
      // Eight ASCII bytes at a time: none has its top bit set.
      while (i <= length - Long.BYTES && ((long) LONGS.get(bytes, i) & ASCII_MASK) == 0) {
        i += Long.BYTES;
      }
      if (i == length) {
        break;
      }
      int lead = bytes[i];
      if (lead >= 0) {
        i++;
        continue;
      }
      lead &= 0xFF;
      int size;
      int secondMin = 0x80;
      int secondMax = 0xBF;
      if (lead < 0xC2) {
        return false; // a continuation byte, or the lead of an overlong two-byte form
      } else if (lead < 0xE0) {
        size = 2;
      } else if (lead < 0xF0) {
        size = 3;
        if (lead == 0xE0) {
          secondMin = 0xA0; // overlong
        } else if (lead == 0xED) {
          secondMax = 0x9F; // UTF-16 surrogates
        }
      } else if (lead <= 0xF4) {
        size = 4;
        if (lead == 0xF0) {
          secondMin = 0x90; // overlong
        } else if (lead == 0xF4) {
          secondMax = 0x8F; // above U+10FFFF
        }
      } else {
        return false;
      }
      if (length - i < size) {
        return false;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < secondMin || second > secondMax) {
        return false;
      }
      for (int k = 2; k < size; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += size;
    }
    return true;
  }

  /**
   * The largest cut {@code <= max} that does not split a UTF-8 sequence of {@code bytes}: it backs
   * off over continuation bytes (10xxxxxx), at most three, the longest tail a sequence has.
   */
  static int boundaryAtOrBefore(byte[] bytes, int max) {
    if (max >= bytes.length) {
      return bytes.length;
    }
    int cut = max;
    while (cut > 0 && max - cut < 3 && (bytes[cut] & 0xC0) == 0x80) {
      cut--;
    }
    return cut;
  }
}
