package ai.omniflow.scoring;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The groups a scoring rule belongs to; each has a cap on the points it may add. */
public enum ScoringGroup {
  /** How well the lead fits: budget, financing, area, property type. */
  FIT,
  /** How engaged the lead is; these points decay with the age of the latest engagement. */
  ENGAGEMENT,
  /** What the lead has asked for, e.g. a showing. */
  INTENT;

  /** The group's name in a pack, e.g. {@code fit}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The group named {@code key} in a pack, or {@code null} if there is none. */
  public static @Nullable ScoringGroup of(String key) {
    for (ScoringGroup g : values()) {
      if (g.key().equals(key)) {
        return g;
      }
    }
    return null;
  }
}
