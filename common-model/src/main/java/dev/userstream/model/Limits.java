package dev.userstream.model;

import java.io.Serializable;

/**
 * Size limits that keep one hostile or broken record from costing a job its memory.
 *
 * <p>The default record limit is 1 MiB because that is about the largest value a Kafka broker
 * accepts by default ({@code message.max.bytes} = 1 MiB + 12 bytes): anything bigger came through a
 * broker configured otherwise and is far beyond a user record (about 1 KiB). 4096 characters per
 * field is ten times the longest legitimate value (a picture URL or an address).
 *
 * @param maxRecordBytes longest Kafka value, in bytes, that is parsed at all
 * @param maxFieldChars longest text, in UTF-16 chars, of any field the transform reads
 */
public record Limits(int maxRecordBytes, int maxFieldChars) implements Serializable {

  /** 1 MiB per record, 4096 characters per field. */
  public static final Limits DEFAULT = new Limits(1_048_576, 4096);

  /** Zero or negative limits would reject everything, which is never what was meant. */
  public Limits {
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
    }
    if (maxFieldChars < 1) {
      throw new IllegalArgumentException("maxFieldChars must be positive, got " + maxFieldChars);
    }
  }

  /** The default field limit with another record limit (what {@code --max-record-bytes} sets). */
  public static Limits ofRecordBytes(int maxRecordBytes) {
    return new Limits(maxRecordBytes, DEFAULT.maxFieldChars());
  }
}
