package ai.omniflow.store.spi;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.sla.SlaState;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.SlaThreadQuery;
import ai.omniflow.sla.ThreadClock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The SLA clocks of the transaction's org, one per thread, and the steps scheduled for them
 * (docs/sla.md, decision 0046).
 *
 * <p>A clock and its steps change in the transaction that stores the message moving the clock, so a
 * rolled-back message schedules nothing. The JDBC store keeps steps as db-scheduler executions
 * (table {@code scheduled_tasks}, task {@link #STEP_TASK}, one execution per clock and instant,
 * instance {@link SlaStep#instanceId(List)}); the in-memory store keeps them in a map that {@link
 * #steps} reads.
 */
public interface SlaClockRepository {
  /** The db-scheduler task name of SLA steps. */
  String STEP_TASK = "omniflow-sla-step";

  /** The most threads {@link #find(Collection)} reads at once. */
  int MAX_FIND = 500;

  Optional<ThreadClock> find(UUID threadId);

  /** The thread's clock, locked until the transaction ends (so steps and messages serialize). */
  Optional<ThreadClock> lock(UUID threadId);

  /**
   * The clocks of those of {@code threadIds} that have one.
   *
   * @throws IllegalArgumentException for more than {@link #MAX_FIND} ids
   */
  Map<UUID, ThreadClock> find(Collection<UUID> threadIds);

  /** Inserts or replaces the thread's clock. */
  void save(ThreadClock clock);

  /**
   * Replaces the thread's pending steps with {@code steps}: pending steps of the thread not in the
   * list are cancelled; a step already picked by a scheduler is left to finish (its handler reads
   * the clock again and does nothing if the clock moved).
   */
  void replaceSteps(UUID threadId, List<SlaStep> steps);

  /**
   * Saves the thread's clock and replaces its pending steps with {@code steps}, as {@link
   * #save(ThreadClock)} then {@link #replaceSteps} do: what the clock keeping calls on every
   * message that moves a clock. The default does just that; a store may do both in one round trip
   * (the JDBC store does, decision 0097).
   *
   * @throws IllegalArgumentException if a step is not of the clock's thread in this org
   */
  default void save(ThreadClock clock, List<SlaStep> steps) {
    save(clock);
    replaceSteps(clock.threadId(), steps);
  }

  /**
   * Removes the pending steps {@code steps} (steps of one clock that one execution holds, {@link
   * SlaStep#byInstant}), whether a scheduler has picked them or not: the step handler calls it in
   * the transaction that ran them or found nothing to do, so that they leave the schedule exactly
   * when that transaction commits, and stay for a retry if it rolls back (decision 0082). The JDBC
   * store deletes their execution ({@link SlaStep#instanceId(List)}); removing steps no longer
   * pending does nothing.
   *
   * @throws IllegalArgumentException if {@code steps} are not of one clock of a thread of this org
   */
  void finishSteps(List<SlaStep> steps);

  /** The most executions {@link #claimDueSteps} answers at once. */
  int MAX_CLAIM = 100;

  /**
   * Up to {@code limit} of the org's pending executions (each the steps of one clock due at one
   * instant, as {@link #finishSteps} takes them) due at or before {@code now}, earliest first, that
   * no scheduler has picked and no other transaction holds: each is held for this transaction, so
   * that no scheduler picks it and no other transaction claims it until this one ends; it stays
   * pending unless this transaction finishes or reschedules it (decision 0096). A store may answer
   * fewer than are due, or none; the steps then run one execution at a time.
   *
   * @throws IllegalArgumentException if {@code limit} is not 1 to {@link #MAX_CLAIM}
   */
  List<List<SlaStep>> claimDueSteps(Instant now, int limit);

  /**
   * The clocks of those of {@code threadIds} that have one and that no other transaction holds,
   * locked until this transaction ends; a clock another transaction holds is left out rather than
   * waited for (decision 0096).
   *
   * @throws IllegalArgumentException for more than {@link #MAX_FIND} ids
   */
  Map<UUID, ThreadClock> lockAvailable(Collection<UUID> threadIds);

  /** {@link #finishSteps} of each of {@code executions}. */
  void finishAll(List<List<SlaStep>> executions);

  /**
   * Moves the pending execution of {@code steps} (as {@link #finishSteps} takes them) to {@code
   * at}, unless a scheduler has picked it: a claimed execution whose steps' time moved later.
   *
   * @throws IllegalArgumentException if {@code steps} are not of one clock of a thread of this org
   */
  void rescheduleSteps(List<SlaStep> steps, Instant at);

  /** The thread's pending steps, by time then index. */
  List<SlaStep> steps(UUID threadId);

  /**
   * The org's threads passing {@code filter} whose clock is in one of {@code query}'s states at
   * {@code now} (each clock's {@link ai.omniflow.sla.ThreadClock#state ThreadClock.state(now,
   * warningThreshold)}; {@link ai.omniflow.sla.SlaState#NONE} for a thread without a clock), in
   * {@code query}'s order ({@link SlaThreadQuery.Sort}), with their total: one query over the
   * threads and their clocks.
   *
   * @param now the instant states are read at, to the microsecond
   * @param warningThreshold the warning threshold of the policy in force, in (0, 1)
   */
  Page<InboxThread> threads(
      ThreadFilter filter,
      SlaThreadQuery query,
      Instant now,
      double warningThreshold,
      PageRequest page);

  /**
   * The org's leads passing {@code filter} whose conversation's first-response clock is in one of
   * {@code states} at {@code now}, newest first as {@link LeadRepository#list} orders them, with
   * their total: one query over the leads and their threads' clocks. A lead's state is its thread's
   * clock's {@link ai.omniflow.sla.ThreadClock#state ThreadClock.state(now, warningThreshold)} when
   * that clock is a {@link ai.omniflow.sla.SlaReading.Clock#FIRST_RESPONSE first-response} one, and
   * {@link SlaState#NONE} otherwise (no thread, no clock, or a next-response clock): what the
   * lead's {@code sla} shows in a list.
   *
   * @param states the states to keep; empty keeps every lead
   * @param now the instant states are read at, to the microsecond
   * @param warningThreshold the warning threshold of the policy in force, in (0, 1)
   */
  Page<Lead> leads(
      LeadFilter filter,
      Set<SlaState> states,
      Instant now,
      double warningThreshold,
      PageRequest page);
}
