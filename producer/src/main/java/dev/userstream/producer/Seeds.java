package dev.userstream.producer;

/**
 * Derives independent, reproducible random seeds from (seed, index), so record {@code i} is the
 * same whether it is generated first or after a million others.
 */
final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** SplitMix64's finaliser: neighbouring indexes give unrelated seeds. */
  static long mix(long seed, long salt, long index) {
    long z = seed + salt * 0xBF58476D1CE4E5B9L + (index + 1) * GOLDEN;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
