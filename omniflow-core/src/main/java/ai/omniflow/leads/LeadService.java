package ai.omniflow.leads;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.contacts.Contact;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.internal.Observations;
import ai.omniflow.internal.Races;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.RoutingWithin;
import ai.omniflow.internal.Wiring;
import ai.omniflow.leads.internal.LeadRouting;
import ai.omniflow.leads.internal.LeadTx;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.scoring.model.ClosedLead;
import ai.omniflow.scoring.model.LeadModelTrainer;
import ai.omniflow.scoring.model.TrainingOptions;
import ai.omniflow.scoring.model.TrainingReport;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        LeadService.class,
        w ->
            new LeadService(
                w.store(),
                w.packs(),
                w.clock(),
                w.part(RoutingWithin.class),
                w.part(IntentClassifier.class),
                w.part(ObservationRegistry.class)));
  }

  /** How many times at most {@link #fromThread} runs when it loses a race for the same contact. */
  static final int MAX_ATTEMPTS = 3;

  /** How far in the future an outcome's closing time may be, for callers' clocks running fast. */
  public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;
  private final LeadScorer scorer;
  private final IntentClassifier classifier;
  private final LeadModels models = new LeadModels();
  private final LeadRouting leadRouting;
  private final Observations observations;

  /**
   * @param routing the routing steps {@link #route} and {@link #claim} compose in their transaction
   */
  LeadService(
      Store store,
      PackCatalog packs,
      Clock clock,
      RoutingWithin routing,
      IntentClassifier classifier,
      ObservationRegistry observations) {
    this.observations = new Observations(observations);
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.scorer = new LeadScorer();
    this.leadRouting = new LeadRouting(this.store, this.packs, this.clock, routing);
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
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(threadId, "threadId");
    return Races.retrying(
        MAX_ATTEMPTS, () -> store.inTransaction(actor, tx -> fromThreadIn(tx, threadId)));
  }

  private Conversion fromThreadIn(StoreTransaction tx, UUID threadId) {
    InboxThread thread =
        tx.inbox().findThread(threadId).orElseThrow(() -> OmniFlowException.notFound("The thread"));
    VerticalPack pack = LeadTx.pack(tx, packs);
    Contact contact = survivor(tx, thread.contactId());
    Instant now = clock.instant();
    LeadSignals signals = LeadSignals.read(tx, contact.id(), pack, classifier);
    Map<String, @Nullable Object> found = LeadExtraction.fields(pack, signals, now);
    Optional<Lead> open = tx.leads().findOpen(contact.id());
    if (open.isPresent()) {
      Lead before = open.get();
      Map<String, @Nullable Object> merged = new LinkedHashMap<>(found);
      merged.putAll(before.fields());
      if (merged.equals(before.fields())) {
        return new Conversion(before, false);
      }
      Lead after = before.withWork(merged, before.stage(), before.ownerUserId(), now);
      tx.leads().update(after);
      LeadTx.record(tx, "lead.updated", "lead.update", before, after, Map.of("fields_found", true));
      return new Conversion(after, false);
    }
    List<Touchpoint> touchpoints = tx.inbox().touchpoints(contact.id());
    Touchpoint first = touchpoints.isEmpty() ? null : touchpoints.get(0);
    Lead lead =
        new Lead(
            UUID.randomUUID(),
            tx.actor().orgId(),
            contact.id(),
            thread.id(),
            first == null ? thread.channel() : first.channel(),
            first == null ? null : first.campaignId(),
            first == null ? null : first.adId(),
            pack.stages().get(0).key(),
            thread.assigneeUserId(),
            found,
            null,
            null,
            null,
            now,
            now);
    tx.leads().insert(lead);
    LeadTx.record(tx, "lead.created", "lead.create", null, lead, Map.of());
    return new Conversion(lead, true);
  }

  /**
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the org has no such lead
   */
  public Lead get(Actor actor, UUID leadId) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(actor, tx -> LeadTx.require(tx.leads().find(leadId)));
  }

  /**
   * Leads passing {@code filter}, newest first.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}
   */
  public Page<Lead> list(Actor actor, LeadFilter filter, PageRequest page) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    return store.inTransaction(actor, tx -> tx.leads().list(filter, page));
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
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(patch, "patch");
    return store.inTransaction(
        actor,
        tx -> {
          Lead before = LeadTx.require(tx.leads().lock(leadId));
          if (!before.isOpen()) {
            throw OmniFlowException.conflict(
                "lead_closed", "The lead is closed; its outcome can be recorded again instead.");
          }
          VerticalPack pack = LeadTx.pack(tx, packs);
          Map<String, @Nullable Object> fields =
              patch.fields() == null
                  ? before.fields()
                  : LeadFields.apply(pack, before.fields(), patch.fields());
          String stage = before.stage();
          if (patch.stage() != null) {
            VerticalPack.Stage s = stage(pack, patch.stage());
            if (s.isTerminal()) {
              throw OmniFlowException.invalidInput(
                  "stage_needs_outcome",
                  "Stage '"
                      + s.key()
                      + "' closes the lead; record the outcome with POST /leads/{id}/outcome.");
            }
            stage = s.key();
          }
          UUID owner = before.ownerUserId();
          if (patch.clearOwner()) {
            owner = null;
          } else if (patch.ownerUserId() != null) {
            if (tx.memberships().find(patch.ownerUserId()).isEmpty()) {
              throw OmniFlowException.invalidInput(
                  "owner_not_member", "The owner must be a member of the org.");
            }
            owner = patch.ownerUserId();
          }
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
                  ? "lead.stage_changed"
                  : !Objects.equals(after.ownerUserId(), before.ownerUserId())
                      ? "lead.owner_changed"
                      : "lead.updated";
          LeadTx.record(tx, event, "lead.update", before, after, Map.of());
          if (before.score() != null && !after.fields().equals(before.fields())) {
            return scoreIn(tx, pack, after, "updated", now).lead();
          }
          return after;
        });
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
          Map<String, @Nullable Object> extra = new LinkedHashMap<>();
          extra.put("status", wire);
          extra.put("amount", outcome.amount() == null ? null : outcome.amount().toPlainString());
          extra.put("currency", outcome.currency());
          extra.put("corrected", before.outcome() != null);
          LeadTx.record(tx, "lead." + wire, "lead.close", before, after, extra);
          return after;
        });
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
        () -> scoreObserved(actor, leadId),
        r -> KeyValues.of("model", r.score().modelVersion() == null ? "none" : "used"));
  }

  private ScoredLead scoreObserved(Actor actor, UUID leadId) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          Lead lead = LeadTx.require(tx.leads().lock(leadId));
          return scoreIn(tx, LeadTx.pack(tx, packs), lead, "requested", clock.instant());
        });
  }

  /**
   * The lead's score history, newest first.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the org has no such lead
   */
  public Page<LeadScore> scoreHistory(Actor actor, UUID leadId, PageRequest page) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(page, "page");
    return store.inTransaction(
        actor,
        tx -> {
          LeadTx.require(tx.leads().find(leadId));
          return tx.leads().scores(leadId, page);
        });
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
    Permission.LEADS_MANAGE.check(actor);
    Objects.requireNonNull(reason, "reason");
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException("batchSize must be 1 to 1000");
    }
    int scored = 0;
    int changed = 0;
    int batches = 0;
    UUID after = null;
    while (true) {
      UUID from = after;
      int[] counts = new int[2];
      List<UUID> ids =
          store.inTransaction(
              actor,
              tx -> {
                List<UUID> batch = tx.leads().openIds(from, batchSize);
                if (batch.isEmpty()) {
                  return batch;
                }
                VerticalPack pack = LeadTx.pack(tx, packs);
                if (pack.scoring() == null) {
                  return List.<UUID>of(); // a pack without rules scores nothing
                }
                Instant now = clock.instant();
                LeadModels.Active model = activeModel(tx);
                for (UUID id : batch) {
                  Optional<Lead> lead = tx.leads().lock(id);
                  if (lead.isPresent() && lead.get().isOpen()) {
                    counts[0]++;
                    if (scoreIn(tx, pack, lead.get(), reason, now, model).changed()) {
                      counts[1]++;
                    }
                  }
                }
                return batch;
              });
      if (ids.isEmpty()) {
        return new Rescore(scored, changed, batches);
      }
      batches++;
      scored += counts[0];
      changed += counts[1];
      after = ids.get(ids.size() - 1);
    }
  }

  private LeadModels.@Nullable Active activeModel(StoreTransaction tx) {
    // The latest run decides: a model that the latest data no longer supports is not used.
    return tx.leads()
        .latestModelRun()
        .filter(ModelRun::usable)
        .map(run -> models.active(tx.actor().orgId(), run))
        .orElse(null);
  }

  private ScoredLead scoreIn(
      StoreTransaction tx, VerticalPack pack, Lead lead, String reason, Instant now) {
    return scoreIn(tx, pack, lead, reason, now, activeModel(tx));
  }

  private ScoredLead scoreIn(
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
            UUID.randomUUID(),
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
    LeadTx.record(tx, "lead.score_changed", "lead.score", lead, after, extra);
    return new ScoredLead(after, entry, true);
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
    Permission.LEADS_MANAGE.check(actor);
    boolean[] wasInUse = new boolean[1];
    ModelRun run =
        store.inTransaction(
            actor,
            tx -> {
              VerticalPack pack = LeadTx.pack(tx, packs);
              Optional<ModelRun> previous = tx.leads().latestModelRun();
              wasInUse[0] = previous.map(ModelRun::usable).orElse(false);
              List<ClosedLead> examples = new java.util.ArrayList<>();
              for (Lead l : tx.leads().closed(MAX_TRAINING_LEADS)) {
                LeadSignals signals =
                    LeadSignals.read(tx, l.contactId(), pack, classifier, l.outcome().closedAt());
                examples.add(
                    new ClosedLead(
                        LeadModels.input(l, signals),
                        l.outcome().status() == LeadOutcome.Status.WON));
              }
              Instant now = clock.instant();
              TrainingOptions options =
                  TrainingOptions.defaults().withSeed(tx.actor().orgId().getMostSignificantBits());
              TrainingReport report =
                  LeadModelTrainer.train(pack.leadFields(), examples, options, now);
              ModelRun r =
                  new ModelRun(
                      tx.actor().orgId(),
                      previous.map(ModelRun::version).orElse(0) + 1,
                      now,
                      report.status().key(),
                      report.toJson(),
                      report.model() == null ? null : report.model().toJson());
              tx.leads().insertModelRun(r);
              Map<String, @Nullable Object> payload = new LinkedHashMap<>();
              payload.put("version", r.version());
              payload.put("status", r.status());
              payload.put("reason", report.reason());
              payload.put("held_out_auc", report.heldOutAuc());
              payload.put("won", report.outcomes().won());
              payload.put("lost", report.outcomes().lost());
              Recorder.record(
                  tx,
                  now,
                  new Recorder.Change(
                      r.usable() ? "lead_model.trained" : "lead_model.refused",
                      "lead_model.train",
                      "lead_model",
                      Integer.toString(r.version()),
                      payload,
                      null,
                      payload));
              return r;
            });
    Rescore rescore = run.usable() || wasInUse[0] ? rescoreOpen(actor, "model_changed", 200) : null;
    return new Training(run, rescore);
  }

  /**
   * The org's latest training run with its report, usable or not.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}
   */
  public Optional<ModelRun> latestModelRun(Actor actor) {
    Permission.LEADS_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.leads().latestModelRun());
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
    return leadRouting.claim(actor, leadId);
  }

  /**
   * Routes again every lead of the org whose first-to-claim offer expired unclaimed, each in its
   * own transaction, moving it along its group's fallback chain. Run it on a schedule (the Spring
   * Boot starter does, every 15 seconds by default).
   *
   * @return how many leads were routed again
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}
   */
  public int expireOffers(Actor actor) {
    return leadRouting.expireOffers(actor);
  }

  private static VerticalPack.Stage stage(VerticalPack pack, String key) {
    for (VerticalPack.Stage s : pack.stages()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    throw OmniFlowException.invalidInput(
        "unknown_stage",
        "Pack "
            + pack.slug()
            + " has no stage '"
            + key
            + "'; its stages are "
            + String.join(", ", pack.stages().stream().map(VerticalPack.Stage::key).toList())
            + ".");
  }

  private static Contact survivor(StoreTransaction tx, UUID contactId) {
    UUID id = contactId;
    for (int hops = 0; hops < 16; hops++) {
      Contact c =
          tx.contacts().lock(id).orElseThrow(() -> OmniFlowException.notFound("The contact"));
      if (c.mergedIntoId() == null) {
        return c;
      }
      id = c.mergedIntoId();
    }
    throw new IllegalStateException("contact merges form a chain longer than 16");
  }
}
