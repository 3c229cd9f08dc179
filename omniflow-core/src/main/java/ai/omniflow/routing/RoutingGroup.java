package ai.omniflow.routing;

import ai.omniflow.Limits;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A team that takes leads by one {@link RoutingPolicy}; when nobody in it is available, the lead
 * goes on to the {@link #fallback} group.
 *
 * <pre>{@code
 * RoutingGroup sf = new RoutingGroup("sf", "San Francisco", RoutingPolicy.ROUND_ROBIN,
 *     List.of(ana, bo), Duration.ofMinutes(5), "bay_area");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link IllegalArgumentException} if the key is malformed, a member repeats or the group
 * falls back to itself
 *
 * <p>Throws {@link ai.omniflow.OmniFlowException} {@code invalid_offer_timeout}, {@code
 * invalid_name} or {@code invalid_members} (invalid input) beyond the {@link Limits}
 *
 * @param key lower-case id the rules name, e.g. {@code sf}
 * @param members agent ids in order; round robin breaks ties by this order
 * @param offerTimeout how long a first-to-claim offer stands before the lead falls back, at most
 *     {@link Limits#MAX_OFFER_TIMEOUT}
 * @param fallback the key of the group to try next, or {@code null}
 */
public record RoutingGroup(
    String key,
    String name,
    RoutingPolicy policy,
    List<UUID> members,
    Duration offerTimeout,
    @Nullable String fallback) {

  /** The offer timeout of a group that gives none. */
  public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofMinutes(5);

  public RoutingGroup {
    requireKey(key, "key");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(policy, "policy");
    Limits.text("name", name, Limits.MAX_NAME);
    members = List.copyOf(Limits.list("members", members, Limits.MAX_LIST));
    Set<UUID> seen = new HashSet<>();
    for (UUID m : members) {
      if (!seen.add(m)) {
        throw new IllegalArgumentException("agent " + m + " is a member twice");
      }
    }
    Objects.requireNonNull(offerTimeout, "offerTimeout");
    Limits.duration("offer_timeout", offerTimeout, Limits.MAX_OFFER_TIMEOUT);
    if (fallback != null) {
      requireKey(fallback, "fallback");
      if (fallback.equals(key)) {
        throw new IllegalArgumentException("a group cannot fall back to itself");
      }
    }
  }

  /** A group with the default offer timeout and no fallback. */
  public static RoutingGroup of(String key, RoutingPolicy policy, List<UUID> members) {
    return new RoutingGroup(key, key, policy, members, DEFAULT_OFFER_TIMEOUT, null);
  }

  static void requireKey(@Nullable String key, String what) {
    if (key == null || !key.matches("[a-z][a-z0-9_-]{0,62}")) {
      throw new IllegalArgumentException(
          what + " must be 1 to 63 lower-case letters, digits, '_' or '-', starting with a letter");
    }
  }
}
