package ai.omniflow.sla;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.LeadRerouting;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.internal.Wiring;
import ai.omniflow.sla.internal.ClockKeeping;
import ai.omniflow.sla.internal.SlaCalendars;
import ai.omniflow.sla.internal.SlaConfigs;
import ai.omniflow.sla.internal.SlaReadings;
import ai.omniflow.sla.internal.SlaStepBatch;
import ai.omniflow.sla.internal.SlaSteps;
import ai.omniflow.sla.internal.SlaThreadLists;
import ai.omniflow.sla.internal.SpeedToLead;
import ai.omniflow.sla.spi.Notifier;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An org's SLA configuration: the policy in force (its own, else its pack's default) and its
 * business calendars, per org, routing group or agent. Obtain it from {@link
 * ai.omniflow.OmniFlow#sla()}; docs/sla.md describes policies and calendars.
 *
 * <pre>{@code
 * SlaConfig config = omniFlow.sla().config(agent);               // the pack's default at first
 * omniFlow.sla().replaceConfig(owner, SlaPolicy.genericDefault());
 * SlaCalendar office = omniFlow.sla().createCalendar(owner, new SlaCalendar(UUID.randomUUID(),
 *     "Office", SlaCalendar.Scope.org(), BusinessCalendar.weekdays(zone, nine, six)));
 * }</pre>
 *
 * <p>Everyone in the org may read ({@link Permission#SLA_READ}); owners, admins and managers change
 * ({@link Permission#SLA_MANAGE}). Every change writes its event and audit entry in its own
 * transaction; a refused call writes nothing. Thread-safe.
 */
public final class SlaService {
  // A facade: each use case is a class of one concern in sla.internal (decision 0033).

  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        SlaService.class,
        w -> {
          SlaClocksWithin keeping = new ClockKeeping();
          w.provide(SlaClocksWithin.class, keeping);
          SlaSteps steps =
              new SlaSteps(
                  w.store(), w.clock(), w.part(Notifier.class), w.part(LeadRerouting.class));
          return new SlaService(
              keeping,
              new SlaConfigs(w.store(), w.clock()),
              new SlaCalendars(w.store(), w.clock()),
              new SlaReadings(w.store(), w.clock()),
              steps,
              new SlaStepBatch(w.store(), w.clock(), steps),
              new SpeedToLead(w.store(), w.clock()),
              new SlaThreadLists(w.store(), w.clock()));
        });
  }

  private final SlaConfigs configs;
  private final SlaCalendars calendars;
  private final SlaReadings readings;
  private final SlaSteps steps;
  private final SlaStepBatch batches;
  private final SpeedToLead speedToLead;
  private final SlaThreadLists threadLists;
  private final SlaClocksWithin clockKeeping;

  SlaService(
      SlaClocksWithin clockKeeping,
      SlaConfigs configs,
      SlaCalendars calendars,
      SlaReadings readings,
      SlaSteps steps,
      SlaStepBatch batches,
      SpeedToLead speedToLead,
      SlaThreadLists threadLists) {
    this.clockKeeping = Objects.requireNonNull(clockKeeping, "clockKeeping");
    this.threadLists = Objects.requireNonNull(threadLists, "threadLists");
    this.speedToLead = Objects.requireNonNull(speedToLead, "speedToLead");
    this.steps = Objects.requireNonNull(steps, "steps");
    this.batches = Objects.requireNonNull(batches, "batches");
    this.configs = Objects.requireNonNull(configs, "configs");
    this.calendars = Objects.requireNonNull(calendars, "calendars");
    this.readings = Objects.requireNonNull(readings, "readings");
  }

  /**
   * The clock keeping that the inbox runs inside its own transactions: the ingest of an inbound
   * message and the record of a sent reply move the thread's clock through it (the clock locked,
   * the policy and calendar read, the clock moved and saved, its scheduled steps replaced, the
   * first response kept). <b>Not API</b>: its type is core's internal {@link SlaClocksWithin} and
   * may change. It is handed out so that omniflow-benchmarks can time that work inside a
   * transaction of its own without reaching into this area's internal package (decision 0088); a
   * host never needs it, since ingest and send call it.
   *
   * <pre>{@code
   * SlaClocksWithin keeping = omniFlow.sla().clockKeeping();
   * store.useTransaction(system, tx -> keeping.message(tx, thread, now, SlaClocksWithin.Kind.INBOUND));
   * }</pre>
   */
  public SlaClocksWithin clockKeeping() {
    return clockKeeping;
  }

  /**
   * The SLA policy in force: the org's own if it saved one, else its pack's default ({@link
   * SlaPolicy#realEstateDefault()} for the {@code real-estate} pack, {@link
   * SlaPolicy#genericDefault()} otherwise).
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#SLA_READ}
   */
  public SlaConfig config(Actor actor) {
    return configs.config(actor);
  }

  /**
   * Replaces the policy in force with the org's own. Replacing it with the one in force changes and
   * records nothing. Event {@code sla.config_replaced}, audited with before and after.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#SLA_MANAGE}; {@code
   *     invalid_escalation} (invalid input) if a step re-routes to a group the org does not have
   */
  public SlaConfig replaceConfig(Actor actor, SlaPolicy policy) {
    return configs.replace(actor, policy);
  }

  /**
   * The org's calendars, oldest first.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#SLA_READ}
   */
  public List<SlaCalendar> calendars(Actor actor) {
    return calendars.calendars(actor);
  }

  /**
   * One calendar of the org.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#SLA_READ}; {@code
   *     not_found} if the org has no such calendar (another org's included)
   */
  public SlaCalendar calendar(Actor actor, UUID id) {
    return calendars.calendar(actor, id);
  }

  /**
   * Adds a calendar. Event {@code sla.calendar_created}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#SLA_MANAGE}; (invalid
   *     input) {@code unknown_group} or {@code unknown_agent} if the scope names a group or agent
   *     the org does not have; (conflict) {@code sla_calendar_exists} if the id is taken, {@code
   *     sla_calendar_scope_taken} if the scope has a calendar, {@code too_many_calendars} past
   *     {@link SlaCalendar#MAX_PER_ORG}
   */
  public SlaCalendar createCalendar(Actor actor, SlaCalendar calendar) {
    return calendars.create(actor, calendar);
  }

  /**
   * Replaces a calendar's name, scope and definition (its id stays). Changing nothing records
   * nothing. Event {@code sla.calendar_updated}, audited with before and after.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#SLA_MANAGE}; {@code
   *     not_found} if the org has no calendar of that id; {@code unknown_group}, {@code
   *     unknown_agent} and {@code sla_calendar_scope_taken} as {@link #createCalendar}
   */
  public SlaCalendar updateCalendar(Actor actor, SlaCalendar calendar) {
    return calendars.update(actor, calendar);
  }

  /**
   * Deletes a calendar. Event {@code sla.calendar_deleted}, audited with what was deleted.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#SLA_MANAGE}; {@code
   *     not_found} if the org has no calendar of that id
   */
  public void deleteCalendar(Actor actor, UUID id) {
    calendars.delete(actor, id);
  }

  /**
   * The thread's SLA clock now, under the policy in force and the org's org-wide calendar (open
   * around the clock if it has none), read from the thread's {@code last_inbound_at} and {@code
   * last_outbound_at}: a clock starts at the last inbound message and stops at an outbound one at
   * or after it. Until the scheduler keeps clocks of their own, the reading cannot tell an
   * automatic reply from a human one, nor a first response from a next one after earlier messages,
   * and uses no lead's score band.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_READ} and {@link
   *     Permission#SLA_READ}; {@code not_found} if the org has no such thread
   */
  public SlaReading threadReading(Actor actor, UUID threadId) {
    return readings.thread(actor, threadId);
  }

  /**
   * The stored SLA clocks of those of {@code threadIds} the org has, read now (a thread without a
   * stored clock is left out): what thread and lead lists show as {@code sla}.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_READ} and {@link
   *     Permission#SLA_READ}; {@code invalid_thread_ids} for more than 500 ids
   */
  public Map<UUID, ThreadSla> threadClocks(Actor actor, Collection<UUID> threadIds) {
    return readings.threads(actor, threadIds);
  }

  /**
   * The org's threads passing {@code filter} whose SLA clock is in one of {@code query}'s states
   * now, in {@code query}'s order: at-risk and breached threads, most urgent first, for an inbox. A
   * thread's state is the one its {@code sla} shows in a list ({@link ThreadClock#state} under the
   * policy in force, {@link SlaState#NONE} without a stored clock; decision 0071).
   *
   * <pre>{@code
   * Page<InboxThread> urgent = omniFlow.sla().threads(agent, ThreadFilter.ALL.withStatus(OPEN),
   *     new SlaThreadQuery(Set.of(AT_RISK, BREACHED), SlaThreadQuery.Sort.SLA_DUE), page);
   * }</pre>
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#INBOX_READ} and {@link
   *     Permission#SLA_READ}
   */
  public ai.omniflow.Page<ai.omniflow.inbox.InboxThread> threads(
      Actor actor,
      ai.omniflow.inbox.ThreadFilter filter,
      SlaThreadQuery query,
      ai.omniflow.PageRequest page) {
    return threadLists.threads(actor, filter, query, page);
  }

  /**
   * The org's leads passing {@code filter} whose conversation's first-response clock is in one of
   * {@code states} now, newest first, as {@code omniFlow.leads().list} lists them: at-risk and
   * breached leads, for a leads page. A lead's state is the one its {@code sla} shows in a list:
   * its thread's first-response clock's {@link ThreadClock#state} under the policy in force, and
   * {@link SlaState#NONE} for a lead without a thread, a thread without a clock, or a clock that
   * counts a next response (decision 0071).
   *
   * <pre>{@code
   * Page<Lead> late = omniFlow.sla().leads(manager, LeadFilter.ALL, Set.of(SlaState.BREACHED), page);
   * }</pre>
   *
   * @param states the states to keep; empty keeps every lead passing {@code filter}
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ} and {@link
   *     Permission#SLA_READ}
   */
  public ai.omniflow.Page<ai.omniflow.leads.Lead> leads(
      Actor actor,
      ai.omniflow.leads.LeadFilter filter,
      java.util.Set<SlaState> states,
      ai.omniflow.PageRequest page) {
    return threadLists.leads(actor, filter, states, page);
  }

  /**
   * Runs one scheduled step of a thread's clock, as OmniFlow itself in the step's org: the
   * scheduler's task calls it ({@code omniflow-jdbc}'s {@code SlaScheduler}). Idempotent: it does
   * nothing unless the clock still runs from the step's start, the step is not done yet and its
   * time has come; it answers {@link SlaStepOutcome.Later} when the step's time moved later. Unless
   * it did, the step leaves the store's schedule in the step's transaction. A step done records
   * {@code sla.clock_at_risk}, {@code sla.clock_breached} or {@code sla.escalated} (and, moving a
   * lead to the pond, {@code lead.owner_changed}) with the step marked done in one transaction; an
   * escalation then goes to the {@link Notifier}.
   */
  public SlaStepOutcome runStep(SlaStep step) {
    return steps.run(step);
  }

  /**
   * Runs the steps of one clock that one scheduled execution holds ({@link SlaStep#byInstant}: a
   * breach and the escalation due with it) as {@link #runStep} runs one, all in one transaction,
   * which also takes the execution off the schedule unless a step's time moved later (decision
   * 0082): {@link SlaStepOutcome.Done} with the first step done, {@link SlaStepOutcome.Later} with
   * the earliest time a step moved to (the steps due are done meanwhile), else {@link
   * SlaStepOutcome.Nothing}. The escalations go to the {@link Notifier} after the commit, each
   * once.
   *
   * <pre>{@code
   * SlaStepOutcome o = omniFlow.sla().runSteps(SlaStep.parseAll(executionId, executionTime));
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code steps} are not 1 to {@link SlaStep#MAX_STEPS}
   *     distinct steps of one clock
   */
  public SlaStepOutcome runSteps(java.util.List<SlaStep> steps) {
    return this.steps.run(steps);
  }

  /**
   * Runs the steps of one scheduled execution as {@link #runSteps} does, and in the same
   * transaction up to {@code batch - 1} other executions of the org that are due now, that no
   * scheduler has picked and that no other transaction holds, each as if run on its own (decision
   * 0096): a breach costs a share of one transaction where it cost one of its own. An execution
   * whose clock another transaction holds stays scheduled; one whose step moved later is
   * rescheduled to it; the others leave the schedule with the commit. If that transaction fails,
   * this execution runs alone as {@link #runSteps} runs it, and the others stay scheduled. Answers
   * this execution's outcome; the escalations of all go to the {@link Notifier} after the commit.
   *
   * @param batch how many executions at most in the transaction, this one included: 1 to {@link
   *     ai.omniflow.store.spi.SlaClockRepository#MAX_CLAIM}
   * @throws IllegalArgumentException if {@code steps} are not 1 to {@link SlaStep#MAX_STEPS}
   *     distinct steps of one clock, or {@code batch} is out of range
   */
  public SlaStepOutcome runStepsInBatch(java.util.List<SlaStep> steps, int batch) {
    return batches.run(steps, batch);
  }

  /**
   * Speed to lead over the query's range: for the first-response clocks that started in it, how
   * many there were, were answered, met and breached (unanswered ones judged now), and the median
   * and 90th percentile of the time to the first human reply in business and in wall time; in total
   * and per group. A figure without data is {@code null}, not 0.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#SLA_READ}
   */
  public SpeedToLeadReport speedToLead(Actor actor, SpeedToLeadQuery query) {
    return speedToLead.report(actor, query);
  }

  /**
   * What slowness costs over the query's range ({@code groupBy} plays no part): the first lead of
   * each thread whose first-response clock started in it, counted won, lost and open per bucket of
   * the wall time to the first human reply (under 5 minutes, 5–30 minutes, 30 minutes–2 hours, over
   * 2 hours, no reply yet), each with its win rate, {@code null} when none of its leads is closed.
   *
   * <pre>{@code
   * WinRateReport r = omniFlow.sla().winRateByFirstResponse(owner, query);
   * }</pre>
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#SLA_READ}
   */
  public WinRateReport winRateByFirstResponse(Actor actor, SpeedToLeadQuery query) {
    return speedToLead.winRate(actor, query);
  }
}
