package ai.omniflow.internal;

import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.store.spi.StoreTransaction;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The lead step an SLA escalation composes inside its step's transaction: the open lead of a late
 * thread is routed again through the routing engine, to someone other than who holds it now.
 * Implemented by the lead service, handed over by {@link Wiring}; not API.
 */
public interface LeadRerouting {
  /** No re-routing: for a graph built without the lead service. */
  LeadRerouting NONE = (tx, leadId, group, excludedUserId, reason) -> null;

  /**
   * Locks lead {@code leadId} and routes it again under the org's routing lock: starting at {@code
   * group} (else where the rules say), never to the agent of its current owner (or, if it has none,
   * of {@code excludedUserId}), without sticky routing; records the decision (event {@code
   * lead.routed} with {@code reason}) and the new owner or offer as {@link
   * ai.omniflow.leads.LeadService#route} does.
   *
   * @return the decision, or {@code null} if the org has no such lead or it is closed
   */
  @Nullable RoutingDecision reroute(
      StoreTransaction tx,
      UUID leadId,
      @Nullable String group,
      @Nullable UUID excludedUserId,
      String reason);
}
