package ai.omniflow.leads.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.RoutingWithin;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.leads.LeadEvents;
import ai.omniflow.leads.LeadOffer;
import ai.omniflow.leads.LeadService;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingSnapshot;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The first-to-claim use case: a member claims a lead offered to a group they belong to, under the
 * org's routing lock, first come first served. {@link LeadService} delegates to it (decision 0033);
 * the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class OfferClaims {
  private final Store store;
  private final Clock clock;
  private final RoutingWithin routing;

  public OfferClaims(Store store, Clock clock, RoutingWithin routing) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.routing = Objects.requireNonNull(routing, "routing");
  }

  /** As {@link LeadService#claim}. */
  public Lead claim(Actor actor, UUID leadId) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          Lead lead = LeadTx.require(tx.leads().lock(leadId));
          routing.lock(tx);
          LeadOffer offer =
              tx.leads()
                  .offer(leadId)
                  .filter(o -> lead.isOpen())
                  .orElseThrow(
                      () ->
                          OmniFlowException.conflict(
                              LeadErrors.NO_OFFER,
                              "The lead is not on offer; it may be claimed already."));
          RoutingSnapshot state = LeadRouting.ownerSnapshot(tx);
          Agent agent = state.agentOfUser(actor.userId());
          Instant now = clock.instant();
          String refused =
              agent == null
                  ? "you are not a routing agent"
                  : state.claimRefusal(offer.group(), agent.id(), offer.expiresAt(), now);
          if (refused != null) {
            throw OmniFlowException.conflict(
                LeadErrors.CLAIM_REFUSED, "The claim is refused: " + refused + ".");
          }
          tx.leads().deleteOffer(leadId);
          tx.routing().incrementCounter(offer.group(), agent.id());
          Lead after = lead.withOwner(actor.userId(), now);
          tx.leads().update(after);
          Map<String, @Nullable Object> extra = new LinkedHashMap<>();
          extra.put("group", offer.group());
          extra.put("agent_id", agent.id().toString());
          LeadTx.record(
              tx, LeadEvents.LEAD_CLAIMED, LeadEvents.AUDIT_LEAD_CLAIM, lead, after, extra);
          return after;
        });
  }
}
