package ai.omniflow.routing;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Where a lead goes when no group along its fallback chain has anyone available. */
public enum LastResort {
  /** The unassigned pool any agent may take from. */
  POND,
  /** The org's account owner ({@link RoutingConfig#accountOwner}); the pond if none is set. */
  ACCOUNT_OWNER;

  /** The name in a pack or in JSON, e.g. {@code account_owner}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value named {@code key}, or {@code null} if there is none. */
  public static @Nullable LastResort of(String key) {
    for (LastResort l : values()) {
      if (l.key().equals(key)) {
        return l;
      }
    }
    return null;
  }
}
