package ai.omniflow.leads.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.leads.LeadEvents;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadService.Patch;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The edit use case: a lead's fields, stage or owner changed by a person, and the lead scored again
 * when its fields changed and it had a score. {@link LeadService} delegates to it (decision 0033);
 * the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class LeadEdits {
  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;
  private final LeadScoring scoring;

  public LeadEdits(Store store, PackCatalog packs, Clock clock, LeadScoring scoring) {
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scoring = Objects.requireNonNull(scoring, "scoring");
  }

  /** As {@link LeadService#update}. */
  public Lead update(Actor actor, UUID leadId, Patch patch) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(patch, "patch");
    return store.inTransaction(
        actor,
        tx -> {
          Lead before = open(LeadTx.require(tx.leads().lock(leadId)));
          VerticalPack pack = LeadTx.pack(tx, packs);
          Map<String, @Nullable Object> fields =
              patch.fields() == null
                  ? before.fields()
                  : LeadFields.apply(pack, before.fields(), patch.fields());
          String stage = patch.stage() == null ? before.stage() : openStage(pack, patch.stage());
          UUID owner = before.ownerUserId();
          if (patch.clearOwner()) {
            owner = null;
          } else if (patch.ownerUserId() != null) {
            if (tx.memberships().find(patch.ownerUserId()).isEmpty()) {
              throw OmniFlowException.invalidInput(
                  LeadErrors.OWNER_NOT_MEMBER, "The owner must be a member of the org.");
            }
            owner = patch.ownerUserId();
          }
          return apply(tx, pack, before, fields, stage, owner, Map.of());
        });
  }

  /**
   * As {@link ai.omniflow.internal.LeadStageChanges#changeStage}: the stage part of {@link
   * #update}, inside the caller's transaction (a nurture step's).
   */
  public Lead changeStageWithin(
      StoreTransaction tx, UUID leadId, String stage, Map<String, @Nullable Object> because) {
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(because, "because");
    Lead before = open(LeadTx.require(tx.leads().lock(leadId)));
    VerticalPack pack = LeadTx.pack(tx, packs);
    return apply(
        tx, pack, before, before.fields(), openStage(pack, stage), before.ownerUserId(), because);
  }

  /** Writes the lead with its new values, its event and audit entry; nothing if nothing changed. */
  private Lead apply(
      StoreTransaction tx,
      VerticalPack pack,
      Lead before,
      Map<String, @Nullable Object> fields,
      String stage,
      @Nullable UUID owner,
      Map<String, @Nullable Object> because) {
    Instant now = clock.instant();
    Lead after = before.withWork(fields, stage, owner, now);
    if (after.fields().equals(before.fields())
        && after.stage().equals(before.stage())
        && Objects.equals(after.ownerUserId(), before.ownerUserId())) {
      return before;
    }
    tx.leads().update(after);
    String event =
        !after.stage().equals(before.stage())
            ? LeadEvents.LEAD_STAGE_CHANGED
            : !Objects.equals(after.ownerUserId(), before.ownerUserId())
                ? LeadEvents.LEAD_OWNER_CHANGED
                : LeadEvents.LEAD_UPDATED;
    LeadTx.record(tx, event, LeadEvents.AUDIT_LEAD_UPDATE, before, after, because);
    if (before.score() != null && !after.fields().equals(before.fields())) {
      return scoring.scoreIn(tx, pack, after, "updated", now).lead();
    }
    return after;
  }

  private static Lead open(Lead lead) {
    if (!lead.isOpen()) {
      throw OmniFlowException.conflict(
          LeadErrors.LEAD_CLOSED, "The lead is closed; its outcome can be recorded again instead.");
    }
    return lead;
  }

  /** The key of the pack's stage {@code key}, which must not close a lead. */
  private static String openStage(VerticalPack pack, String key) {
    VerticalPack.Stage s = stage(pack, key);
    if (s.isTerminal()) {
      throw OmniFlowException.invalidInput(
          LeadErrors.STAGE_NEEDS_OUTCOME,
          "Stage '"
              + s.key()
              + "' closes the lead; record the outcome with POST /leads/{id}/outcome.");
    }
    return s.key();
  }

  private static VerticalPack.Stage stage(VerticalPack pack, String key) {
    for (VerticalPack.Stage s : pack.stages()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    throw OmniFlowException.invalidInput(
        LeadErrors.UNKNOWN_STAGE,
        "Pack "
            + pack.slug()
            + " has no stage '"
            + key
            + "'; its stages are "
            + String.join(", ", pack.stages().stream().map(VerticalPack.Stage::key).toList())
            + ".");
  }
}
