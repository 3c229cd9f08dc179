package ai.omniflow.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.ScoreBand;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.FirstResponse;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.store.spi.SlaClockKeepingRepository;
import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The clock keeping's repository: a thread's clock locked with what a message that moves it needs
 * (the policy or the pack, the assignee's calendars, the open lead's band) and nothing more for one
 * it leaves as it is, and a moved clock saved with its steps and its first response (decision
 * 0100). Not API: {@link StoreCompatibilityKit} runs it as a nested suite.
 */
abstract class SlaClockKeepingSuite extends StoreSuite {
  private UUID thread(Actor a) {
    UUID contactId = newContact(a, T0).id();
    UUID id = UUID.randomUUID();
    InboxThread open = openThread(a, id, contactId, Channel.INSTAGRAM_DM, "dm:ig:" + id, T0);
    write(a, tx -> tx.inbox().insertThread(open));
    return id;
  }

  private UUID contactOf(Actor a, UUID thread) {
    return store().inTransaction(a, tx -> tx.inbox().findThread(thread).orElseThrow().contactId());
  }

  /** An org-wide calendar named "Office", with an id of its own. */
  private static SlaCalendar office(BusinessCalendar calendar) {
    return new SlaCalendar(UUID.randomUUID(), "Office", SlaCalendar.Scope.org(), calendar);
  }

  private Optional<ThreadClock> find(Actor a, UUID thread) {
    return store().inTransaction(a, tx -> tx.slaClocks().find(thread));
  }

  private List<SlaStep> steps(Actor a, UUID thread) {
    return store().inTransaction(a, tx -> tx.slaClocks().steps(thread));
  }

  private Optional<FirstResponse> response(Actor a, UUID thread) {
    return store().inTransaction(a, tx -> tx.slaMetrics().find(thread));
  }

  private SlaClockKeepingRepository.Locked locked(Actor a, SlaClockKeepingRepository.Ask ask) {
    return store().inTransaction(a, tx -> tx.slaClockKeeping().lock(ask));
  }

  private static SlaClockKeepingRepository.Ask ask(
      UUID thread, UUID contact, boolean movesNone, Set<ThreadClock.Phase> moves, boolean reads) {
    return new SlaClockKeepingRepository.Ask(thread, movesNone, moves, reads, reads, null, contact);
  }

  @Test
  void aClockLockedForAMessageThatMovesItComesWithThePolicyTheCalendarsAndTheOpenLeadsBand() {
    Actor a = newOrg();
    Lead lead = newLead(a, T0, c -> openLead(a, c.id(), null, Channel.SMS, T0).withScore(75, T0));
    UUID t = UUID.randomUUID();
    SlaPolicy policy = SlaSuite.policy();
    SlaCalendar office = office(SlaSuite.calendar("America/New_York"));
    write(
        a,
        tx -> {
          tx.inbox()
              .insertThread(
                  openThread(a, t, lead.contactId(), Channel.INSTAGRAM_DM, "dm:ig:" + t, T0));
          tx.sla().savePolicy(policy);
          tx.sla().insertCalendar(office);
        });

    // No clock yet, and a message that starts one: everything asked for.
    SlaClockKeepingRepository.Locked none =
        locked(a, ask(t, lead.contactId(), true, Set.of(ThreadClock.Phase.STOPPED), true));
    assertThat(none)
        .isEqualTo(
            new SlaClockKeepingRepository.Locked(
                null, true, policy, null, List.of(office), ScoreBand.HOT));

    ThreadClock clock = SlaClockSuite.running(t);
    write(a, tx -> tx.slaClocks().save(clock));
    // A running clock the message leaves as it is: the clock alone.
    SlaClockKeepingRepository.Locked asIs =
        locked(a, ask(t, lead.contactId(), true, Set.of(ThreadClock.Phase.STOPPED), true));
    assertThat(asIs)
        .isEqualTo(new SlaClockKeepingRepository.Locked(clock, false, null, null, List.of(), null));
    // A running clock the message moves: no band (it does not start), and only what was asked.
    SlaClockKeepingRepository.Locked moved =
        locked(a, ask(t, lead.contactId(), false, Set.of(ThreadClock.Phase.RUNNING), false));
    assertThat(moved)
        .isEqualTo(new SlaClockKeepingRepository.Locked(clock, true, null, null, List.of(), null));
    Actor b = newOrg();
    SlaClockKeepingRepository.Locked elsewhere =
        locked(b, ask(t, lead.contactId(), false, Set.of(ThreadClock.Phase.RUNNING), false));
    assertThat(elsewhere.clock()).isNull();
  }

