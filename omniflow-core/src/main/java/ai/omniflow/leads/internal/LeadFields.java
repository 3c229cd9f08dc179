package ai.omniflow.leads.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.pack.VerticalPack;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks and normalizes lead field values against a pack: money and numbers become {@link
 * BigDecimal}s, dates ISO text, choices the pack's exact option text.
 */
public final class LeadFields {
  /** The longest text value kept. */
  static final int MAX_TEXT = 500;

  private LeadFields() {}

  /**
   * The fields with {@code changes} applied; a {@code null} value removes the field.
   *
   * @throws OmniFlowException (invalid input) {@code unknown_field} for a key the pack has no field
   *     for, {@code invalid_field} for a value of the wrong type or out of range
   */
  static Map<String, @Nullable Object> apply(
      VerticalPack pack,
      Map<String, @Nullable Object> current,
      Map<String, ? extends @Nullable Object> changes) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>(current);
    for (Map.Entry<String, ? extends @Nullable Object> e : changes.entrySet()) {
      LeadField field = field(pack, e.getKey());
      Object value = e.getValue();
      if (value == null) {
        out.remove(field.key());
      } else {
        out.put(field.key(), normalize(field, value));
      }
    }
    return out;
  }

  private static LeadField field(VerticalPack pack, String key) {
    for (LeadField f : pack.leadFields()) {
      if (f.key().equals(key)) {
        return f;
      }
    }
    throw OmniFlowException.invalidInput(
        LeadErrors.UNKNOWN_FIELD,
        "Pack "
            + pack.slug()
            + " has no lead field '"
            + key
            + "'; its fields are "
            + pack.leadFields().stream().map(LeadField::key).collect(Collectors.joining(", "))
            + ".");
  }

  public static Object normalize(LeadField field, Object value) {
    switch (field.type()) {
      case MONEY, NUMBER -> {
        BigDecimal d = number(field, value);
        if (field.type() == FieldType.MONEY && d.signum() < 0) {
          throw invalid(field, "must not be negative");
        }
        return d;
      }
      case BOOLEAN -> {
        if (value instanceof Boolean b) {
          return b;
        }
        throw invalid(field, "takes true or false");
      }
      case DATE -> {
        if (value instanceof String s) {
          try {
            return LocalDate.parse(s.strip()).toString();
          } catch (DateTimeParseException e) {
            // fall through
          }
        } else if (value instanceof LocalDate d) {
          return d.toString();
        }
        throw invalid(field, "takes an ISO date such as 2026-12-01");
      }
      case CHOICE -> {
        if (value instanceof String s) {
          for (String option : field.options()) {
            if (option.equalsIgnoreCase(s.strip())) {
              return option;
            }
          }
        }
        throw invalid(field, "takes one of " + String.join(", ", field.options()));
      }
      case TEXT -> {
        if (value instanceof String s && !s.isBlank() && s.strip().length() <= MAX_TEXT) {
          return s.strip();
        }
        throw invalid(field, "takes text of 1 to " + MAX_TEXT + " characters");
      }
    }
    throw new IllegalStateException("unknown field type " + field.type());
  }

  /** Most digits a number field keeps after the point; {@code 1e-2000000} is not a number here. */
  public static final int MAX_NUMBER_SCALE = 12;

  /** Most digits a number field keeps before the point. */
  public static final int MAX_NUMBER_INTEGER_DIGITS = 20;

  private static BigDecimal number(LeadField field, Object value) {
    BigDecimal d = parsed(field, value);
    BigDecimal plain = d.stripTrailingZeros();
    if (plain.scale() > MAX_NUMBER_SCALE
        || (long) plain.precision() - plain.scale() > MAX_NUMBER_INTEGER_DIGITS) {
      throw invalid(
          field,
          "takes a number of at most "
              + MAX_NUMBER_INTEGER_DIGITS
              + " digits before the point and "
              + MAX_NUMBER_SCALE
              + " after");
    }
    return d;
  }

  private static BigDecimal parsed(LeadField field, Object value) {
    try {
      if (value instanceof BigDecimal d) {
        return d;
      }
      if (value instanceof Integer || value instanceof Long || value instanceof Short) {
        return BigDecimal.valueOf(((Number) value).longValue());
      }
      if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
        return new BigDecimal(n.toString());
      }
      if (value instanceof String s) {
        return new BigDecimal(s.strip());
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw invalid(field, "takes a number");
  }

  private static OmniFlowException invalid(LeadField field, String problem) {
    return OmniFlowException.invalidInput(
        LeadErrors.INVALID_FIELD, "Lead field '" + field.key() + "' " + problem + ".");
  }
}
