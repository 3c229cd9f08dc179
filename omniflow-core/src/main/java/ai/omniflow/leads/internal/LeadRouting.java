package ai.omniflow.leads.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.Contact;
import ai.omniflow.fields.LeadField;
import ai.omniflow.internal.RoutingWithin;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.leads.LeadEvents;
import ai.omniflow.leads.LeadOffer;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadService.RoutedLead;
import ai.omniflow.pack.CompiledPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.routing.RoutingRequest;
import ai.omniflow.routing.RoutingSnapshot;
import ai.omniflow.scoring.LeadFacts;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The routing use case: a lead routed under the org's routing lock, with the explained decision
 * recorded. Offer expiry routes again through {@link #routeIn}, and claims read the same {@link
 * #ownerSnapshot}. {@link ai.omniflow.leads.LeadService} delegates to it (decision 0033); the
 * Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class LeadRouting {
  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;
  private final RoutingWithin routing;

  public LeadRouting(Store store, PackCatalog packs, Clock clock, RoutingWithin routing) {
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.routing = Objects.requireNonNull(routing, "routing");
  }

  /** As {@link LeadService#route}. */
  public RoutedLead route(Actor actor, UUID leadId) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          Lead lead = LeadTx.require(tx.leads().lock(leadId));
          return routeIn(tx, lead, clock.instant());
        });
  }

  /**
   * Routes {@code lead}, locked by the caller, taking the org's routing lock first.
   *
   * @throws OmniFlowException {@code lead_closed} (conflict) if it is closed
   */
  RoutedLead routeIn(StoreTransaction tx, Lead lead, Instant now) {
    return routeIn(tx, lead, now, null, null, null);
  }

  /**
   * As {@link ai.omniflow.internal.LeadRerouting#reroute}: an SLA escalation routes the open lead
   * again, starting at {@code group}, never to the current owner's agent nor to {@code
   * excludedUserId}'s, and without sticky routing; the decision's event names {@code reason}.
   */
  public @Nullable RoutingDecision reroute(
      StoreTransaction tx,
      UUID leadId,
      @Nullable String group,
      @Nullable UUID excludedUserId,
      String reason) {
    Objects.requireNonNull(reason, "reason");
    Lead lead = tx.leads().lock(leadId).orElse(null);
    if (lead == null || !lead.isOpen()) {
      return null;
    }
    return routeIn(tx, lead, clock.instant(), group, excludedUserId, reason).decision();
  }

  private RoutedLead routeIn(
      StoreTransaction tx,
      Lead lead,
      Instant now,
      @Nullable String group,
      @Nullable UUID excludedUserId,
      @Nullable String reason) {
    if (!lead.isOpen()) {
      throw OmniFlowException.conflict(LeadErrors.LEAD_CLOSED, "A closed lead is not routed.");
    }
    routing.lock(tx);
    RoutingSnapshot state = ownerSnapshot(tx);
    VerticalPack pack = LeadTx.pack(tx, packs);
    RoutingEngine engine = routing.engine(tx, CompiledPack.of(pack).routing());
    lead = withContactLanguage(tx, lead, now);
    RoutingRequest request =
        RoutingRequest.of(routingFacts(engine, pack, lead)).withLanguage(lead.language());
    Agent previous =
        reason != null
            ? null
            : state.agentOfUser(tx.leads().previousOwner(lead.contactId(), lead.id()).orElse(null));
    if (previous != null) {
      request = request.withPreviousOwner(previous.id());
    }
    Agent current = state.agentOfUser(lead.ownerUserId());
    if (current == null && excludedUserId != null) {
      current = state.agentOfUser(excludedUserId);
    }
    if (current != null) {
      request = request.withExcludedAgent(current.id());
    }
    if (group != null) {
      request = request.withGroup(group);
    }
    Optional<LeadOffer> offer = tx.leads().offer(lead.id());
    if (reason == null && offer.isPresent() && !offer.get().expiresAt().isAfter(now)) {
      request = request.withExpiredOffer(offer.get().group());
    }
    RoutingDecision d = engine.decide(request, state, now);
    UUID owner =
        switch (d.outcome()) {
          case ASSIGNED -> {
            Agent a = Objects.requireNonNull(state.agent(Objects.requireNonNull(d.agent())));
            yield a.userId();
          }
          case ACCOUNT_OWNER -> d.accountOwner();
          case OFFERED, POND -> null;
        };
    if (d.outcome() == RoutingDecision.Outcome.OFFERED) {
      tx.leads()
          .saveOffer(
              new LeadOffer(
                  lead.orgId(),
                  lead.id(),
                  Objects.requireNonNull(d.group()),
                  now,
                  Objects.requireNonNull(d.offerExpiresAt())));
    } else if (offer.isPresent()) {
      tx.leads().deleteOffer(lead.id());
    }
    routing.record(tx, lead.id(), d, reason);
    Lead after = lead;
    if (!Objects.equals(owner, lead.ownerUserId())) {
      after = lead.withOwner(owner, now);
      tx.leads().update(after);
    }
    return new RoutedLead(after, d);
  }

  /**
   * The routing state for leads, read under the routing lock: leads are owned by users, so only
   * agents who sign in as a user take them, and their open leads are counted by that user.
   */
  static RoutingSnapshot ownerSnapshot(StoreTransaction tx) {
    List<Agent> agents = tx.routing().agents().stream().filter(a -> a.userId() != null).toList();
    return RoutingSnapshot.of(
        agents,
        tx.routing().groups(),
        tx.routing().counters(),
        RoutingSnapshot.openCountsByAgent(agents, tx.leads().openCountsByOwner()));
  }

  /**
   * The lead with its contact's language, if the contact has one and the lead another: an agent may
   * have set the contact's language, or detection changed it, since the lead was made. Written in
   * the routing transaction.
   */
  private static Lead withContactLanguage(StoreTransaction tx, Lead lead, Instant now) {
    UUID id = lead.contactId();
    for (int hops = 0; hops < 16; hops++) {
      Contact c = tx.contacts().find(id).orElse(null);
      if (c == null) {
        return lead;
      }
      if (c.mergedIntoId() == null) {
        String language = c.language();
        if (language == null || language.equals(lead.language())) {
          return lead;
        }
        Lead after = lead.withLanguage(language, now);
        tx.leads().update(after);
        LeadTx.record(
            tx,
            LeadEvents.LEAD_UPDATED,
            LeadEvents.AUDIT_LEAD_UPDATE,
            lead,
            after,
            Map.of("language", language));
        return after;
      }
      id = c.mergedIntoId();
    }
    return lead;
  }

  private static LeadFacts routingFacts(RoutingEngine engine, VerticalPack pack, Lead lead) {
    LeadFacts.Builder b = engine.facts();
    for (LeadField f : pack.leadFields()) {
      Object v = lead.fields().get(f.key());
      if (v != null) {
        b.set(f.key(), v);
      }
    }
    if (lead.sourceChannel() != null) {
      b.set("source_channel", lead.sourceChannel().id());
    }
    if (lead.score() != null) {
      b.set("score", lead.score());
    }
    if (lead.language() != null) {
      b.set("language", lead.language());
    }
    return b.build();
  }
}