  @Test
  void aClockLockedAfterThePolicyAndACalendarChangedComesWithTheNewOnes() {
    Actor a = newOrg();
    UUID t = thread(a);
    UUID contact = contactOf(a, t);
    SlaPolicy first = SlaSuite.policy();
    SlaCalendar office = office(SlaSuite.calendar("America/New_York"));
    write(
        a,
        tx -> {
          tx.sla().savePolicy(first);
          tx.sla().insertCalendar(office);
        });
    SlaClockKeepingRepository.Ask ask = ask(t, contact, true, Set.of(), true);
    assertThat(locked(a, ask))
        .isEqualTo(
            new SlaClockKeepingRepository.Locked(null, true, first, null, List.of(office), null));

    // A store may keep what it parsed, but never past a change: the next lock reads the new ones.
    SlaPolicy second =
        new SlaPolicy(
            first.targets(), 0.5, first.businessHoursOnly(), first.pauseWhileWaiting(), List.of());
    SlaCalendar moved =
        new SlaCalendar(
            office.id(), office.name(), office.scope(), SlaSuite.calendar("Europe/Paris"));
    write(
        a,
        tx -> {
          tx.sla().savePolicy(second);
          tx.sla().updateCalendar(moved);
        });
    assertThat(locked(a, ask))
        .isEqualTo(
            new SlaClockKeepingRepository.Locked(null, true, second, null, List.of(moved), null));
    // Another org with the very same policy and calendar gets its own calendar back.
    Actor b = newOrg();
    UUID tb = thread(b);
    UUID contactB = contactOf(b, tb);
    SlaCalendar itsOffice =
        new SlaCalendar(UUID.randomUUID(), "Office", SlaCalendar.Scope.org(), moved.calendar());
    write(
        b,
        tx -> {
          tx.sla().savePolicy(second);
          tx.sla().insertCalendar(itsOffice);
        });
    assertThat(locked(b, ask(tb, contactB, true, Set.of(), true)).calendars())
        .containsExactly(itsOffice);
  }

  @Test
  void aClockLockedInAnOrgWithoutItsOwnPolicyComesWithTheOrgsPack() {
    Actor a = newOrg();
    write(
        a, tx -> tx.orgs().update(tx.orgs().current().orElseThrow().withPack("real-estate", "1")));
    UUID t = thread(a);
    UUID contact = contactOf(a, t);
    SlaClockKeepingRepository.Locked locked = locked(a, ask(t, contact, true, Set.of(), true));
    assertThat(locked)
        .isEqualTo(
            new SlaClockKeepingRepository.Locked(null, true, null, "real-estate", List.of(), null));
  }

  @Test
  void aClockSavedWithItsFirstResponseReadsBackWithItsStepsAndTheResponse() {
    Actor a = newOrg();
    UUID t = thread(a);
    ThreadClock clock = SlaClockSuite.running(t);
    SlaStep breach = new SlaStep(a.orgId(), t, T0, SlaStep.BREACH, T0.plusSeconds(3600));
    FirstResponse response = FirstResponse.of(clock, Channel.INSTAGRAM_DM.id(), a.userId());
    write(a, tx -> tx.slaClockKeeping().save(clock, List.of(breach), response));
    assertThat(find(a, t)).contains(clock);
    assertThat(steps(a, t)).containsExactly(breach);
    assertThat(response(a, t)).contains(response);

    ThreadClock later =
        new ThreadClock(
            t,
            SlaReading.Clock.FIRST_RESPONSE,
            ThreadClock.Phase.RUNNING,
            T0,
            T0,
            Duration.ofHours(2),
            Duration.ZERO,
            false,
            T0.plus(Duration.ofMinutes(90)),
            T0.plus(Duration.ofHours(2)),
            null,
            false,
            0);
    write(a, tx -> tx.slaClockKeeping().save(later, List.of(), null));
    assertThat(find(a, t)).contains(later);
    assertThat(steps(a, t)).isEmpty();
    assertThat(response(a, t)).contains(response);
    UUID other = thread(a);
    assertThatThrownBy(
            () ->
                write(
                    a,
                    tx ->
                        tx.slaClockKeeping()
                            .save(
                                later,
                                List.of(),
                                FirstResponse.of(
                                    SlaClockSuite.running(other),
                                    Channel.INSTAGRAM_DM.id(),
                                    null))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
