package ai.omniflow.fields;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The operators of a leaf condition; see docs/scoring.md for which field types each accepts. */
public enum Operator {
  EQ,
  NEQ,
  IN,
  GT,
  GTE,
  LT,
  LTE,
  BETWEEN,
  CONTAINS,
  STARTS_WITH,
  MATCHES,
  EXISTS;

  /** The operator's name in a pack, e.g. {@code starts_with}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The operator named {@code key} in a pack, or {@code null} if there is none. */
  public static @Nullable Operator of(String key) {
    for (Operator o : values()) {
      if (o.key().equals(key)) {
        return o;
      }
    }
    return null;
  }

  /**
   * Whether the operator compares order ({@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code
   * between}).
   */
  public boolean ordering() {
    return this == GT || this == GTE || this == LT || this == LTE || this == BETWEEN;
  }

  /** Whether the operator reads text ({@code contains}, {@code starts_with}, {@code matches}). */
  public boolean textual() {
    return this == CONTAINS || this == STARTS_WITH || this == MATCHES;
  }
}
