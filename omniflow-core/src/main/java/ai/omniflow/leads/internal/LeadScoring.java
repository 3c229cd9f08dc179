package ai.omniflow.leads.internal;

import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.internal.Ids;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadEvents;
import ai.omniflow.leads.LeadScore;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadService.ScoredLead;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
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
 * The scoring use case: a lead scored with the pack's rules and the org's model in use, the score
 * kept with its explanation when it changed. Edits and rescoring score within their own
 * transactions through {@link #scoreIn}. {@link LeadService} delegates to it (decision 0033); the
 * Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class LeadScoring {
  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;
  private final IntentClassifier classifier;
  private final LeadScorer scorer = new LeadScorer();
  private final LeadModels models = new LeadModels();

  public LeadScoring(Store store, PackCatalog packs, Clock clock, IntentClassifier classifier) {
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
  }

  /** As {@link LeadService#score}, without its observation. */
  public ScoredLead score(Actor actor, UUID leadId) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          Lead lead = LeadTx.require(tx.leads().lock(leadId));
          return scoreIn(tx, LeadTx.pack(tx, packs), lead, "requested", clock.instant());
        });
  }

  /** The org's model in use, or {@code null}: the latest run decides. */
  LeadModels.@Nullable Active activeModel(StoreTransaction tx) {
    // The latest run decides: a model that the latest data no longer supports is not used.
    return tx.leads()
        .latestModelRun()
        .filter(ModelRun::usable)
        .map(run -> models.active(tx.actor().orgId(), run))
        .orElse(null);
  }

  /** Scores {@code lead} (locked by the caller) with the org's model in use. */
  ScoredLead scoreIn(
      StoreTransaction tx, VerticalPack pack, Lead lead, String reason, Instant now) {
    return scoreIn(tx, pack, lead, reason, now, activeModel(tx));
  }

  /**
   * Scores {@code lead} (locked by the caller) with {@code model}; writes the score, its history
   * entry, event and audit entry only when it changed.
   *
   * @param reason kept in the history, e.g. {@code requested}, {@code updated}
   */
  ScoredLead scoreIn(
      StoreTransaction tx,
      VerticalPack pack,
      Lead lead,
      String reason,
      Instant now,
      LeadModels.@Nullable Active model) {
    LeadSignals signals = LeadSignals.read(tx, lead.contactId(), pack, classifier);
    LeadScorer.Result r = scorer.score(pack, lead, signals, now, model);
    LeadScore entry =
        new LeadScore(
            Ids.next(),
            lead.orgId(),
            lead.id(),
            r.total(),
            r.rulesTotal(),
            r.modelProbability(),
            r.modelVersion(),
            r.explanation(),
            reason,
            now);
    if (lead.score() != null && lead.score() == r.total()) {
      return new ScoredLead(lead, entry, false);
    }
    Lead after = lead.withScore(r.total(), now);
    tx.leads().update(after);
    tx.leads().insertScore(entry);
    Map<String, @Nullable Object> extra = new LinkedHashMap<>();
    extra.put("previous_score", lead.score());
    extra.put("reason", reason);
    LeadTx.record(
        tx, LeadEvents.LEAD_SCORE_CHANGED, LeadEvents.AUDIT_LEAD_SCORE, lead, after, extra);
    return new ScoredLead(after, entry, true);
  }
}
