package dev.userstream.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The original Kafka value of a rejected record, as stored in {@code rejected_users}.
 *
 * <p>Exactly one of {@code text} ({@code raw}) and {@code bytes} ({@code raw_bytes}) is set: text
 * when the stored bytes are valid UTF-8, so an operator can read it in cqlsh, bytes when they are
 * not, so nothing is lost to a replacement character. Values longer than the stored maximum keep
 * their first bytes and set {@code truncated}; a null value (tombstone) stores neither.
 *
 * @param text the stored value as text, or null
 * @param bytes the stored value as bytes (a copy), or null
 * @param size the full size of the original value in bytes, even when truncated
 * @param truncated whether only a prefix of the value is stored
 */
public record RejectedPayload(String text, byte[] bytes, int size, boolean truncated)
    implements Serializable {

  /**
   * 64 KiB: the reason is already in the row, the payload only helps a human see the input, and a
   * Cassandra cell much larger than this slows every read of the partition.
   */
  public static final int DEFAULT_MAX_STORED_BYTES = 64 * 1024;

  /** Copies the array: a record that is a value must not change under its holder. */
  public RejectedPayload {
    if (text != null && bytes != null) {
      throw new IllegalArgumentException("a payload is either text or bytes, not both");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    bytes = bytes == null ? null : bytes.clone();
  }

  /** The payload of {@code value} with the default stored maximum. */
  public static RejectedPayload of(byte[] value) {
    return of(value, DEFAULT_MAX_STORED_BYTES);
  }

  /** The payload of {@code value}, keeping at most {@code maxStoredBytes} of it. */
  public static RejectedPayload of(byte[] value, int maxStoredBytes) {
    if (maxStoredBytes < 1) {
      throw new IllegalArgumentException("maxStoredBytes must be positive, got " + maxStoredBytes);
    }
    if (value == null) {
      return new RejectedPayload(null, null, 0, false);
    }
    boolean truncated = value.length > maxStoredBytes;
    // Prefer a text prefix that ends on a character boundary; if even that does not decode, the
    // value is binary and the plain byte prefix is the honest thing to keep.
    int textCut = truncated ? Utf8.boundaryAtOrBefore(value, maxStoredBytes) : value.length;
    try {
      String text = Utf8.decode(value, textCut).toString();
      return new RejectedPayload(text, null, value.length, truncated);
    } catch (Utf8.MalformedException e) {
      byte[] kept = Arrays.copyOf(value, Math.min(value.length, maxStoredBytes));
      return new RejectedPayload(null, kept, value.length, truncated);
    }
  }

  /** A copy of the stored bytes, or null when the payload is text or absent. */
  @Override
  public byte[] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RejectedPayload p
        && size == p.size
        && truncated == p.truncated
        && Objects.equals(text, p.text)
        && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, Arrays.hashCode(bytes), size, truncated);
  }

  @Override
  public String toString() {
    String content =
        text != null
            ? "text=" + RejectionException.quote(text)
            : bytes != null ? "bytes=" + bytes.length + " bytes" : "null";
    return "RejectedPayload[" + content + ", size=" + size + ", truncated=" + truncated + "]";
  }
}
