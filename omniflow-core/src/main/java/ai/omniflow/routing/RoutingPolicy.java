package ai.omniflow.routing;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How a {@link RoutingGroup} picks among its available members. */
public enum RoutingPolicy {
  /** The member with the fewest assignments in the group, ties by member order: fair within ±1. */
  ROUND_ROBIN,
  /** The member with the lowest (assignments + 1) / weight, ties by member order. */
  WEIGHTED,
  /** The member with the lowest open / capacity, ties by fewest assignments, then member order. */
  LEAST_LOADED,
  /**
   * An offer to every available member until the group's offer timeout; the first to claim wins.
   */
  FIRST_TO_CLAIM;

  /** The policy's name in a pack or in JSON, e.g. {@code round_robin}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The policy named {@code key}, or {@code null} if there is none. */
  public static @Nullable RoutingPolicy of(String key) {
    for (RoutingPolicy p : values()) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    return null;
  }
}
