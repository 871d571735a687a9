package dev.userstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {
  @Test
  void oddCountTakesTheMiddleValue() {
    Spread s = Spread.of(List.of(44.0, 40.0, 42.0));
    assertEquals(42.0, s.median());
    assertEquals(40.0, s.min());
    assertEquals(44.0, s.max());
    assertEquals(3, s.count());
    assertEquals(4.0 / 42.0, s.relativeSpread(), 1e-12);
  }

  @Test
  void evenCountAveragesTheTwoMiddleValues() {
    assertEquals(2.5, Spread.of(List.of(4.0, 1.0, 3.0, 2.0)).median());
  }

  @Test
  void oneMeasurementHasNoSpread() {
    Spread s = Spread.of(List.of(7.0));
    assertEquals(7.0, s.median());
    assertEquals(0.0, s.relativeSpread());
  }

  @Test
  void nothingOrNaNIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Spread.of(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Spread.of(List.of(1.0, Double.NaN)));
  }
}
