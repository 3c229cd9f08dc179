package ai.omniflow.routing;

import ai.omniflow.scoring.LeadFacts;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What routing needs to know about one lead.
 *
 * <pre>{@code
 * RoutingRequest req = RoutingRequest.of(engine.facts().set("zip", "94110").build())
 *     .withPreviousOwner(contactsLastAgent);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param facts the lead's fields for the rules, made by {@link RoutingEngine#facts()} (or any
 *     builder for the same pack fields)
 * @param previousOwner the agent who last owned a lead of the same contact, for sticky routing
 * @param excludedAgent an agent not to assign, e.g. the current owner when re-routing
 * @param expiredOffer the group whose first-to-claim offer expired unclaimed: routing starts at its
 *     fallback
 */
public record RoutingRequest(
    LeadFacts facts,
    @Nullable UUID previousOwner,
    @Nullable UUID excludedAgent,
    @Nullable String expiredOffer) {
  public RoutingRequest {
    Objects.requireNonNull(facts, "facts");
  }

  /** A request for a lead with {@code facts}, no history. */
  public static RoutingRequest of(LeadFacts facts) {
    return new RoutingRequest(facts, null, null, null);
  }

  public RoutingRequest withPreviousOwner(@Nullable UUID agent) {
    return new RoutingRequest(facts, agent, excludedAgent, expiredOffer);
  }

  public RoutingRequest withExcludedAgent(@Nullable UUID agent) {
    return new RoutingRequest(facts, previousOwner, agent, expiredOffer);
  }

  public RoutingRequest withExpiredOffer(@Nullable String group) {
    return new RoutingRequest(facts, previousOwner, excludedAgent, group);
  }
}
