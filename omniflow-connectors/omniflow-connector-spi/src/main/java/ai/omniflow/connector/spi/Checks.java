package ai.omniflow.connector.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by the SPI's records. Not API. */
final class Checks {
  private Checks() {}

  static String notBlank(@Nullable String value, String field) {
    Objects.requireNonNull(value, () -> field + " must not be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static <T> T notNull(@Nullable T value, String field) {
    return Objects.requireNonNull(value, () -> field + " must not be null");
  }

  static <T> List<T> list(@Nullable List<T> values, String field) {
    Objects.requireNonNull(values, () -> field + " must not be null");
    try {
      return List.copyOf(values);
    } catch (NullPointerException e) {
      throw new NullPointerException(field + " must not contain null");
    }
  }

  static List<String> scopes(@Nullable List<String> scopes, String field) {
    List<String> copy = list(scopes, field);
    for (String scope : copy) {
      if (scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(field + " must not hold blank or spaced scopes");
      }
    }
    return copy;
  }

  /** An unmodifiable copy that keeps the iteration order of {@code values}. */
  static Map<String, String> orderedMap(@Nullable Map<String, String> values, String field) {
    Objects.requireNonNull(values, () -> field + " must not be null");
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new NullPointerException(field + " must not contain null keys or values");
          }
          copy.put(k, v);
        });
    return Collections.unmodifiableMap(copy);
  }
}
