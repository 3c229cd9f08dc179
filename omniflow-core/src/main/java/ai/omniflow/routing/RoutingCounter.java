package ai.omniflow.routing;

import java.util.Objects;
import java.util.UUID;

/**
 * How many leads a group has assigned to one member: what round robin and weighted balance.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link IllegalArgumentException} if {@code assigned} is negative
 */
public record RoutingCounter(String group, UUID agent, long assigned) {
  public RoutingCounter {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(agent, "agent");
    if (assigned < 0) {
      throw new IllegalArgumentException("assigned must not be negative");
    }
  }
}
