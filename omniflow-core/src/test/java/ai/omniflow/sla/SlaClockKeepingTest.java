package ai.omniflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.internal.SlaClocksWithin;
import ai.omniflow.sla.spi.Notifier;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stored SLA clocks")
class SlaClockKeepingTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-06T21:30:00Z"));
  private final InMemoryStore store = new InMemoryStore();
  private final List<Notifier.Escalation> notified = new CopyOnWriteArrayList<>();
  private final OmniFlow omniFlow =
      OmniFlow.builder().store(store).clock(clock).slaNotifier(notified::add).build();
  private final Actor owner;

  SlaClockKeepingTest() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    omniFlow.tenancy().createOrg(org, "Org", u);
    owner = Actor.of(org, u.id(), Role.OWNER);
  }

  private IngestResult ingest(String key, Instant at) {
    return omniFlow
        .inbox()
        .ingest(
            Actor.system(owner.orgId()),
            null,
            new InboundEvent.Message(
                key,
                "page-1",
                Channel.INSTAGRAM_DM,
                "pm-" + key,
                Sender.ofHandle("ana"),
                "hi",
                at,
                Referral.NONE));
  }

  private ThreadClock stored(UUID thread) {
    return store.inTransaction(owner, tx -> tx.slaClocks().find(thread)).orElseThrow();
  }

  private List<SlaStep> steps(UUID thread) {
    return store.inTransaction(owner, tx -> tx.slaClocks().steps(thread));
  }

  private List<String> slaEvents() {
    return omniFlow.events().list(owner, PageRequest.first()).items().stream()
        .map(DomainEvent::type)
        .filter(t -> t.startsWith("sla.clock") || t.equals("sla.escalated"))
        .toList();
  }

  private void officeAndPolicy() {
    omniFlow
        .sla()
        .createCalendar(
            owner,
            new SlaCalendar(
                UUID.randomUUID(),
                "Office",
                SlaCalendar.Scope.org(),
                BusinessCalendar.weekdays(
                    java.time.ZoneId.of("America/New_York"),
                    java.time.LocalTime.of(9, 0),
                    java.time.LocalTime.of(17, 0))));
    omniFlow
        .sla()
        .replaceConfig(
            owner,
            new SlaPolicy(
                List.of(SlaTarget.everywhere(Duration.ofHours(1))),
                0.75,
                true,
                false,
                List.of(
                    EscalationStep.onWarning(Duration.ZERO, EscalationStep.Action.NOTIFY_ASSIGNEE),
                    EscalationStep.onBreach(
                        Duration.ofMinutes(30), EscalationStep.Action.MOVE_TO_POND))));
  }

  @Test
  @DisplayName(
      "an inbound message starts the thread's clock on the org's calendar and schedules its steps"
          + " in the same transaction, across a weekend and a DST change")
  void inboundStartsTheClock() {
    officeAndPolicy();
    Instant friday = Instant.parse("2026-03-06T21:30:00Z"); // 16:30 EST
    IngestResult r = ingest("k1", friday);

    ThreadClock c = stored(r.threadId());
    assertThat(c.phase()).isEqualTo(ThreadClock.Phase.RUNNING);
    assertThat(c.kind()).isEqualTo(SlaReading.Clock.FIRST_RESPONSE);
    assertThat(c.startedAt()).isEqualTo(friday);
    assertThat(c.dueAt()).isEqualTo(Instant.parse("2026-03-09T13:30:00Z")); // Mon 09:30 EDT
    assertThat(c.warnAt()).isEqualTo(Instant.parse("2026-03-09T13:15:00Z"));
    assertThat(steps(r.threadId()))
        .extracting(SlaStep::index, SlaStep::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, c.warnAt()),
            org.assertj.core.groups.Tuple.tuple(2, c.warnAt()),
            org.assertj.core.groups.Tuple.tuple(1, c.dueAt()),
            org.assertj.core.groups.Tuple.tuple(3, c.dueAt().plus(Duration.ofMinutes(30))));

    // A second message while the clock runs changes nothing.
    ingest("k2", friday.plusSeconds(60));
    assertThat(stored(r.threadId())).isEqualTo(c);
    Map<UUID, ThreadSla> listed = omniFlow.sla().threadClocks(owner, List.of(r.threadId()));
    assertThat(listed.get(r.threadId()).reading().state()).isEqualTo(SlaState.ON_TRACK);
    assertThat(listed.get(r.threadId()).reading().businessSecondsLeft()).isEqualTo(3600L);
  }

  @Test
  @DisplayName(
      "the clock keeping the SLA service hands out moves a thread's clock in the caller's"
          + " transaction, as a reply sent through the inbox does: it stops and its steps go")
  void handedOutClockKeepingMovesTheClock() {
    officeAndPolicy();
    IngestResult r = ingest("k1", clock.instant());
    assertThat(steps(r.threadId())).isNotEmpty();
    SlaClocksWithin keeping = omniFlow.sla().clockKeeping();

    clock.set(clock.instant().plusSeconds(60));
    store.useTransaction(
        Actor.system(owner.orgId()),
        tx ->
            keeping.message(
                tx,
                tx.inbox().findThread(r.threadId()).orElseThrow(),
                clock.instant(),
                SlaClocksWithin.Kind.HUMAN_REPLY));

    assertThat(stored(r.threadId()).phase()).isEqualTo(ThreadClock.Phase.STOPPED);
    assertThat(steps(r.threadId())).isEmpty();
  }

  @Test
  @DisplayName(
      "each step runs once at its time, records its event, notifies after the commit, and does"
          + " nothing when run again")
  void stepsRunOnce() {
    officeAndPolicy();
    IngestResult r = ingest("k1", clock.instant());
    List<SlaStep> steps = steps(r.threadId());
    SlaStep warning = steps.get(0);

    assertThat(omniFlow.sla().runStep(warning)).isEqualTo(new SlaStepOutcome.Later(warning.at()));
    clock.set(warning.at());
    assertThat(omniFlow.sla().runStep(warning)).isEqualTo(new SlaStepOutcome.Done(0));
    assertThat(omniFlow.sla().runStep(warning)).isEqualTo(new SlaStepOutcome.Nothing());
    SlaStep notify = steps.get(1);
    assertThat(omniFlow.sla().runStep(notify)).isEqualTo(new SlaStepOutcome.Done(2));
    assertThat(omniFlow.sla().runStep(notify)).isEqualTo(new SlaStepOutcome.Nothing());
    assertThat(notified)
        .singleElement()
        .satisfies(n -> assertThat(n.action()).isEqualTo(EscalationStep.Action.NOTIFY_ASSIGNEE));
    assertThat(slaEvents()).containsExactlyInAnyOrder("sla.clock_at_risk", "sla.escalated");
    assertThat(stored(r.threadId()).fired()).isEqualTo(0b101);

    // A step of an earlier clock of the thread does nothing.
    SlaStep stale =
        new SlaStep(
            owner.orgId(), r.threadId(), warning.clockStart().minusSeconds(1), 1, warning.at());
    clock.set(Instant.parse("2026-03-10T00:00:00Z"));
    assertThat(omniFlow.sla().runStep(stale)).isEqualTo(new SlaStepOutcome.Nothing());
    assertThat(omniFlow.sla().runStep(steps.get(2))).isEqualTo(new SlaStepOutcome.Done(1));
    assertThat(slaEvents()).contains("sla.clock_breached");
  }

  @Test
  @DisplayName(
      "steps due at one instant run as one execution: each recorded and notified once, off the"
          + " schedule with the commit, and one whose time is still to come left for then")
  void stepsDueAtOneInstantRunTogether() {
    officeAndPolicy();
    IngestResult r = ingest("k1", clock.instant());
    List<List<SlaStep>> executions = SlaStep.byInstant(steps(r.threadId()));
    assertThat(executions).extracting(List::size).containsExactly(2, 1, 1);
    List<SlaStep> warning = executions.get(0);
    Instant warnAt = warning.get(0).at();
    assertThat(SlaStep.instanceId(warning)).endsWith("/0+2");
    assertThat(SlaStep.parseAll(SlaStep.instanceId(warning), warnAt)).isEqualTo(warning);

    assertThat(omniFlow.sla().runSteps(warning)).isEqualTo(new SlaStepOutcome.Later(warnAt));
    clock.set(warnAt);
    assertThat(omniFlow.sla().runSteps(warning)).isEqualTo(new SlaStepOutcome.Done(0));
    assertThat(omniFlow.sla().runSteps(warning)).isEqualTo(new SlaStepOutcome.Nothing());
    assertThat(notified)
        .singleElement()
        .satisfies(n -> assertThat(n.action()).isEqualTo(EscalationStep.Action.NOTIFY_ASSIGNEE));
    assertThat(slaEvents()).containsExactlyInAnyOrder("sla.clock_at_risk", "sla.escalated");
    assertThat(stored(r.threadId()).fired()).isEqualTo(0b101);
    assertThat(steps(r.threadId())).extracting(SlaStep::index).containsExactly(1, 3);

    // The breach with the move to the pond, half an hour after it: at the breach, the breach is
    // done and the execution waits for the pond.
    List<SlaStep> breachAndPond = List.of(executions.get(1).get(0), executions.get(2).get(0));
    clock.set(breachAndPond.get(0).at());
    assertThat(omniFlow.sla().runSteps(breachAndPond))
        .isEqualTo(new SlaStepOutcome.Later(breachAndPond.get(1).at()));
    assertThat(stored(r.threadId()).fired()).isEqualTo(0b111);
    assertThat(steps(r.threadId())).extracting(SlaStep::index).containsExactly(1, 3);
    clock.set(breachAndPond.get(1).at());
    assertThat(omniFlow.sla().runSteps(breachAndPond)).isEqualTo(new SlaStepOutcome.Done(3));
    assertThat(steps(r.threadId())).isEmpty();
    assertThat(slaEvents())
        .containsExactlyInAnyOrder(
            "sla.clock_at_risk", "sla.escalated", "sla.clock_breached", "sla.escalated");
  }

  @Test
  @DisplayName(
      "a notifier that fails on the first escalation of an execution undoes nothing and the second"
          + " is still notified")
  void aFailingNotifierStopsNoOtherEscalation() {
    List<Notifier.Escalation> delivered = new CopyOnWriteArrayList<>();
    OmniFlow failing =
        OmniFlow.builder()
            .store(store)
            .clock(clock)
            .slaNotifier(
                n -> {
                  if (n.action() == EscalationStep.Action.NOTIFY_ASSIGNEE) {
                    throw new IllegalStateException("mail server down");
                  }
                  delivered.add(n);
                })
            .build();
    failing
        .sla()
        .replaceConfig(
            owner,
            new SlaPolicy(
                List.of(SlaTarget.everywhere(Duration.ofHours(1))),
                0.75,
                false,
                false,
                List.of(
                    EscalationStep.onBreach(Duration.ZERO, EscalationStep.Action.NOTIFY_ASSIGNEE),
                    EscalationStep.onBreach(Duration.ZERO, EscalationStep.Action.NOTIFY_MANAGER))));
    IngestResult r = ingest("k1", clock.instant());
    List<SlaStep> breach = SlaStep.byInstant(steps(r.threadId())).get(1);
    assertThat(breach).extracting(SlaStep::index).containsExactly(1, 2, 3);
    clock.set(breach.get(0).at());

    assertThat(failing.sla().runSteps(breach)).isEqualTo(new SlaStepOutcome.Done(1));
    assertThat(delivered)
        .singleElement()
        .satisfies(n -> assertThat(n.action()).isEqualTo(EscalationStep.Action.NOTIFY_MANAGER));
    assertThat(stored(r.threadId()).fired()).isEqualTo(0b1110);
    assertThat(steps(r.threadId())).extracting(SlaStep::index).containsExactly(0);
  }

  @Test
  @DisplayName("an execution id names each step once, in ascending order, or is refused")
  void executionIdsAreCanonical() {
    UUID thread = UUID.randomUUID();
    Instant start = Instant.parse("2026-03-06T21:30:00Z");
    Instant at = start.plusSeconds(3600);
    List<SlaStep> two =
        List.of(
            new SlaStep(owner.orgId(), thread, start, SlaStep.FIRST_ESCALATION, at),
            new SlaStep(owner.orgId(), thread, start, SlaStep.BREACH, at));
    String id = SlaStep.instanceId(two);
    assertThat(id).isEqualTo(SlaStep.prefix(owner.orgId(), thread) + "1772832600000000/1+2");
    assertThat(SlaStep.parseAll(id, at)).containsExactly(two.get(1), two.get(0));
    assertThat(SlaStep.parseAll(two.get(1).instanceId(), at)).containsExactly(two.get(1));
    String clock = id.substring(0, id.lastIndexOf('/') + 1);
    for (String bad : List.of("2+1", "1+1", "1+", "+1", "01+2", "1+x", "1++2", "")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlaStep.parseAll(clock + bad, at))
          .isInstanceOf(ai.omniflow.OmniFlowException.class)
          .hasMessage("not an SLA step id.");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                SlaStep.instanceId(
                    List.of(two.get(0), new SlaStep(owner.orgId(), thread, at, 1, at))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("applying messages one by one agrees with replaying the whole timeline")
  void applyAgreesWithRead() {
    BusinessCalendar office =
        BusinessCalendar.builder()
            .zone("Europe/London")
            .open(DayOfWeek.MONDAY, "09:00", "17:00")
            .open(DayOfWeek.FRIDAY, "22:00", "02:00")
            .build();
    SlaPolicy pausing =
        new SlaPolicy(
            List.of(SlaTarget.everywhere(Duration.ofHours(2))), 0.5, true, true, List.of());
    SlaClock sla = SlaClock.of(pausing, office);
    java.util.Random random = new java.util.Random(13);
    UUID thread = UUID.randomUUID();
    for (int run = 0; run < 300; run++) {
      Instant t = Instant.parse("2026-10-23T08:00:00Z").plusSeconds(random.nextInt(400_000));
      List<TimelineEvent> timeline = new java.util.ArrayList<>();
      ThreadClock c = null;
      for (int i = 0; i < 6; i++) {
        t = t.plusSeconds(random.nextInt(40_000));
        TimelineEvent e =
            switch (random.nextInt(3)) {
              case 0 -> TimelineEvent.inbound(t);
              case 1 -> TimelineEvent.humanReply(t);
              default -> TimelineEvent.automaticReply(t);
            };
        timeline.add(e);
        c = sla.apply(c, thread, "sms", null, e);
      }
      Instant now = t.plusSeconds(random.nextInt(200_000));
      SlaReading replayed = sla.read("sms", null, timeline, now);
      SlaReading kept = c == null ? SlaReading.NONE : sla.read(c, now);
      assertThat(kept).as("timeline %s at %s", timeline, now).isEqualTo(replayed);
    }
  }
}
