package ai.omniflow.leads;

import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.assist.PackIntentClassifier;
import ai.omniflow.contacts.Contact;
import ai.omniflow.fields.LeadField;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.Touchpoint;
import ai.omniflow.internal.Observations;
import ai.omniflow.internal.Recorder;
import ai.omniflow.pack.CompiledPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.routing.RoutingEngine;
import ai.omniflow.routing.RoutingRequest;
import ai.omniflow.routing.RoutingService;
import ai.omniflow.routing.RoutingSnapshot;
import ai.omniflow.scoring.LeadFacts;
import ai.omniflow.scoring.model.ClosedLead;
import ai.omniflow.scoring.model.LeadModelTrainer;
import ai.omniflow.scoring.model.TrainingOptions;
import ai.omniflow.scoring.model.TrainingReport;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
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
  /** How many times at most {@link #fromThread} runs when it loses a race for the same contact. */
  static final int MAX_ATTEMPTS = 3;

  /** How far in the future an outcome's closing time may be, for callers' clocks running fast. */
  public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;
  private final LeadScorer scorer;
  private final PackIntentClassifier classifier;
  private final LeadModels models = new LeadModels();
  private final RoutingService routing;
  private final Observations observations;

  /**
   * Leads without routing: {@link #route} and {@link #claim} use a routing service of their own.
   */
  public LeadService(Store store, PackCatalog packs, Clock clock) {
    this(
        store,
        packs,
        clock,
        new RoutingService(
            store, slug -> packs.find(slug).map(p -> CompiledPack.of(p).routing()), clock));
  }

  /**
   * @param routing the agents, groups and routing configuration {@link #route} decides with
   */
  public LeadService(Store store, PackCatalog packs, Clock clock, RoutingService routing) {
    this(store, packs, clock, routing, ObservationRegistry.NOOP);
  }

  /**
   * @param routing the agents, groups and routing configuration {@link #route} decides with
   * @param observations where {@code omniflow.leads.score} and {@code omniflow.leads.route} go
   */
  public LeadService(
      Store store,
      PackCatalog packs,
      Clock clock,
      RoutingService routing,
      ObservationRegistry observations) {
    this.observations = new Observations(observations);
    this.routing = Objects.requireNonNull(routing, "routing");
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.classifier = PackIntentClassifier.ofDefaults();
    this.scorer = new LeadScorer();
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
    for (int attempt = 1; ; attempt++) {
      try {
        return store.inTransaction(actor, tx -> fromThreadIn(tx, threadId));
      } catch (OmniFlowException e) {
        if (attempt >= MAX_ATTEMPTS || !e.code().equals("open_lead_exists")) {
          throw e;
        }
      }
    }
  }

  private Conversion fromThreadIn(StoreTransaction tx, UUID threadId) {
    InboxThread thread =
        tx.inbox().findThread(threadId).orElseThrow(() -> OmniFlowException.notFound("The thread"));
    VerticalPack pack = pack(tx);
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
      record(tx, "lead.updated", "lead.update", before, after, Map.of("fields_found", true));
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
    record(tx, "lead.created", "lead.create", null, lead, Map.of());
    return new Conversion(lead, true);
  }

  /**
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the org has no such lead
   */
  public Lead get(Actor actor, UUID leadId) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(actor, tx -> require(tx.leads().find(leadId)));
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
          Lead before = require(tx.leads().lock(leadId));
          if (!before.isOpen()) {
            throw OmniFlowException.conflict(
                "lead_closed", "The lead is closed; its outcome can be recorded again instead.");
          }
          VerticalPack pack = pack(tx);
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
          record(tx, event, "lead.update", before, after, Map.of());
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
   *     closed more than {@link #CLOCK_SKEW} after now
   */
  public Lead recordOutcome(Actor actor, UUID leadId, LeadOutcome outcome) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(outcome, "outcome");
    return store.inTransaction(
        actor,
        tx -> {
          Lead before = require(tx.leads().lock(leadId));
          Instant now = clock.instant();
          if (outcome.closedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw OmniFlowException.invalidInput(
                "invalid_closed_at", "closed_at must not be in the future.");
          }
          if (outcome.equals(before.outcome())) {
            return before;
          }
          VerticalPack pack = pack(tx);
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
          record(tx, "lead." + wire, "lead.close", before, after, extra);
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
          Lead lead = require(tx.leads().lock(leadId));
          return scoreIn(tx, pack(tx), lead, "requested", clock.instant());
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
          require(tx.leads().find(leadId));
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
                VerticalPack pack = pack(tx);
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
    record(tx, "lead.score_changed", "lead.score", lead, after, extra);
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
              VerticalPack pack = pack(tx);
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
        () -> routeObserved(actor, leadId),
        r -> KeyValues.of("decision", r.decision().outcome().name().toLowerCase(Locale.ROOT)));
  }

  private RoutedLead routeObserved(Actor actor, UUID leadId) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          Lead lead = require(tx.leads().lock(leadId));
          return routeIn(tx, lead, clock.instant());
        });
  }

  private RoutedLead routeIn(StoreTransaction tx, Lead lead, Instant now) {
    if (!lead.isOpen()) {
      throw OmniFlowException.conflict("lead_closed", "A closed lead is not routed.");
    }
    routing.lockWithin(tx);
    RoutingSnapshot state = ownerSnapshot(tx);
    VerticalPack pack = pack(tx);
    RoutingEngine engine = routing.engineWithin(tx, CompiledPack.of(pack).routing());
    RoutingRequest request = RoutingRequest.of(routingFacts(engine, pack, lead));
    Agent previous =
        state.agentOfUser(tx.leads().previousOwner(lead.contactId(), lead.id()).orElse(null));
    if (previous != null) {
      request = request.withPreviousOwner(previous.id());
    }
    Agent current = state.agentOfUser(lead.ownerUserId());
    if (current != null) {
      request = request.withExcludedAgent(current.id());
    }
    Optional<LeadOffer> offer = tx.leads().offer(lead.id());
    if (offer.isPresent() && !offer.get().expiresAt().isAfter(now)) {
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
    routing.recordWithin(tx, lead.id(), d);
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
  private static RoutingSnapshot ownerSnapshot(StoreTransaction tx) {
    List<Agent> agents = tx.routing().agents().stream().filter(a -> a.userId() != null).toList();
    return RoutingSnapshot.of(
        agents,
        tx.routing().groups(),
        tx.routing().counters(),
        RoutingSnapshot.openCountsByAgent(agents, tx.leads().openCountsByOwner()));
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
    return b.build();
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
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          Lead lead = require(tx.leads().lock(leadId));
          routing.lockWithin(tx);
          LeadOffer offer =
              tx.leads()
                  .offer(leadId)
                  .filter(o -> lead.isOpen())
                  .orElseThrow(
                      () ->
                          OmniFlowException.conflict(
                              "no_offer", "The lead is not on offer; it may be claimed already."));
          RoutingSnapshot state = ownerSnapshot(tx);
          Agent agent = state.agentOfUser(actor.userId());
          Instant now = clock.instant();
          String refused =
              agent == null
                  ? "you are not a routing agent"
                  : state.claimRefusal(offer.group(), agent.id(), offer.expiresAt(), now);
          if (refused != null) {
            throw OmniFlowException.conflict(
                "claim_refused", "The claim is refused: " + refused + ".");
          }
          tx.leads().deleteOffer(leadId);
          tx.routing().incrementCounter(offer.group(), agent.id());
          Lead after = lead.withOwner(actor.userId(), now);
          tx.leads().update(after);
          Map<String, @Nullable Object> extra = new LinkedHashMap<>();
          extra.put("group", offer.group());
          extra.put("agent_id", agent.id().toString());
          record(tx, "lead.claimed", "lead.claim", lead, after, extra);
          return after;
        });
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
    Permission.LEADS_WRITE.check(actor);
    int routed = 0;
    while (true) {
      List<UUID> due =
          store.inTransaction(actor, tx -> tx.leads().expiredOffers(clock.instant(), 100));
      if (due.isEmpty()) {
        return routed;
      }
      for (UUID id : due) {
        store.useTransaction(
            actor,
            tx -> {
              Lead lead = require(tx.leads().lock(id));
              Instant now = clock.instant();
              Optional<LeadOffer> offer = tx.leads().offer(id);
              if (offer.isEmpty() || offer.get().expiresAt().isAfter(now)) {
                return; // claimed or re-offered meanwhile
              }
              if (!lead.isOpen()) {
                tx.leads().deleteOffer(id);
                return;
              }
              routeIn(tx, lead, now);
            });
        routed++;
      }
    }
  }

  private VerticalPack pack(StoreTransaction tx) {
    Org org = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
    if (org.packSlug() == null) {
      throw OmniFlowException.conflict(
          "pack_required", "The org has chosen no vertical pack; choose one first.");
    }
    return packs
        .find(org.packSlug())
        .orElseThrow(
            () ->
                OmniFlowException.conflict(
                    "pack_required", "The org's pack " + org.packSlug() + " is not installed."));
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

  private static Lead require(Optional<Lead> lead) {
    return lead.orElseThrow(() -> OmniFlowException.notFound("The lead"));
  }

  private static void record(
      StoreTransaction tx,
      String event,
      String action,
      @Nullable Lead before,
      Lead after,
      Map<String, @Nullable Object> extra) {
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("lead_id", after.id().toString());
    payload.put("contact_id", after.contactId().toString());
    payload.put("stage", after.stage());
    payload.put(
        "owner_user_id", after.ownerUserId() == null ? null : after.ownerUserId().toString());
    payload.put("score", after.score());
    payload.putAll(extra);
    Recorder.record(
        tx,
        after.updatedAt(),
        new Recorder.Change(
            event,
            action,
            "lead",
            after.id().toString(),
            payload,
            before == null ? null : LeadSnapshots.of(before),
            LeadSnapshots.of(after)));
  }
}
