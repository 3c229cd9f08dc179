package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaState;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.SlaThreadQuery;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SLA clock repository: one clock per thread, read back equal and only in its org, and the
 * clock's scheduled steps replaced as a whole, committed or rolled back with the transaction. Not
 * API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class SlaClockSuite extends StoreSuite {
  private UUID thread(Actor a) {
    return thread(a, ThreadStatus.OPEN);
  }

  private UUID thread(Actor a, ThreadStatus status) {
    UUID contactId = newContact(a, T0).id();
    UUID id = UUID.randomUUID();
    InboxThread open = openThread(a, id, contactId, Channel.INSTAGRAM_DM, "dm:ig:" + id, T0);
    write(a, tx -> tx.inbox().insertThread(open.withStatus(status, T0)));
    return id;
  }

  /**
   * A first-response clock of {@code thread} running since {@code T0}: one hour, warned at 45
   * minutes.
   */
  static ThreadClock running(UUID thread) {
    return new ThreadClock(
        thread,
        SlaReading.Clock.FIRST_RESPONSE,
        ThreadClock.Phase.RUNNING,
        T0,
        T0,
        Duration.ofHours(1),
        Duration.ZERO,
        false,
        T0.plus(Duration.ofMinutes(45)),
        T0.plus(Duration.ofHours(1)),
        null,
        false,
        0);
  }

  private Optional<ThreadClock> find(Actor a, UUID thread) {
    return store().inTransaction(a, tx -> tx.slaClocks().find(thread));
  }

  private List<SlaStep> steps(Actor a, UUID thread) {
    return store().inTransaction(a, tx -> tx.slaClocks().steps(thread));
  }

  @Test
  void aThreadsClockReadsBackAsSavedIsReplacedAndStaysInItsOrg() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID t = thread(a);
    ThreadClock first = running(t);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().save(first);
              return null;
            });
    assertThat(find(a, t)).contains(first);
    Optional<ThreadClock> locked = store().inTransaction(a, tx -> tx.slaClocks().lock(t));
    assertThat(locked).contains(first);
    assertThat(find(b, t)).isEmpty();

    ThreadClock stopped =
        new ThreadClock(
            t,
            SlaReading.Clock.FIRST_RESPONSE,
            ThreadClock.Phase.STOPPED,
            T0,
            T0,
            Duration.ofHours(1),
            Duration.ZERO,
            false,
            null,
            T0.plus(Duration.ofHours(1)),
            T0.plus(Duration.ofMinutes(20)),
            false,
            1);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().save(stopped);
              return null;
            });
    assertThat(find(a, t)).contains(stopped);
    Map<UUID, ThreadClock> many =
        store().inTransaction(a, tx -> tx.slaClocks().find(List.of(t, UUID.randomUUID())));
    assertThat(many).containsExactly(Map.entry(t, stopped));
    Map<UUID, ThreadClock> elsewhere =
        store().inTransaction(b, tx -> tx.slaClocks().find(List.of(t)));
    assertThat(elsewhere).isEmpty();
  }

  @Test
  void aClocksStepsAreReplacedAsAWholeAndStayInTheirThread() {
    Actor a = newOrg();
    UUID t = thread(a);
    UUID other = thread(a);
    Instant start = T0;
    SlaStep warn = new SlaStep(a.orgId(), t, start, SlaStep.WARNING, T0.plusSeconds(2700));
    SlaStep breach = new SlaStep(a.orgId(), t, start, SlaStep.BREACH, T0.plusSeconds(3600));
    SlaStep elsewhere = new SlaStep(a.orgId(), other, start, SlaStep.BREACH, T0.plusSeconds(60));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().replaceSteps(t, List.of(breach, warn));
              tx.slaClocks().replaceSteps(other, List.of(elsewhere));
              return null;
            });
    assertThat(steps(a, t)).containsExactly(warn, breach);

    SlaStep later =
        new SlaStep(a.orgId(), t, T0.plusSeconds(10), SlaStep.BREACH, T0.plusSeconds(99));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().replaceSteps(t, List.of(later));
              return null;
            });
    assertThat(steps(a, t)).containsExactly(later);
    assertThat(steps(a, other)).containsExactly(elsewhere);

    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().replaceSteps(t, List.of());
              return null;
            });
    assertThat(steps(a, t)).isEmpty();
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        a,
                        tx -> {
                          tx.slaClocks().replaceSteps(t, List.of(elsewhere));
                          return null;
                        }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClockSavedWithItsStepsReadsBackWithThemAndMovesOnlyItsOwnThreadsSteps() {
    Actor a = newOrg();
    UUID t = thread(a);
    UUID other = thread(a);
    ThreadClock clock = running(t);
    SlaStep warn = new SlaStep(a.orgId(), t, T0, SlaStep.WARNING, T0.plusSeconds(2700));
    SlaStep breach = new SlaStep(a.orgId(), t, T0, SlaStep.BREACH, T0.plusSeconds(3600));
    SlaStep elsewhere = new SlaStep(a.orgId(), other, T0, SlaStep.BREACH, T0.plusSeconds(60));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().save(clock, List.of(breach, warn));
              tx.slaClocks().save(running(other), List.of(elsewhere));
              return null;
            });
    assertThat(find(a, t)).contains(clock);
    assertThat(steps(a, t)).containsExactly(warn, breach);

    // The breach moved later, the warning gone: the one step kept under its id at its new time.
    SlaStep moved = new SlaStep(a.orgId(), t, T0, SlaStep.BREACH, T0.plusSeconds(5400));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().save(clock, List.of(moved));
              return null;
            });
    assertThat(steps(a, t)).containsExactly(moved);
    assertThat(steps(a, other)).containsExactly(elsewhere);

    ThreadClock stopped =
        new ThreadClock(
            t,
            SlaReading.Clock.FIRST_RESPONSE,
            ThreadClock.Phase.STOPPED,
            T0,
            T0,
            Duration.ofHours(1),
            Duration.ofMinutes(20),
            false,
            null,
            null,
            T0.plus(Duration.ofMinutes(20)),
            false,
            0);
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().save(stopped, List.of());
              return null;
            });
    assertThat(find(a, t)).contains(stopped);
    assertThat(steps(a, t)).isEmpty();
    assertThat(steps(a, other)).containsExactly(elsewhere);

    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        a,
                        tx -> {
                          tx.slaClocks().save(clock, List.of(elsewhere));
                          return null;
                        }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(find(a, t)).contains(stopped);
    assertThat(steps(a, t)).isEmpty();
  }

  @Test
  void stepsFinishedLeaveTheScheduleOnlyWhenTheirTransactionCommits() {
    Actor a = newOrg();
    UUID t = thread(a);
    SlaStep warn = new SlaStep(a.orgId(), t, T0, SlaStep.WARNING, T0.plusSeconds(2700));
    SlaStep breach = new SlaStep(a.orgId(), t, T0, SlaStep.BREACH, T0.plusSeconds(3600));
    SlaStep escalation =
        new SlaStep(a.orgId(), t, T0, SlaStep.FIRST_ESCALATION, T0.plusSeconds(3600));
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().replaceSteps(t, List.of(warn, breach, escalation));
              return null;
            });
    assertThat(steps(a, t)).containsExactly(warn, breach, escalation);
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        a,
                        tx -> {
                          tx.slaClocks().finishSteps(List.of(breach, escalation));
                          throw new Boom();
                        }))
        .isInstanceOf(Boom.class);
    assertThat(steps(a, t)).containsExactly(warn, breach, escalation);

    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().finishSteps(List.of(breach, escalation));
              tx.slaClocks().finishSteps(List.of(breach, escalation));
              return null;
            });
    assertThat(steps(a, t)).containsExactly(warn);
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        a,
                        tx -> {
                          tx.slaClocks().finishSteps(List.of());
                          return null;
                        }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dueExecutionsAreClaimedEarliestFirstAndFinishedOrRescheduledTogether() {
    Actor a = newOrg();
    Actor b = newOrg();
    UUID t = thread(a);
    UUID u = thread(a);
    UUID elsewhere = thread(b);
    SlaStep warnT = new SlaStep(a.orgId(), t, T0, SlaStep.WARNING, T0.plusSeconds(2700));
    SlaStep breachT = new SlaStep(a.orgId(), t, T0, SlaStep.BREACH, T0.plusSeconds(3600));
    SlaStep escalationT =
        new SlaStep(a.orgId(), t, T0, SlaStep.FIRST_ESCALATION, T0.plusSeconds(3600));
    SlaStep warnU = new SlaStep(a.orgId(), u, T0, SlaStep.WARNING, T0.plusSeconds(2600));
    SlaStep breachU = new SlaStep(a.orgId(), u, T0, SlaStep.BREACH, T0.plusSeconds(5000));
    SlaStep warnB = new SlaStep(b.orgId(), elsewhere, T0, SlaStep.WARNING, T0.plusSeconds(100));
    write(
        a,
        tx -> {
          tx.slaClocks().save(running(t));
          tx.slaClocks().save(running(u));
          tx.slaClocks().replaceSteps(t, List.of(warnT, breachT, escalationT));
          tx.slaClocks().replaceSteps(u, List.of(warnU, breachU));
        });
    write(
        b,
        tx -> {
          tx.slaClocks().save(running(elsewhere));
          tx.slaClocks().replaceSteps(elsewhere, List.of(warnB));
        });
    Instant now = T0.plusSeconds(3600);
    List<List<SlaStep>> due =
        store().inTransaction(a, tx -> tx.slaClocks().claimDueSteps(now, 100));
    List<List<SlaStep>> firstTwo =
        store().inTransaction(a, tx -> tx.slaClocks().claimDueSteps(now, 2));
    Set<UUID> available =
        store()
            .inTransaction(a, tx -> tx.slaClocks().lockAvailable(List.of(t, u, elsewhere)))
            .keySet();

    assertThat(due).containsExactly(List.of(warnU), List.of(warnT), List.of(breachT, escalationT));
    assertThat(firstTwo).containsExactly(List.of(warnU), List.of(warnT));
    assertThat(available).containsExactlyInAnyOrder(t, u);

    Instant moved = T0.plusSeconds(4000);
    write(
        a,
        tx -> {
          List<List<SlaStep>> claimed = tx.slaClocks().claimDueSteps(now, 100);
          tx.slaClocks().finishAll(claimed.subList(0, 2));
          tx.slaClocks().rescheduleSteps(claimed.get(2), moved);
        });
    assertThat(steps(a, t))
        .containsExactly(
            new SlaStep(a.orgId(), t, T0, SlaStep.BREACH, moved),
            new SlaStep(a.orgId(), t, T0, SlaStep.FIRST_ESCALATION, moved));
    assertThat(steps(a, u)).containsExactly(breachU);
    assertThat(steps(b, elsewhere)).containsExactly(warnB);
    assertThatThrownBy(() -> store().inTransaction(a, tx -> tx.slaClocks().claimDueSteps(now, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClockAndItsStepsRollBackWithTheTransaction() {
    Actor a = newOrg();
    UUID t = thread(a);
    SlaStep breach = new SlaStep(a.orgId(), t, T0, SlaStep.BREACH, T0.plusSeconds(3600));
    assertThatThrownBy(
            () ->
                store()
                    .inTransaction(
                        a,
                        tx -> {
                          tx.slaClocks().save(running(t));
                          tx.slaClocks().replaceSteps(t, List.of(breach));
                          throw new Boom();
                        }))
        .isInstanceOf(Boom.class);
    assertThat(find(a, t)).isEmpty();
    assertThat(steps(a, t)).isEmpty();
  }

  private static final Duration HOUR = Duration.ofHours(1);
  private static final double THRESHOLD = 0.75;

  private static ThreadClock clock(
      UUID thread,
      ThreadClock.Phase phase,
      Duration used,
      Instant warnAt,
      Instant dueAt,
      Instant stoppedAt,
      boolean breached) {
    return new ThreadClock(
        thread,
        SlaReading.Clock.FIRST_RESPONSE,
        phase,
        T0,
        T0,
        HOUR,
        used,
        false,
        warnAt,
        dueAt,
        stoppedAt,
        breached,
        0);
  }

  private void save(Actor a, ThreadClock c) {
    store()
        .inTransaction(
            a,
            tx -> {
              tx.slaClocks().save(c);
              return null;
            });
  }

  private Page<InboxThread> listed(
      Actor a, ThreadFilter filter, SlaThreadQuery query, Instant now, PageRequest page) {
    return store()
        .inTransaction(a, tx -> tx.slaClocks().threads(filter, query, now, THRESHOLD, page));
  }

  private List<UUID> ids(Page<InboxThread> page) {
    return page.items().stream().map(InboxThread::id).toList();
  }

  @Test
  void threadsAreFilteredByTheStateTheirClockReadsAtTheGivenInstant() {
    Actor a = newOrg();
    Instant now = T0.plus(Duration.ofMinutes(50));
    Duration warning = Duration.ofMinutes(45);
    Map<UUID, SlaState> expected = new LinkedHashMap<>();
    Map<UUID, ThreadClock> clocks = new LinkedHashMap<>();
    ThreadClock.Phase run = ThreadClock.Phase.RUNNING;
    ThreadClock.Phase pause = ThreadClock.Phase.PAUSED;
    ThreadClock.Phase stop = ThreadClock.Phase.STOPPED;
    Object[][] cases = {
      // phase, used, warn at, due at, stopped at, breached, state at now
      {run, Duration.ZERO, now.plusSeconds(60), now.plusSeconds(900), null, false, "on_track"},
      {run, Duration.ZERO, now, now.plusSeconds(600), null, false, "at_risk"},
      {run, Duration.ZERO, now.minusSeconds(300), now, null, false, "at_risk"},
      {run, Duration.ZERO, now.minusSeconds(900), now.minusNanos(1000), null, false, "breached"},
      {run, Duration.ZERO, null, null, null, false, "on_track"},
      {pause, warning, null, null, null, false, "at_risk"},
      {pause, warning.minusNanos(1000), null, null, null, false, "on_track"},
      {pause, HOUR, null, T0.plus(HOUR), null, true, "breached"},
      {stop, Duration.ofMinutes(20), null, T0.plus(HOUR), T0.plusSeconds(1200), false, "met"},
      {stop, HOUR, null, T0.plus(HOUR), T0.plusSeconds(4000), true, "breached"},
    };
    for (Object[] c : cases) {
      UUID t = thread(a);
      ThreadClock k =
          clock(
              t,
              (ThreadClock.Phase) c[0],
              (Duration) c[1],
              (Instant) c[2],
              (Instant) c[3],
              (Instant) c[4],
              (Boolean) c[5]);
      save(a, k);
      clocks.put(t, k);
      expected.put(t, SlaState.ofWireName((String) c[6]).orElseThrow());
    }
    UUID none = thread(a);
    expected.put(none, SlaState.NONE);
    UUID closedBreached = thread(a, ThreadStatus.CLOSED);
    save(a, clock(closedBreached, run, Duration.ZERO, T0, now.minusSeconds(1), null, false));
    expected.put(closedBreached, SlaState.BREACHED);

    // The stored clock's own reading agrees with the table above.
    clocks.forEach(
        (t, k) -> assertThat(k.state(now, THRESHOLD)).as("%s", k).isEqualTo(expected.get(t)));
    PageRequest all = PageRequest.of(200, 0);
    for (SlaState state : SlaState.values()) {
      Page<InboxThread> page =
          listed(
              a,
              ThreadFilter.ALL,
              new SlaThreadQuery(Set.of(state), SlaThreadQuery.Sort.LATEST_ACTIVITY),
              now,
              all);
      List<UUID> want =
          expected.entrySet().stream()
              .filter(e -> e.getValue() == state)
              .map(Map.Entry::getKey)
              .toList();
      assertThat(ids(page)).as("%s", state).containsExactlyInAnyOrderElementsOf(want);
      assertThat(page.total()).isEqualTo(want.size());
    }
    Page<InboxThread> urgentOpen =
        listed(
            a,
            ThreadFilter.ALL.withStatus(ThreadStatus.OPEN),
            new SlaThreadQuery(
                Set.of(SlaState.AT_RISK, SlaState.BREACHED), SlaThreadQuery.Sort.LATEST_ACTIVITY),
            now,
            all);
    assertThat(urgentOpen.total()).isEqualTo(6);
    assertThat(ids(urgentOpen)).doesNotContain(closedBreached);
    assertThat(listed(a, ThreadFilter.ALL, SlaThreadQuery.ANY, now, all).total())
        .isEqualTo(expected.size());
    // A minute earlier, the clock due at 'now' is not yet at risk nor breached.
    UUID dueNow = new ArrayList<>(clocks.keySet()).get(2);
    assertThat(
            ids(
                listed(
                    a,
                    ThreadFilter.ALL,
                    new SlaThreadQuery(
                        Set.of(SlaState.ON_TRACK), SlaThreadQuery.Sort.LATEST_ACTIVITY),
                    now.minusSeconds(600),
                    all)))
        .contains(dueNow);
    // Another org sees none of them.
    Actor b = newOrg();
    assertThat(
            listed(
                    b,
                    ThreadFilter.ALL,
                    new SlaThreadQuery(Set.of(SlaState.BREACHED), SlaThreadQuery.Sort.SLA_DUE),
                    now,
                    all)
                .total())
        .isZero();
  }

  /** An open lead on {@code thread} (or on none) created at {@code at}. */
  private UUID lead(Actor a, @org.jspecify.annotations.Nullable UUID thread, Instant at) {
    return newLead(a, at, c -> openLead(a, c.id(), thread, Channel.INSTAGRAM_DM, at)).id();
  }

  private List<UUID> leads(
      Actor a, ai.omniflow.leads.LeadFilter filter, Set<SlaState> states, Instant now) {
    Page<ai.omniflow.leads.Lead> page =
        store()
            .inTransaction(
                a,
                tx -> tx.slaClocks().leads(filter, states, now, THRESHOLD, PageRequest.of(200, 0)));
    assertThat(page.total()).isEqualTo(page.items().size());
    return page.items().stream().map(ai.omniflow.leads.Lead::id).toList();
  }

  @Test
  void leadsAreFilteredByTheStateOfTheirThreadsFirstResponseClockNewestFirst() {
    Actor a = newOrg();
    Instant now = T0.plus(Duration.ofMinutes(50));
    ThreadClock.Phase run = ThreadClock.Phase.RUNNING;
    UUID atRiskThread = thread(a);
    save(
        a,
        clock(
            atRiskThread,
            run,
            Duration.ZERO,
            now.minusSeconds(60),
            now.plusSeconds(600),
            null,
            false));
    UUID breachedThread = thread(a);
    save(a, clock(breachedThread, run, Duration.ZERO, T0, now.minusSeconds(1), null, false));
    UUID nextResponseThread = thread(a);
    ThreadClock breachedNext =
        clock(nextResponseThread, run, Duration.ZERO, T0, now.minusSeconds(1), null, false);
    save(
        a,
        new ThreadClock(
            nextResponseThread,
            SlaReading.Clock.NEXT_RESPONSE,
            breachedNext.phase(),
            breachedNext.startedAt(),
            breachedNext.runningSince(),
            breachedNext.window(),
            breachedNext.used(),
            breachedNext.wallTime(),
            breachedNext.warnAt(),
            breachedNext.dueAt(),
            breachedNext.stoppedAt(),
            breachedNext.breached(),
            breachedNext.fired()));
    UUID noClockThread = thread(a);
    UUID atRisk = lead(a, atRiskThread, T0.plusSeconds(1));
    UUID breached = lead(a, breachedThread, T0.plusSeconds(2));
    UUID nextResponse = lead(a, nextResponseThread, T0.plusSeconds(3));
    UUID noClock = lead(a, noClockThread, T0.plusSeconds(4));
    UUID noThread = lead(a, null, T0.plusSeconds(5));
    ai.omniflow.leads.LeadFilter all = ai.omniflow.leads.LeadFilter.ALL;

    assertThat(leads(a, all, Set.of(SlaState.AT_RISK, SlaState.BREACHED), now))
        .containsExactly(breached, atRisk);
    assertThat(leads(a, all, Set.of(SlaState.BREACHED), now)).containsExactly(breached);
    // A next-response clock is not a lead's first response: the lead reads as having none.
    assertThat(leads(a, all, Set.of(SlaState.NONE), now))
        .containsExactly(noThread, noClock, nextResponse);
    assertThat(leads(a, all, Set.of(), now))
        .containsExactly(noThread, noClock, nextResponse, breached, atRisk);
    // Ten minutes earlier the at-risk clock was on track; the leads' own filter still applies.
    assertThat(leads(a, all, Set.of(SlaState.ON_TRACK), now.minusSeconds(600)))
        .containsExactly(atRisk);
    assertThat(
            leads(
                a,
                new ai.omniflow.leads.LeadFilter("won", null, null, null, null, false),
                Set.of(SlaState.BREACHED),
                now))
        .isEmpty();
    assertThat(leads(newOrg(), all, Set.of(SlaState.BREACHED), now)).isEmpty();
  }

  @Test
  void threadsSortBySoonestDueOpenClockFirstAndTheRestLastByID() {
    Actor a = newOrg();
    Instant now = T0.plus(Duration.ofMinutes(10));
    ThreadClock.Phase run = ThreadClock.Phase.RUNNING;
    UUID later = thread(a);
    save(
        a,
        clock(later, run, Duration.ZERO, T0.plusSeconds(5400), T0.plusSeconds(7200), null, false));
    UUID sooner = thread(a);
    save(a, clock(sooner, run, Duration.ZERO, T0.plusSeconds(2700), T0.plus(HOUR), null, false));
    UUID overdue = thread(a);
    save(a, clock(overdue, ThreadClock.Phase.PAUSED, HOUR, null, T0.plusSeconds(60), null, true));
    List<UUID> rest = new ArrayList<>();
    UUID stopped = thread(a);
    save(
        a,
        clock(
            stopped,
            ThreadClock.Phase.STOPPED,
            Duration.ofMinutes(5),
            null,
            T0.plusSeconds(300),
            T0.plusSeconds(30),
            false));
    rest.add(stopped);
    UUID waiting = thread(a);
    save(
        a,
        clock(waiting, ThreadClock.Phase.PAUSED, Duration.ofMinutes(5), null, null, null, false));
    rest.add(waiting);
    rest.add(thread(a));
    rest.add(thread(a));
    // PostgreSQL orders uuids byte by byte, as their lower-case text sorts.
    rest.sort(Comparator.comparing(UUID::toString));
    List<UUID> want = new ArrayList<>(List.of(overdue, sooner, later));
    want.addAll(rest);

    SlaThreadQuery byDue = new SlaThreadQuery(Set.of(), SlaThreadQuery.Sort.SLA_DUE);
    Page<InboxThread> first = listed(a, ThreadFilter.ALL, byDue, now, PageRequest.of(4, 0));
    assertThat(ids(first)).containsExactlyElementsOf(want.subList(0, 4));
    assertThat(first.total()).isEqualTo(want.size());
    assertThat(ids(listed(a, ThreadFilter.ALL, byDue, now, PageRequest.of(4, 4))))
        .containsExactlyElementsOf(want.subList(4, want.size()));
    SlaThreadQuery openByDue =
        new SlaThreadQuery(
            Set.of(SlaState.ON_TRACK, SlaState.AT_RISK, SlaState.BREACHED),
            SlaThreadQuery.Sort.SLA_DUE);
    assertThat(ids(listed(a, ThreadFilter.ALL, openByDue, now, PageRequest.first())))
        .containsExactly(overdue, sooner, later, waiting);
  }
}
