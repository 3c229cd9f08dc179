package ai.omniflow.leads.internal;

import ai.omniflow.Limits;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadEvents;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.leads.LeadService;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
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
 * The outcome use case: a lead closed as won or lost, in the pack's stage for that outcome, or its
 * outcome corrected. {@link LeadService} delegates to it (decision 0033); the Javadoc of its
 * methods is the spec. Not API. Thread-safe.
 */
public final class LeadOutcomes {
  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;

  public LeadOutcomes(Store store, PackCatalog packs, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link LeadService#recordOutcome}. */
  public Lead recordOutcome(Actor actor, UUID leadId, LeadOutcome outcome) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(outcome, "outcome");
    return store.inTransaction(
        actor,
        tx -> {
          Lead before = LeadTx.require(tx.leads().lock(leadId));
          Instant now = clock.instant();
          Limits.past("closed_at", outcome.closedAt(), now);
          if (outcome.equals(before.outcome())) {
            return before;
          }
          VerticalPack pack = LeadTx.pack(tx, packs);
          String wire = outcome.status().wireName();
          String stage =
              pack.stages().stream()
                  .filter(s -> wire.equals(s.outcome()))
                  .map(VerticalPack.Stage::key)
                  .findFirst()
                  .orElse(wire);
          Lead after = before.withOutcome(outcome, stage, now);
          tx.leads().update(after);
          if (before.outcome() == null) {
            // Won or lost ends the lead's nurture enrollment in the same transaction.
            ai.omniflow.internal.EnrollmentStops.afterOutcome(
                tx, after.contactId(), after.id(), wire, now);
          }
          Map<String, @Nullable Object> extra = new LinkedHashMap<>();
          extra.put("status", wire);
          extra.put("amount", outcome.amount() == null ? null : outcome.amount().toPlainString());
          extra.put("currency", outcome.currency());
          extra.put("corrected", before.outcome() != null);
          String event =
              outcome.status() == LeadOutcome.Status.WON
                  ? LeadEvents.LEAD_WON
                  : LeadEvents.LEAD_LOST;
          LeadTx.record(tx, event, LeadEvents.AUDIT_LEAD_CLOSE, before, after, extra);
          return after;
        });
  }
}
