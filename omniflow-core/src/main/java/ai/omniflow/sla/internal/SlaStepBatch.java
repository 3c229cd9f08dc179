package ai.omniflow.sla.internal;

import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.SlaStepOutcome;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.sla.spi.Notifier;
import ai.omniflow.store.spi.SlaClockRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scheduled execution of SLA steps together with other executions of its org that are due,
 * in one transaction (decision 0096): the execution's clock is locked, up to {@code batch - 1} due
 * executions that no scheduler picked and no other transaction holds are claimed, their clocks
 * locked in one statement (a clock another transaction holds is left, with its execution, to run
 * later), the policy read once, each execution's steps applied as {@link SlaSteps} applies them,
 * the clocks saved, the executions finished (or, a step's time having moved, rescheduled) and all
 * committed at once. If that transaction fails, the execution runs alone as {@link SlaSteps#run}
 * runs it and the others stay scheduled. Not API: {@link
 * ai.omniflow.sla.SlaService#runStepsInBatch} is the spec. Thread-safe.
 */
public final class SlaStepBatch {
  private static final Logger LOG = LoggerFactory.getLogger(SlaStepBatch.class);
  private final Store store;
  private final Clock clock;
  private final SlaSteps steps;

  public SlaStepBatch(Store store, Clock clock, SlaSteps steps) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.steps = Objects.requireNonNull(steps, "steps");
  }

  /** As {@link ai.omniflow.sla.SlaService#runStepsInBatch}. */
  public SlaStepOutcome run(List<SlaStep> execution, int batch) {
    List<SlaStep> own = SlaSteps.checked(execution);
    if (batch < 1 || batch > SlaClockRepository.MAX_CLAIM) {
      throw new IllegalArgumentException("batch must be from 1 to " + SlaClockRepository.MAX_CLAIM);
    }
    if (batch == 1) {
      return steps.run(own);
    }
    SlaSteps.Ran ran;
    try {
      ran =
          store.inStrictTransaction(Actor.system(own.get(0).orgId()), tx -> runIn(tx, own, batch));
    } catch (RuntimeException e) {
      // One execution of the batch (or the database) failed and the whole batch rolled back, the
      // other executions scheduled as they were: this one runs alone, so that a failing one
      // fails by itself (its type only in the log, never a message that could hold a secret).
      LOG.warn(
          "SLA steps in a batch failed ({}); running execution {} alone",
          e.getClass().getName(),
          SlaStep.instanceId(own));
      return steps.run(own);
    }
    steps.notifyAll(ran.escalations());
    return ran.outcome();
  }

  private SlaSteps.Ran runIn(StoreTransaction tx, List<SlaStep> own, int batch) {
    SlaClockRepository clocks = tx.slaClocks();
    UUID ownThread = own.get(0).threadId();
    // The execution's own clock first, waited for as when it runs alone; every other lock below
    // skips what another transaction holds, so this transaction never waits while holding them.
    Map<UUID, ThreadClock> held = new HashMap<>();
    clocks.lock(ownThread).ifPresent(c -> held.put(ownThread, c));
    Instant now = clock.instant();
    String ownId = SlaStep.instanceId(own);
    List<List<SlaStep>> others = new ArrayList<>();
    for (List<SlaStep> e : clocks.claimDueSteps(now, batch)) {
      if (others.size() < batch - 1 && !SlaStep.instanceId(e).equals(ownId)) {
        others.add(e);
      }
    }
    Set<UUID> otherThreads = new TreeSet<>();
    for (List<SlaStep> e : others) {
      if (!e.get(0).threadId().equals(ownThread)) {
        otherThreads.add(e.get(0).threadId());
      }
    }
    Set<UUID> locked = new TreeSet<>();
    if (!otherThreads.isEmpty()) {
      Map<UUID, ThreadClock> available = clocks.lockAvailable(otherThreads);
      held.putAll(available);
      locked.addAll(available.keySet());
    }
    locked.add(ownThread);
    SlaSteps.PolicyOnce policy = new SlaSteps.PolicyOnce(tx);
    Map<UUID, ThreadClock> changed = new TreeMap<>();
    List<List<SlaStep>> finished = new ArrayList<>();
    List<Notifier.Escalation> escalations = new ArrayList<>();
    SlaStepOutcome outcome = new SlaStepOutcome.Nothing();
    List<List<SlaStep>> all = new ArrayList<>(others.size() + 1);
    all.add(own);
    all.addAll(others);
    for (List<SlaStep> e : all) {
      UUID thread = e.get(0).threadId();
      if (!locked.contains(thread)) {
        // Another transaction holds its clock (or it has none): it stays scheduled, to run later.
        continue;
      }
      SlaSteps.Applied a = steps.apply(tx, held.get(thread), e, policy, now);
      if (a.clock() != null) {
        held.put(thread, a.clock());
        changed.put(thread, a.clock());
      }
      escalations.addAll(a.escalations());
      if (a.outcome() instanceof SlaStepOutcome.Later later) {
        if (e != own) {
          // A claimed execution whose step moved later (the clock paused and resumed, the
          // policy changed): it waits for that time, as db-scheduler reschedules the own one.
          clocks.rescheduleSteps(e, later.at());
        }
      } else {
        finished.add(e);
      }
      if (e == own) {
        outcome = a.outcome();
      }
    }
    changed.values().forEach(clocks::save);
    clocks.finishAll(finished);
    return new SlaSteps.Ran(outcome, escalations);
  }
}
