package ai.omniflow.leads.internal;

import ai.omniflow.assist.spi.IntentClassifier;
import ai.omniflow.internal.Recorder;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadEvents;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.leads.LeadService;
import ai.omniflow.leads.LeadService.Rescore;
import ai.omniflow.leads.LeadService.Training;
import ai.omniflow.leads.ModelRun;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.scoring.model.ClosedLead;
import ai.omniflow.scoring.model.LeadModelTrainer;
import ai.omniflow.scoring.model.TrainingOptions;
import ai.omniflow.scoring.model.TrainingReport;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The training use case: the org's model trained on its closed leads, the run kept with its report,
 * and the open leads rescored when the model in use changed. {@link LeadService} delegates to it
 * (decision 0033); the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class LeadTraining {
  private final Store store;
  private final PackCatalog packs;
  private final Clock clock;
  private final IntentClassifier classifier;
  private final LeadRescoring rescoring;

  public LeadTraining(
      Store store,
      PackCatalog packs,
      Clock clock,
      IntentClassifier classifier,
      LeadRescoring rescoring) {
    this.store = Objects.requireNonNull(store, "store");
    this.packs = Objects.requireNonNull(packs, "packs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.rescoring = Objects.requireNonNull(rescoring, "rescoring");
  }

  /** As {@link LeadService#trainModel}. */
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
              List<ClosedLead> examples = new ArrayList<>();
              for (Lead l : tx.leads().closed(LeadService.MAX_TRAINING_LEADS)) {
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
                      r.usable() ? LeadEvents.LEAD_MODEL_TRAINED : LeadEvents.LEAD_MODEL_REFUSED,
                      LeadEvents.AUDIT_LEAD_MODEL_TRAIN,
                      "lead_model",
                      Integer.toString(r.version()),
                      payload,
                      null,
                      payload));
              return r;
            });
    Rescore rescore =
        run.usable() || wasInUse[0] ? rescoring.rescoreOpen(actor, "model_changed", 200) : null;
    return new Training(run, rescore);
  }
}
