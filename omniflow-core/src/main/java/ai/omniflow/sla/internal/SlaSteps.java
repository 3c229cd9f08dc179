package ai.omniflow.sla.internal;

import ai.omniflow.inbox.InboxThread;
import ai.omniflow.internal.LeadRerouting;
import ai.omniflow.internal.Recorder;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadEvents;
import ai.omniflow.routing.RoutingDecision;
import ai.omniflow.sla.EscalationStep;
import ai.omniflow.sla.SlaEvents;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.SlaStepOutcome;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.sla.spi.Notifier;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
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
 * Runs one scheduled step of a thread's SLA clock, idempotently: in one transaction it locks the
 * clock and does nothing unless the clock still runs from the step's start, the step is not done
 * and its time has come; else it marks the step done, records its event and, for an escalation,
 * does the step's action. After the commit it hands an escalation to the {@link Notifier}. Not API:
 * {@link ai.omniflow.sla.SlaService#runStep} is the spec. Thread-safe.
 */
public final class SlaSteps {
  private final Store store;
  private final Clock clock;
  private final Notifier notifier;
  private final LeadRerouting rerouting;

  /**
   * @param rerouting how a {@code reroute_to_group} step routes the thread's lead again
   */
  public SlaSteps(Store store, Clock clock, Notifier notifier, LeadRerouting rerouting) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.rerouting = Objects.requireNonNull(rerouting, "rerouting");
  }

  /** The reason a lead re-routed or released by an escalation step records. */
  public static final String REASON = "sla_escalation";

  private record Ran(SlaStepOutcome outcome, Notifier.@Nullable Escalation escalation) {}

  /** As {@link ai.omniflow.sla.SlaService#runStep}. */
  public SlaStepOutcome run(SlaStep step) {
    Objects.requireNonNull(step, "step");
    Ran ran = store.inTransaction(Actor.system(step.orgId()), tx -> runIn(tx, step));
    if (ran.escalation() != null) {
      notifier.notify(ran.escalation());
    }
    return ran.outcome();
  }

  private Ran runIn(StoreTransaction tx, SlaStep step) {
    Optional<ThreadClock> found = tx.slaClocks().lock(step.threadId());
    if (found.isEmpty()) {
      return new Ran(new SlaStepOutcome.Nothing(), null);
    }
    ThreadClock c = found.get();
    if (!c.startedAt().equals(step.clockStart())
        || c.phase() != ThreadClock.Phase.RUNNING
        || c.hasFired(step.index())) {
      return new Ran(new SlaStepOutcome.Nothing(), null);
    }
    // The warning and the breach are due at the clock's own instants: only an escalation step
    // reads the policy in force (a breach reads nothing else: docs/performance.md).
    @Nullable SlaPolicy policy =
        step.index() < SlaStep.FIRST_ESCALATION ? null : SlaConfigs.effective(tx).policy();
    Instant due =
        policy != null
            ? SlaStep.timeOf(c, policy, step.index())
            : step.index() == SlaStep.WARNING ? c.warnAt() : c.dueAt();
    if (due == null) {
      return new Ran(new SlaStepOutcome.Nothing(), null);
    }
    Instant now = clock.instant();
    if (now.isBefore(due)) {
      return new Ran(new SlaStepOutcome.Later(due), null);
    }
    tx.slaClocks().save(c.withFired(step.index()));
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("thread_id", c.threadId().toString());
    payload.put("clock", c.kind().name().toLowerCase(Locale.ROOT));
    payload.put("started_at", c.startedAt().toString());
    payload.put("due_at", c.dueAt() == null ? null : c.dueAt().toString());
    Notifier.Escalation escalation = null;
    String type;
    if (step.index() == SlaStep.WARNING) {
      type = SlaEvents.SLA_CLOCK_AT_RISK;
    } else if (step.index() == SlaStep.BREACH) {
      type = SlaEvents.SLA_CLOCK_BREACHED;
    } else {
      type = SlaEvents.SLA_ESCALATED;
      EscalationStep e =
          java.util.Objects.requireNonNull(policy)
              .escalation()
              .get(step.index() - SlaStep.FIRST_ESCALATION);
      Escalated done = escalate(tx, c, e, now);
      escalation = done.escalation();
      payload.put("step", step.index() - SlaStep.FIRST_ESCALATION);
      payload.put("action", e.action().name().toLowerCase(Locale.ROOT));
      payload.put(
          "recipient_user_id",
          escalation.recipientUserId() == null ? null : escalation.recipientUserId().toString());
      payload.put("group", e.group());
      payload.put("lead_id", escalation.leadId() == null ? null : escalation.leadId().toString());
      if (e.action() == EscalationStep.Action.REROUTE_TO_GROUP) {
        payload.put("routing_outcome", done.routingOutcome());
      }
    }
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            type,
            SlaEvents.AUDIT_SLA_STEP,
            "thread",
            c.threadId().toString(),
            payload,
            null,
            null));
    return new Ran(new SlaStepOutcome.Done(step.index()), escalation);
  }

  /** An escalation done, and for a re-route the routing decision's outcome (or {@code null}). */
  private record Escalated(Notifier.Escalation escalation, @Nullable String routingOutcome) {}

  /**
   * Does an escalation step's action in the step's transaction: a re-route routes the open lead of
   * the thread's contact again through the routing engine, starting at the step's group and never
   * to its current owner (or the thread's assignee), and the notification names the new owner;
   * moving to the pond releases that lead; the others are notifications.
   */
  private Escalated escalate(StoreTransaction tx, ThreadClock c, EscalationStep e, Instant now) {
    InboxThread thread = tx.inbox().findThread(c.threadId()).orElse(null);
    Lead lead = thread == null ? null : tx.leads().findOpen(thread.contactId()).orElse(null);
    UUID recipient = null;
    if (e.action() == EscalationStep.Action.NOTIFY_ASSIGNEE) {
      recipient =
          thread != null && thread.assigneeUserId() != null
              ? thread.assigneeUserId()
              : lead == null ? null : lead.ownerUserId();
    }
    String routingOutcome = null;
    if (e.action() == EscalationStep.Action.REROUTE_TO_GROUP && lead != null) {
      RoutingDecision d =
          rerouting.reroute(
              tx, lead.id(), e.group(), thread == null ? null : thread.assigneeUserId(), REASON);
      if (d != null) {
        routingOutcome = d.outcome().name().toLowerCase(Locale.ROOT);
        recipient = tx.leads().find(lead.id()).map(Lead::ownerUserId).orElse(null);
      }
    }
    if (e.action() == EscalationStep.Action.MOVE_TO_POND && lead != null) {
      Lead locked = tx.leads().lock(lead.id()).orElse(lead);
      if (locked.ownerUserId() != null) {
        Lead pond = locked.withOwner(null, now);
        tx.leads().update(pond);
        Map<String, @Nullable Object> change = new LinkedHashMap<>();
        change.put("lead_id", pond.id().toString());
        change.put("owner_user_id", null);
        change.put("previous_owner_user_id", locked.ownerUserId().toString());
        change.put("reason", REASON);
        Recorder.record(
            tx,
            now,
            new Recorder.Change(
                LeadEvents.LEAD_OWNER_CHANGED,
                LeadEvents.AUDIT_LEAD_UPDATE,
                "lead",
                pond.id().toString(),
                change,
                null,
                null));
      }
    }
    return new Escalated(
        new Notifier.Escalation(
            tx.actor().orgId(),
            c.threadId(),
            lead == null ? null : lead.id(),
            e.action(),
            recipient,
            e.group(),
            c.dueAt()),
        routingOutcome);
  }
}
