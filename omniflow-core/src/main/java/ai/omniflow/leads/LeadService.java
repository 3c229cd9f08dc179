package ai.omniflow.leads;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.internal.LeadRerouting;
import ai.omniflow.internal.LeadStageChanges;
import ai.omniflow.internal.LeadsWithin;
import ai.omniflow.internal.Observations;
import ai.omniflow.internal.RoutingWithin;
import ai.omniflow.internal.Wiring;
import ai.omniflow.leads.internal.LeadConversion;
import ai.omniflow.leads.internal.LeadEdits;
import ai.omniflow.leads.internal.LeadOutcomes;
import ai.omniflow.leads.internal.LeadReads;
import ai.omniflow.leads.internal.LeadRescoring;
import ai.omniflow.leads.internal.LeadRouting;
import ai.omniflow.leads.internal.LeadScoring;
import ai.omniflow.leads.internal.LeadTraining;
import ai.omniflow.leads.internal.OfferClaims;
import ai.omniflow.leads.internal.OfferExpiry;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.scoring.model.TrainingOptions;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The lead engine's front door: leads made from threads, worked through the pack's stages, closed
 * with an outcome, and scored with an explanation. Obtain it from {@link
 * ai.omniflow.OmniFlow#leads()}.
 *
 * <pre>{@code
 * LeadService.Conversion c = omniFlow.leads().fromThread(agent, threadId);
 * ScoredLead s = omniFlow.leads().score(agent, c.lead().id());
 * omniFlow.leads().recordOutcome(agent, c.lead().id(),
 *     new LeadOutcome(Status.WON, new BigDecimal("12500"), "USD", closedAt, "signed"));
 * }</pre>
 *
 * <p>Every change writes its events and audit entries in its own transaction; a refused call writes
 * nothing. Thread-safe.
 */
public final class LeadService {
  // A facade: each use case is a class of one concern in leads.internal (decision 0033).

  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        LeadService.class,
        w -> {
          LeadService leads =
              new LeadService(
                  w.store(),
                  w.packs(),
                  w.clock(),
                  w.part(RoutingWithin.class),
                  w.part(IntentClassifier.class),
                  w.part(ObservationRegistry.class));
          w.provide(LeadsWithin.class, leads.conversion::fromLeadFormWithin);
          w.provide(LeadRerouting.class, leads.leadRouting::reroute);
          w.provide(LeadStageChanges.class, leads.edits::changeStageWithin);
          return leads;
        });
  }

  /** How far in the future an outcome's closing time may be, for callers' clocks running fast. */
  public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

  private final Observations observations;
  private final LeadConversion conversion;
  private final LeadReads reads;
  private final LeadEdits edits;
  private final LeadOutcomes outcomes;
  private final LeadScoring scoring;
  private final LeadRescoring rescoring;
  private final LeadTraining training;
  private final LeadRouting leadRouting;
  private final OfferClaims claims;
  private final OfferExpiry expiry;

  /**
   * Builds the use cases over one store, pack catalog and clock; edits, rescoring and training
   * share one scoring, and so one cache of the org models read.
   *
   * @param routing the routing steps {@link #route} and {@link #claim} compose in their transaction
   */
  LeadService(
      Store store,
      PackCatalog packs,
      Clock clock,
      RoutingWithin routing,
      IntentClassifier classifier,
      ObservationRegistry observations) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(packs, "packs");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(classifier, "classifier");
    this.observations = new Observations(observations);
    this.scoring = new LeadScoring(store, packs, clock, classifier);
    this.rescoring = new LeadRescoring(store, packs, clock, scoring);
    this.leadRouting = new LeadRouting(store, packs, clock, routing);
    this.conversion = new LeadConversion(store, packs, clock, classifier);
    this.reads = new LeadReads(store);
    this.edits = new LeadEdits(store, packs, clock, scoring);
    this.outcomes = new LeadOutcomes(store, packs, clock);
    this.training = new LeadTraining(store, packs, clock, classifier, rescoring);
    this.claims = new OfferClaims(store, clock, routing);
    this.expiry = new OfferExpiry(store, clock, leadRouting);
  }

  /** A lead made from a thread, or the contact's open lead that was there already. */
  public record Conversion(Lead lead, boolean created) {}

  /** A lead after scoring, the history entry its score came from, and whether the score changed. */
  public record ScoredLead(Lead lead, LeadScore score, boolean changed) {}

  /**
   * Makes a lead for the thread's contact (the survivor, if the contact was merged), or returns its
   * open lead. A new lead starts in the pack's first stage, owned by the thread's assignee if it
   * has one, with the source channel, campaign and ad of the contact's first touchpoint (the
   * thread's channel if it has none) and the lead fields found in the contact's messages and lead
   * forms. An open lead that exists already gets the fields it is missing, never overwriting one.
   * Event {@code lead.created} (or {@code lead.updated}), audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     not_found} if the org has no such thread; {@code pack_required} (conflict) if the org has
   *     chosen no pack
   */
  public Conversion fromThread(Actor actor, UUID threadId) {
    return conversion.fromThread(actor, threadId);
  }

  /**
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the org has no such lead
   */
  public Lead get(Actor actor, UUID leadId) {
    return reads.get(actor, leadId);
  }

  /**
   * The open lead of the thread's contact (the survivor, if the contact was merged): the lead
   * {@link #fromThread} would answer, read without making or changing one; empty if it has none.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the org has no such thread
   */
  public Optional<Lead> openLeadOfThread(Actor actor, UUID threadId) {
    return reads.openLeadOfThread(actor, threadId);
  }

  /**
   * Leads passing {@code filter}, newest first.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}
   */
  public Page<Lead> list(Actor actor, LeadFilter filter, PageRequest page) {
    return reads.list(actor, filter, page);
  }

  /**
   * What {@link #update} changes; {@code null} leaves a part as it is.
   *
   * @param fields lead fields to set; a {@code null} value removes the field
   * @param stage a non-terminal stage of the pack (closing goes through {@link #recordOutcome})
   * @param ownerUserId a member to own the lead
   * @param clearOwner puts the lead back in the pond; not with {@code ownerUserId}
   */
  public record Patch(
      @Nullable Map<String, @Nullable Object> fields,
      @Nullable String stage,
      @Nullable UUID ownerUserId,
      boolean clearOwner) {
    public Patch {
      if (clearOwner && ownerUserId != null) {
        throw new IllegalArgumentException("a patch cannot set and clear the owner");
      }
      if (fields != null) {
        fields = ai.omniflow.Limits.values("fields", fields);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      }
    }
  }

  /**
   * Changes a lead's fields, stage or owner. Changing nothing records nothing. A scored lead whose
   * fields changed is scored again. Events {@code lead.updated}, {@code lead.stage_changed} when
   * the stage moved, {@code lead.owner_changed} when the owner did; audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     not_found} if the org has no such lead; {@code lead_closed} (conflict) if it has an
   *     outcome; (invalid input) {@code unknown_field}, {@code invalid_field}, {@code
   *     unknown_stage}, {@code stage_needs_outcome} for a terminal stage, {@code owner_not_member}
   */
  public Lead update(Actor actor, UUID leadId, Patch patch) {
    return edits.update(actor, leadId, patch);
  }

  /**
   * Closes the lead as won or lost, moving it to the pack's stage for that outcome. Recording an
   * outcome again corrects it (the audit keeps the old one). Event {@code lead.won} or {@code
   * lead.lost}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     not_found} if the org has no such lead; {@code invalid_closed_at} (invalid input) if it
   *     closed before {@link Limits#EARLIEST} or more than {@link #CLOCK_SKEW} after now
   */
  public Lead recordOutcome(Actor actor, UUID leadId, LeadOutcome outcome) {
    return outcomes.recordOutcome(actor, leadId, outcome);
  }

  /**
   * Scores the lead now with the pack's rules (and the org's model, when it has a usable one) and
   * keeps the score with its explanation in the history. Event {@code lead.score_changed} when the
   * score differs from the last one (or is the first), audited; an unchanged score is returned
   * without writing anything.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     not_found} if the org has no such lead; {@code pack_required} (conflict) if the org has no
   *     pack; {@code no_scoring} (conflict) if its pack has no scoring rules
   */
  public ScoredLead score(Actor actor, UUID leadId) {
    return observations.observe(
        Observations.SCORE,
        KeyValues.of("reason", "requested"),
        () -> scoring.score(actor, leadId),
        r -> KeyValues.of("model", r.score().modelVersion() == null ? "none" : "used"));
  }

  /**
   * The lead's score history, newest first.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the org has no such lead
   */
  public Page<LeadScore> scoreHistory(Actor actor, UUID leadId, PageRequest page) {
    return reads.scoreHistory(actor, leadId, page);
  }

  /** What one {@link #rescoreOpen} run did. */
  public record Rescore(int scored, int changed, int batches) {}

  /**
   * Scores every open lead of the org again, {@code batchSize} leads per transaction, so a large
   * org neither holds one long transaction nor loses finished batches when a later one fails. Run
   * it when the org's pack or model changed ({@link ai.omniflow.OmniFlow} does, after a pack
   * selection and a training run). An org whose pack has no scoring rules has nothing to rescore.
   *
   * @param reason kept in each changed lead's history, e.g. {@code pack_changed}
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_MANAGE}
   * @throws IllegalArgumentException if {@code batchSize} is not 1 to 1,000
   */
  public Rescore rescoreOpen(Actor actor, String reason, int batchSize) {
    return rescoring.rescoreOpen(actor, reason, batchSize);
  }

  /**
   * One batch of the background rescoring after a pack selection (decision 0075): up to {@code
   * batchSize} open leads after {@code after} (null to start), in id order, scored again (reason
   * {@code pack_changed}) in one transaction; idempotent. Returns the batch's last lead, or empty
   * when done or when the org's pack is no longer {@code packSlug} at {@code packVersion}.
   */
  public Optional<UUID> rescoreAfterPackChange(
      UUID org, String packSlug, String packVersion, @Nullable UUID after, int batchSize) {
    return rescoring.rescoreAfterPackChange(org, packSlug, packVersion, after, batchSize);
  }

  /** The most closed leads one training run reads, most recently closed first. */
  public static final int MAX_TRAINING_LEADS = 20_000;

  /** A training run, and the rescoring it caused (none when no model was or is in use). */
  public record Training(ModelRun run, @Nullable Rescore rescore) {}

  /**
   * Trains the org's learned model on its closed leads (won against lost, at most {@link
   * #MAX_TRAINING_LEADS}, each seen as it was when it closed) and keeps the run with its report,
   * whether or not the model is good enough to use: {@link TrainingOptions#defaults()} needs at
   * least 50 of each outcome and a held-out AUC of at least 0.7. The latest run decides which model
   * scores the org's leads, so when a model comes into use, is replaced or falls out of use, every
   * open lead is scored again (reason {@code model_changed}). Event {@code lead_model.trained} or
   * {@code lead_model.refused}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_MANAGE}; {@code
   *     pack_required} (conflict) if the org has no pack
   */
  public Training trainModel(Actor actor) {
    return training.trainModel(actor);
  }

  /**
   * The org's latest training run with its report, usable or not.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}
   */
  public Optional<ModelRun> latestModelRun(Actor actor) {
    return reads.latestModelRun(actor);
  }

  /** A lead after routing, and the decision with its explanation. */
  public record RoutedLead(Lead lead, RoutingDecision decision) {}

  /**
   * Routes the lead with the org's routing configuration (the pack's unless the org has its own;
   * docs/routing.md), under the org's routing lock so that two nodes routing at once never exceed
   * an agent's capacity nor skew round robin. An assignment makes the agent's user the owner; an
   * offer leaves the lead unowned and offered to the group until it expires ({@link #claim}); the
   * pond leaves it unowned; the account owner owns it as a last resort. Routing a lead that has an
   * owner re-routes it to someone else (the current owner is excluded); routing a lead whose offer
   * expired moves on to that group's fallback. A returning contact goes back to its previous owner
   * when the configuration is sticky and that agent can take it. No agent available is not an
   * error: the lead goes to the pond and the decision says why. Event {@code lead.routed} with the
   * explanation, audited; the history of decisions is the lead's events.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     not_found} if the org has no such lead; {@code lead_closed} (conflict) if it is closed
   */
  public RoutedLead route(Actor actor, UUID leadId) {
    return observations.observe(
        Observations.ROUTE,
        KeyValues.empty(),
        () -> leadRouting.route(actor, leadId),
        r -> KeyValues.of("decision", r.decision().outcome().name().toLowerCase(Locale.ROOT)));
  }

  /**
   * The acting member claims a lead offered to a group they belong to, first come first served: the
   * lead becomes theirs and the offer is withdrawn. Event {@code lead.claimed}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     not_found} if the org has no such lead; (conflict) {@code no_offer} if the lead is not on
   *     offer (never offered, or claimed already), {@code claim_refused} with the reason if the
   *     offer expired, the member is not an agent of the group, or cannot take a lead now
   */
  public Lead claim(Actor actor, UUID leadId) {
    return claims.claim(actor, leadId);
  }

  /**
   * Expires one first-to-claim offer, as a scheduler's task does at the offer's expiry ({@code
   * omniflow-jdbc}'s {@code SlaScheduler}, decision 0065): in one transaction, as the org's system
   * actor, it locks the lead and, if the lead still has the offer that expires at {@code expiresAt}
   * (to the microsecond) and that time has come, routes the lead again along the group's fallback
   * chain (a closed lead only loses the offer). Idempotent: an offer claimed, withdrawn or replaced
   * meanwhile, or a lead already routed on, is left alone.
   *
   * @return when to try again if the offer's time has not come yet on this node's clock, else empty
   */
  public Optional<Instant> expireOffer(UUID orgId, UUID leadId, Instant expiresAt) {
    return expiry.expireOffer(orgId, leadId, expiresAt);
  }

  /**
   * Routes again every lead of the org whose first-to-claim offer expired unclaimed, each in its
   * own transaction, moving it along its group's fallback chain. The sweep for stores without a
   * scheduler: the in-memory store, where the Spring Boot starter runs it every 15 seconds by
   * default. With the JDBC store and its scheduler, each offer expires on its own at its time
   * ({@link #expireOffer}); this sweep then only catches offers made before that (none after V26).
   *
   * @return how many leads were routed again
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}
   */
  public int expireOffers(Actor actor) {
    return expiry.expireOffers(actor);
  }
}
