package ai.omniflow.scoring.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Typed reads from JSON-shaped maps that fail with a message naming the key. */
final class JsonFields {
  private JsonFields() {}

  static Object required(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    return value;
  }

  static String string(Map<String, ?> map, String key) {
    if (required(map, key) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("'" + key + "' must be text");
  }

  static @Nullable String optionalString(Map<String, ?> map, String key) {
    return map.get(key) == null ? null : string(map, key);
  }

  static double number(Map<String, ?> map, String key) {
    if (required(map, key) instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isFinite(d)) {
        return d;
      }
    }
    throw new IllegalArgumentException("'" + key + "' must be a finite number");
  }

  static @Nullable Double optionalNumber(Map<String, ?> map, String key) {
    return map.get(key) == null ? null : number(map, key);
  }

  static int integer(Map<String, ?> map, String key) {
    double d = number(map, key);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + key + "' must be a whole number");
    }
    return (int) d;
  }

  static long longInteger(Map<String, ?> map, String key) {
    if (required(map, key) instanceof Number n) {
      if (n instanceof Integer || n instanceof Long) {
        return n.longValue();
      }
      try {
        return new java.math.BigDecimal(n.toString()).longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        // fall through
      }
    }
    throw new IllegalArgumentException("'" + key + "' must be a whole number");
  }

  static List<?> list(Map<String, ?> map, String key) {
    if (required(map, key) instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException("'" + key + "' must be a list");
  }

  @SuppressWarnings("unchecked")
  static Map<String, ?> object(Map<String, ?> map, String key) {
    return object(required(map, key), key);
  }

  @SuppressWarnings("unchecked")
  static Map<String, ?> object(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, ?>) m;
    }
    throw new IllegalArgumentException(what + " must be an object");
  }

  /**
   * Checks a stored format's name and version.
   *
   * @throws IllegalArgumentException if either is not the one this code reads
   */
  static void checkFormat(Map<String, ?> map, String format, int version) {
    Object f = map.get("format");
    if (!format.equals(f)) {
      throw new IllegalArgumentException("not a " + format + " (format is " + f + ")");
    }
    Object v = map.get("format_version");
    if (!(v instanceof Number n) || n.doubleValue() != version) {
      throw new IllegalArgumentException(
          "unsupported "
              + format
              + " format version "
              + v
              + "; this OmniFlow reads version "
              + version
              + " (retrain the model)");
    }
  }
}
