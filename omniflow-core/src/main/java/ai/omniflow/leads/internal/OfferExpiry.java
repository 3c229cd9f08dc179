package ai.omniflow.leads.internal;

import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOffer;
import ai.omniflow.leads.LeadService;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The offer-expiry use case: every lead whose first-to-claim offer expired unclaimed is routed
 * again, each in its own transaction, along its group's fallback chain. {@link LeadService}
 * delegates to it (decision 0033); the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class OfferExpiry {
  private final Store store;
  private final Clock clock;
  private final LeadRouting routing;

  public OfferExpiry(Store store, Clock clock, LeadRouting routing) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.routing = Objects.requireNonNull(routing, "routing");
  }

  /** As {@link LeadService#expireOffer}. */
  public Optional<Instant> expireOffer(UUID orgId, UUID leadId, Instant expiresAt) {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(leadId, "leadId");
    Instant due = expiresAt.truncatedTo(ChronoUnit.MICROS);
    return store.inTransaction(
        Actor.system(orgId).withRequestId("offer-expiry"),
        tx -> {
          Optional<Lead> found = tx.leads().lock(leadId);
          Optional<LeadOffer> offer = tx.leads().offer(leadId);
          if (found.isEmpty()
              || offer.isEmpty()
              || !offer.get().expiresAt().truncatedTo(ChronoUnit.MICROS).equals(due)) {
            return Optional.<Instant>empty(); // claimed, withdrawn or replaced meanwhile
          }
          Instant now = clock.instant();
          if (offer.get().expiresAt().isAfter(now)) {
            return Optional.of(offer.get().expiresAt()); // this node's clock is behind
          }
          if (!found.get().isOpen()) {
            tx.leads().deleteOffer(leadId);
          } else {
            routing.routeIn(tx, found.get(), now);
          }
          return Optional.<Instant>empty();
        });
  }

  /** As {@link LeadService#expireOffers}. */
  public int expireOffers(Actor actor) {
    Permission.LEADS_WRITE.check(actor);
    int routed = 0;
    while (true) {
      List<UUID> due =
          store.inTransaction(actor, tx -> tx.leads().expiredOffers(clock.instant(), 100));
      if (due.isEmpty()) {
        return routed;
      }
      for (UUID id : due) {
        store.inTransaction(
            actor,
            tx -> {
              Lead lead = LeadTx.require(tx.leads().lock(id));
              Instant now = clock.instant();
              Optional<LeadOffer> offer = tx.leads().offer(id);
              if (offer.isEmpty() || offer.get().expiresAt().isAfter(now)) {
                return null; // claimed or re-offered meanwhile
              }
              if (!lead.isOpen()) {
                tx.leads().deleteOffer(id);
                return null;
              }
              return routing.routeIn(tx, lead, now);
            });
        routed++;
      }
    }
  }
}
