package ai.omniflow.fields;

import java.util.List;
import java.util.Objects;

/**
 * A field a lead has in a trade, e.g. {@code budget}. A pack lists its lead fields; scoring and
 * routing rules read them.
 *
 * <pre>{@code
 * LeadField budget = new LeadField("budget", "Budget", FieldType.MONEY, List.of());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link IllegalArgumentException} if the key is malformed or a choice field has no
 * options
 *
 * @param key lower-case snake_case, at most 63 characters
 * @param options the choices of a {@link FieldType#CHOICE} field; ignored by other types
 */
public record LeadField(String key, String label, FieldType type, List<String> options) {
  public LeadField {
    if (key == null || !key.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "key must be lower-case snake_case, was "
              + (key == null ? "null" : "'" + Problem.clip(key) + "'"));
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
    options = List.copyOf(options);
    if (type == FieldType.CHOICE && options.isEmpty()) {
      throw new IllegalArgumentException("a choice field needs options");
    }
  }
}
