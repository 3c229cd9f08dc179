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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled steps of a thread's SLA clock that one execution holds (one step, or those due
 * at one instant), idempotently: in one transaction it locks the clock and skips a step unless the
 * clock still runs from the step's start, the step is not done and its time has come; else it marks
 * the step done, records its event and, for an escalation, does the step's action; unless a step's
 * time moved later, the steps leave the schedule in that transaction. After the commit it hands the
 * escalations to the {@link Notifier}. Not API: {@link ai.omniflow.sla.SlaService#runSteps} is the
 * spec. Thread-safe.
 */
public final class SlaSteps {
  private static final Logger LOG = LoggerFactory.getLogger(SlaSteps.class);
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

  /** What a transaction of steps answers: the outcome, and the escalations to notify after it. */
  record Ran(SlaStepOutcome outcome, List<Notifier.Escalation> escalations) {}

  /**
   * One execution's steps applied to their clock as the transaction holds it: the outcome, the
   * clock with the steps done marked (to save), or {@code null} if none was done, and the
   * escalations to notify after the commit.
   */
  record Applied(
      SlaStepOutcome outcome, @Nullable ThreadClock clock, List<Notifier.Escalation> escalations) {}

  /** The org's policy in force, read at most once per transaction, when a step first needs it. */
  static final class PolicyOnce {
    private final StoreTransaction tx;
    private @Nullable SlaPolicy policy;

    PolicyOnce(StoreTransaction tx) {
      this.tx = tx;
    }

    SlaPolicy get() {
      if (policy == null) {
        policy = SlaConfigs.effective(tx).policy();
      }
      return policy;
    }
  }

  /** As {@link ai.omniflow.sla.SlaService#runStep}. */
  public SlaStepOutcome run(SlaStep step) {
    return run(List.of(Objects.requireNonNull(step, "step")));
  }

  /** As {@link ai.omniflow.sla.SlaService#runSteps}. */
  public SlaStepOutcome run(List<SlaStep> steps) {
    List<SlaStep> sorted = checked(steps);
    // Strict: nothing here goes on after a failed store call, so the JDBC store writes the
    // events and audit entries of the steps in one batch each before the commit (decision 0092).
    Ran ran =
        store.inStrictTransaction(Actor.system(sorted.get(0).orgId()), tx -> runIn(tx, sorted));
    notifyAll(ran.escalations());
    return ran.outcome();
  }

  /** The steps of one execution by index; refuses steps of several clocks or an index twice. */
  static List<SlaStep> checked(List<SlaStep> steps) {
    List<SlaStep> sorted = new ArrayList<>(SlaStep.sameClock(List.copyOf(steps)));
    sorted.sort(Comparator.comparingInt(SlaStep::index));
    SlaStep.instanceId(sorted); // no index twice
    return List.copyOf(sorted);
  }

  /** Hands committed escalations to the notifier, each once; a failing call is logged only. */
  void notifyAll(List<Notifier.Escalation> escalations) {
    for (Notifier.Escalation e : escalations) {
      try {
        notifier.notify(e);
      } catch (RuntimeException ex) {
        // The steps are done and their execution gone with the commit: a failing notifier is
        // logged (its type only, never a message that could hold a secret), and the other
        // escalations of the execution are still notified.
        LOG.warn(
            "SLA notifier failed for {} of thread {}: {}",
            e.action(),
            e.threadId(),
            ex.getClass().getName());
      }
    }
  }

  private Ran runIn(StoreTransaction tx, List<SlaStep> steps) {
    Optional<ThreadClock> found = tx.slaClocks().lock(steps.get(0).threadId());
    Applied a = apply(tx, found.orElse(null), steps, new PolicyOnce(tx), clock.instant());
    if (a.clock() != null) {
      tx.slaClocks().save(a.clock());
    }
    if (!(a.outcome() instanceof SlaStepOutcome.Later)) {
      // The steps leave the schedule with this transaction (decision 0082); a step whose time
      // moved keeps the execution, to be rescheduled to it.
      tx.slaClocks().finishSteps(steps);
    }
    return new Ran(a.outcome(), a.escalations());
  }

  /**
   * Applies one execution's steps to their clock {@code c} (locked by the transaction, or {@code
   * null} if the thread has none): each step is done unless the clock no longer runs from the
   * step's start, the step is done already or its time has not come under the policy in force.
   * Records the events of the steps done and does their escalations; saves and finishes nothing.
   */
  Applied apply(
      StoreTransaction tx,
      @Nullable ThreadClock c,
      List<SlaStep> steps,
      PolicyOnce policies,
      Instant now) {
    SlaStep first = steps.get(0);
    if (c == null
        || !c.startedAt().equals(first.clockStart())
        || c.phase() != ThreadClock.Phase.RUNNING) {
      return new Applied(new SlaStepOutcome.Nothing(), null, List.of());
    }
    // The warning and the breach are due at the clock's own instants: only an escalation step
    // reads the policy in force (a breach reads nothing else: docs/performance.md).
    @Nullable SlaPolicy policy = null;
    Instant later = null;
    List<SlaStep> due = new ArrayList<>(steps.size());
    ThreadClock fired = c;
    for (SlaStep step : steps) {
      if (c.hasFired(step.index())) {
        continue;
      }
      Instant at;
      if (step.index() >= SlaStep.FIRST_ESCALATION) {
        policy = policies.get();
        at = SlaStep.timeOf(c, policy, step.index());
      } else {
        at = step.index() == SlaStep.WARNING ? c.warnAt() : c.dueAt();
      }
      if (at == null) {
        continue;
      }
      if (now.isBefore(at)) {
        later = later == null || at.isBefore(later) ? at : later;
        continue;
      }
      due.add(step);
      fired = fired.withFired(step.index());
    }
    if (due.isEmpty() && later == null) {
      return new Applied(new SlaStepOutcome.Nothing(), null, List.of());
    }
    List<Notifier.Escalation> escalations = new ArrayList<>();
    for (SlaStep step : due) {
      Notifier.Escalation e = record(tx, c, step, policy, now);
      if (e != null) {
        escalations.add(e);
      }
    }
    SlaStepOutcome outcome =
        later != null
            ? new SlaStepOutcome.Later(later)
            : new SlaStepOutcome.Done(due.get(0).index());
    return new Applied(outcome, due.isEmpty() ? null : fired, escalations);
  }

  /**
   * Records a due step's event and, for an escalation, does its action; answers the escalation to
   * notify after the commit, or {@code null}.
   */
  private Notifier.@Nullable Escalation record(
      StoreTransaction tx, ThreadClock c, SlaStep step, @Nullable SlaPolicy policy, Instant now) {
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
          Objects.requireNonNull(policy).escalation().get(step.index() - SlaStep.FIRST_ESCALATION);
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
    return escalation;
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
