package ai.omniflow.store.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

  @Test
  void copiesAreDeepAndImmutable() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("a", 1);
    Map<String, Object> outer = new HashMap<>();
    outer.put("inner", inner);
    Map<String, Object> copy = JsonValues.copyObject(outer);
    inner.put("b", 2);
    assertThat(copy).isEqualTo(Map.of("inner", Map.of("a", 1)));
    assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void numbersAreNormalizedAsAJsonReaderReturnsThem() {
    Map<String, Object> copy =
        JsonValues.copyObject(
            Map.of("small", 3L, "big", 1L << 40, "float", 0.5d, "money", new BigDecimal("9.90")));
    assertThat(copy.get("small")).isEqualTo(3);
    assertThat(copy.get("big")).isEqualTo(1L << 40);
    assertThat(copy.get("float")).isEqualTo(new BigDecimal("0.5"));
    assertThat(copy.get("money")).isEqualTo(new BigDecimal("9.90"));
  }

  @Test
  void decimalsWithoutDigitsAfterThePointBecomeIntegersAsAJsonReaderReturnsThem() {
    Map<String, Object> copy =
        JsonValues.copyObject(
            Map.of(
                "whole", new BigDecimal("1000"),
                "exponent", new BigDecimal("1E+3"),
                "large_double", 1.0e7,
                "huge", new BigDecimal("1E+30"),
                "cents", new BigDecimal("1000.00")));
    assertThat(copy.get("whole")).isEqualTo(1000);
    assertThat(copy.get("exponent")).isEqualTo(1000);
    assertThat(copy.get("large_double")).isEqualTo(10_000_000);
    assertThat(copy.get("huge")).isEqualTo(java.math.BigInteger.TEN.pow(30));
    assertThat(copy.get("cents")).isEqualTo(new BigDecimal("1000.00"));
  }

  @Test
  void valuesThatAreNotJsonAreRefusedWithTheirType() {
    assertThatThrownBy(() -> JsonValues.copyObject(Map.of("when", Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.time.Instant");
    assertThatThrownBy(() -> JsonValues.copyObject(Map.of("n", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonValues.copyObject(Map.of("l", List.of(new Object()))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
