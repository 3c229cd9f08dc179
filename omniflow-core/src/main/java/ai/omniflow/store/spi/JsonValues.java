package ai.omniflow.store.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Part of the Store SPI's contract: payloads, before and after values are JSON-shaped maps, and a
 * store must give back what it was given. Core's records copy their maps through here; a store that
 * serializes them reads them back into the same shapes.
 *
 * <p>Deep, immutable copies of JSON-shaped values: maps with string keys, lists, strings, numbers,
 * booleans and nulls. Anything else is refused, so a payload always round-trips through JSON.
 * Numbers are normalized the way a JSON reader gives them back: integral ones to {@code Integer},
 * {@code Long} or {@code BigInteger} by size (a {@code BigDecimal} or double without digits after
 * the point, such as {@code 1000} or {@code 1.0E7}, counts as integral), others to {@code
 * BigDecimal} (readers must use big decimals for floats).
 */
public final class JsonValues {
  private JsonValues() {}

  /**
   * @throws IllegalArgumentException if the map holds a value that is not JSON-shaped
   */
  public static Map<String, @Nullable Object> copyObject(
      Map<String, ? extends @Nullable Object> map) {
    if (map == null) {
      throw new NullPointerException("map");
    }
    Map<String, @Nullable Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends @Nullable Object> e : map.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException("JSON object keys must not be null");
      }
      copy.put(e.getKey(), copyValue(e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Integral numbers as JSON parsers read them back: Integer if it fits, else Long, else
   * BigInteger.
   */
  private static Number integral(BigInteger n) {
    if (n.bitLength() < 32) {
      return n.intValue();
    }
    if (n.bitLength() < 64) {
      return n.longValue();
    }
    return n;
  }

  /**
   * A decimal with no digits after the point (scale 0 or less, e.g. {@code 1000} or {@code 1E+3})
   * is written as a JSON integer, or is stored as one (PostgreSQL's jsonb keeps no negative scale),
   * so it reads back as an integral number; others stay {@code BigDecimal}.
   */
  private static Number decimal(BigDecimal d) {
    return d.scale() <= 0 ? integral(d.toBigIntegerExact()) : d;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object copyValue(@Nullable Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      return integral(new BigInteger(value.toString()));
    }
    if (value instanceof Float || value instanceof Double) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON numbers must be finite, was " + d);
      }
      return decimal(new BigDecimal(Double.toString(d)));
    }
    if (value instanceof BigDecimal bd) {
      return decimal(bd);
    }
    if (value instanceof Map<?, ?> m) {
      for (Object k : m.keySet()) {
        if (!(k instanceof String)) {
          throw new IllegalArgumentException("JSON object keys must be strings, was " + k);
        }
      }
      return copyObject((Map<String, ?>) m);
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      for (Object o : list) {
        copy.add(copyValue(o));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        "not a JSON value: " + value.getClass().getName() + " (use strings for ids and times)");
  }
}
