package ai.omniflow.scoring;

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

  boolean ordering() {
    return this == GT || this == GTE || this == LT || this == LTE || this == BETWEEN;
  }

  boolean textual() {
    return this == CONTAINS || this == STARTS_WITH || this == MATCHES;
  }
}
