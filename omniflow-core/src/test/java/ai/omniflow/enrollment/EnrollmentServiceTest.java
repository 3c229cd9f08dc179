package ai.omniflow.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.events.DomainEvent;
import ai.omniflow.inbox.IngestResult;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.nurture.Nurture;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.TaskKind;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tasks.Task;
import ai.omniflow.tasks.TaskQuery;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Enrollments through the service: apply, stop, read, the steps the scheduler runs and the stops
 * that happen by themselves, on the in-memory store here; {@code omniflow-jdbc} runs the same tests
 * on PostgreSQL by overriding {@link #newStore()}.
 */
@DisplayName("Nurture enrollments")
public class EnrollmentServiceTest {
  /** 12:00 in San Francisco: inside the quiet-hours window of a +1 415 number. */
  protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T20:00:00Z"));

  protected Store store;
  protected OmniFlow omniFlow;
  protected Actor owner;
  protected Actor other;
  private int messages;

  /** The store the tests run on; called before each test. */
  protected Store newStore() {
    return new InMemoryStore();
  }

  /**
   * The lead-test pack with three playbooks: one stops on any reply, one reads replies, and {@code
   * four-tasks} (four task steps and a stop: five moves, none waiting on a clock or a channel).
   */
  public static VerticalPack pack() {
    VerticalPack p = LeadTestPack.pack();
    Nurture nurture =
        new Nurture(
            Map.of(
                "check_in", "Hi {contact_first_name}, still looking? {org_name}",
                "last_call", "Last check-in from {org_name}."),
            Map.of(),
            List.of(
                new Playbook(
                    "follow-up",
                    "Follow up",
                    "",
                    true,
                    List.of(
                        new PlaybookStep.Send("check_in", "check_in", Channel.SMS),
                        new PlaybookStep.Wait("a_day", Duration.ofDays(1)),
                        new PlaybookStep.CreateTask(
                            "call", TaskKind.CALL, "Call the lead", Duration.ofHours(4)),
                        new PlaybookStep.Send("last_call", "last_call", Channel.SMS),
                        new PlaybookStep.Stop("done"))),
                new Playbook(
                    "reader",
                    "Reads replies",
                    "",
                    false,
                    List.of(
                        new PlaybookStep.Wait("a_day", Duration.ofDays(1)),
                        new PlaybookStep.CreateTask(
                            "call", TaskKind.CALL, "Call the lead", Duration.ZERO))),
                new Playbook(
                    "four-tasks",
                    "Four tasks",
                    "",
                    true,
                    List.of(
                        new PlaybookStep.CreateTask("t1", TaskKind.CALL, "One", Duration.ZERO),
                        new PlaybookStep.CreateTask("t2", TaskKind.EMAIL, "Two", Duration.ZERO),
                        new PlaybookStep.CreateTask("t3", TaskKind.VISIT, "Three", Duration.ZERO),
                        new PlaybookStep.CreateTask(
                            "t4", TaskKind.FOLLOW_UP, "Four", Duration.ZERO),
                        new PlaybookStep.Stop("done")))));
    return new VerticalPack(
        p.slug(),
        p.name(),
        p.version(),
        p.description(),
        p.leadFields(),
        p.stages(),
        p.intents(),
        p.replyTemplates(),
        p.negationWords(),
        p.nextActions(),
        p.scoring(),
        p.routing(),
        p.compliance(),
        p.localizedReplyTemplates(),
        nurture);
  }

  @BeforeEach
  void setUp() {
    store = newStore();
    omniFlow =
        OmniFlow.builder()
            .store(store)
            .clock(clock)
            .packCatalog(PackCatalog.of(List.of(pack())))
            .build();
    owner = newOrg();
    other = newOrg();
  }

  protected Actor newOrg() {
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Bay Homes", u);
    Actor a = Actor.of(org, u.id(), Role.OWNER);
    omniFlow.packs().select(a, LeadTestPack.SLUG);
    return a;
  }

  protected IngestResult say(Actor a, String phone, String text) {
    messages++;
    return omniFlow
        .inbox()
        .ingest(
            Actor.system(a.orgId()),
            null,
            new InboundEvent.Message(
                "m" + messages,
                "page-1",
                Channel.SMS,
                "pm-" + messages,
                new Sender(null, "Ana Lima", phone, null),
                text,
                clock.instant().minusSeconds(1),
                Referral.NONE));
  }

  /** An open lead of a contact who gave consent on SMS (START). */
  protected Lead lead(Actor a, String phone) {
    IngestResult r = say(a, phone, "START");
    return omniFlow.leads().fromThread(a, r.threadId()).lead();
  }

  private List<EnrollmentHistoryEntry.Kind> kinds(Actor a, UUID leadId) {
    return omniFlow.enrollments().get(a, leadId).history().stream()
        .map(EnrollmentHistoryEntry::kind)
        .toList();
  }

  private List<String> eventTypes(Actor a) {
    return omniFlow.events().list(a, PageRequest.of(200, 0)).items().stream()
        .map(DomainEvent::type)
        .toList();
  }

  private StoredEnrollment enrollment(Actor a, UUID leadId) {
    StoredEnrollment s = omniFlow.enrollments().get(a, leadId).enrollment();
    assertThat(s).isNotNull();
    return s;
  }

  private Optional<Instant> scheduledRun(Actor a, UUID enrollmentId) {
    return store.<Optional<Instant>>inTransaction(
        a, tx -> tx.enrollments().scheduledRun(enrollmentId));
  }

  private Optional<Instant> run(Actor a, UUID leadId) {
    return omniFlow.enrollments().runStep(a.orgId(), enrollment(a, leadId).id());
  }

  private static void assertCode(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(OmniFlowException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Nested
  @DisplayName("branching on the lead and waiting in business time")
  class LeadBranchesAndBusinessWaits {
    /** Friday 2026-11-27, 17:00 in New York: the office closes for the weekend. */
    final Instant fridayFive = Instant.parse("2026-11-27T22:00:00Z");

    void officeHoursAndPlaybook(Actor a) {
      omniFlow
          .sla()
          .createCalendar(
              a,
              new ai.omniflow.sla.SlaCalendar(
                  UUID.randomUUID(),
                  "Office",
                  ai.omniflow.sla.SlaCalendar.Scope.org(),
                  ai.omniflow.sla.BusinessCalendar.weekdays(
                      java.time.ZoneId.of("America/New_York"),
                      java.time.LocalTime.of(9, 0),
                      java.time.LocalTime.of(17, 0))));
      omniFlow
          .playbooks()
          .create(
              a,
              Map.of(
                  "key",
                  "sorting",
                  "name",
                  "Sorting",
                  "steps",
                  List.of(
                      Map.of(
                          "key",
                          "big",
                          "branch",
                          Map.of(
                              "on",
                              "field",
                              "when",
                              Map.of("field", "budget", "op", "gte", "value", 500_000),
                              "then",
                              "call")),
                      Map.of(
                          "key",
                          "two_work_hours",
                          "wait",
                          Map.of("duration", "PT2H", "business_time", true)),
                      Map.of("key", "done", "stop", Map.of()),
                      Map.of(
                          "key",
                          "call",
                          "task",
                          Map.of("kind", "call", "title", "Call the big budget")))));
    }

    Lead leadWithBudget(String phone, long budget) {
      Lead lead = lead(owner, phone);
      return omniFlow
          .leads()
          .update(
              owner,
              lead.id(),
              new ai.omniflow.leads.LeadService.Patch(Map.of("budget", budget), null, null, false));
    }

    @Test
    @DisplayName(
        "a small budget waits two business hours from Friday 17:00 to Monday 11:00 on the org's"
            + " calendar, then completes")
    void aBusinessWaitSpansTheWeekendOnTheOrgsCalendar() {
      clock.set(fridayFive);
      officeHoursAndPlaybook(owner);
      Lead lead = leadWithBudget("+14155550101", 100);
      omniFlow.enrollments().apply(owner, lead.id(), "sorting");

      Instant mondayEleven = Instant.parse("2026-11-30T16:00:00Z");
      assertThat(run(owner, lead.id())).contains(mondayEleven);
      assertThat(scheduledRun(owner, enrollment(owner, lead.id()).id())).contains(mondayEleven);
      clock.set(mondayEleven);
      assertThat(run(owner, lead.id())).isEmpty();
      assertThat(kinds(owner, lead.id()))
          .containsExactly(
              EnrollmentHistoryEntry.Kind.STARTED,
              EnrollmentHistoryEntry.Kind.WAITING,
              EnrollmentHistoryEntry.Kind.COMPLETED);
    }

    @Test
    @DisplayName("a big budget goes to the call task by the field branch")
    void aBigBudgetIsCalled() {
      clock.set(fridayFive);
      officeHoursAndPlaybook(owner);
      Lead lead = leadWithBudget("+14155550102", 650_000);
      omniFlow.enrollments().apply(owner, lead.id(), "sorting");

      run(owner, lead.id());
      assertThat(kinds(owner, lead.id()))
          .containsExactly(
              EnrollmentHistoryEntry.Kind.STARTED, EnrollmentHistoryEntry.Kind.TASK_CREATED);
    }
  }

  @Nested
  @DisplayName("stage steps")
  class StageSteps {
    Map<String, Object> playbook(String key, Object stageStep) {
      return Map.of(
          "key",
          key,
          "name",
          "Stages",
          "steps",
          List.of(
              Map.of("key", "mark_contacted", "change_stage", stageStep),
              Map.of("key", "call", "task", Map.of("kind", "call", "title", "Call the lead"))));
    }

    @Test
    @DisplayName(
        "a stage step moves the lead through the lead engine in the step's transaction, then the"
            + " next step runs")
    void aStageStepMovesTheLeadAndTheNextStepRuns() {
      omniFlow.playbooks().create(owner, playbook("staging", Map.of("stage", "contacted")));
      Lead lead = lead(owner, "+14155550101");
      assertThat(lead.stage()).isEqualTo("new");
      omniFlow.enrollments().apply(owner, lead.id(), "staging");

      assertThat(run(owner, lead.id())).contains(clock.instant());
      assertThat(omniFlow.leads().get(owner, lead.id()).stage()).isEqualTo("contacted");
      DomainEvent changed =
          omniFlow.events().list(owner, PageRequest.of(200, 0)).items().stream()
              .filter(e -> e.type().equals("lead.stage_changed"))
              .findFirst()
              .orElseThrow();
      assertThat(changed.payload())
          .containsEntry("stage", "contacted")
          .containsEntry("step_key", "mark_contacted")
          .containsEntry("enrollment_id", enrollment(owner, lead.id()).id().toString());
      List<EnrollmentHistoryEntry> history = omniFlow.enrollments().get(owner, lead.id()).history();
      assertThat(history.get(1).kind()).isEqualTo(EnrollmentHistoryEntry.Kind.STAGE_CHANGED);
      assertThat(history.get(1).detail()).isEqualTo("new to contacted");

      assertThat(run(owner, lead.id())).contains(clock.instant());
      assertThat(run(owner, lead.id())).isEmpty();
      assertThat(kinds(owner, lead.id()))
          .containsExactly(
              EnrollmentHistoryEntry.Kind.STARTED,
              EnrollmentHistoryEntry.Kind.STAGE_CHANGED,
              EnrollmentHistoryEntry.Kind.TASK_CREATED,
              EnrollmentHistoryEntry.Kind.COMPLETED);
    }

    @Test
    @DisplayName("a lead at the step's stage already is left as it is, with no stage event")
    void aLeadAtTheStageAlreadyIsLeftAsItIs() {
      omniFlow.playbooks().create(owner, playbook("staging", Map.of("stage", "contacted")));
      Lead lead = lead(owner, "+14155550101");
      omniFlow
          .leads()
          .update(
              owner,
              lead.id(),
              new ai.omniflow.leads.LeadService.Patch(null, "contacted", null, false));
      long before = eventTypes(owner).stream().filter("lead.stage_changed"::equals).count();
      omniFlow.enrollments().apply(owner, lead.id(), "staging");

      run(owner, lead.id());
      assertThat(eventTypes(owner).stream().filter("lead.stage_changed"::equals).count())
          .isEqualTo(before);
      assertThat(omniFlow.enrollments().get(owner, lead.id()).history().get(1).detail())
          .isEqualTo("at contacted already");
    }

    @Test
    @DisplayName(
        "a stage the pack lacks, one that closes the lead, a malformed one, a missing one or an"
            + " unknown property is refused at save naming the step, writing nothing")
    void badStageStepsAreRefusedAtSaveWritingNothing() {
      int saved = omniFlow.playbooks().list(owner).size();
      assertThatThrownBy(
              () ->
                  omniFlow
                      .playbooks()
                      .create(owner, playbook("bad-one", Map.of("stage", "qualifiedd"))))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> {
                assertThat(e.code()).isEqualTo("invalid_playbook");
                assertThat(e.getMessage())
                    .contains("/steps/0/change_stage/stage")
                    .contains("'mark_contacted'")
                    .contains("'qualifiedd', which the pack does not have");
              });
      assertThatThrownBy(
              () -> omniFlow.playbooks().create(owner, playbook("bad-two", Map.of("stage", "won"))))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e ->
                  assertThat(e.getMessage())
                      .contains("/steps/0/change_stage/stage")
                      .contains("closes it"));
      String longStage = "x".repeat(5_000);
      assertThatThrownBy(
              () ->
                  omniFlow
                      .playbooks()
                      .create(owner, playbook("bad-three", Map.of("stage", longStage))))
          .isInstanceOfSatisfying(
              OmniFlowException.class,
              e -> {
                assertThat(e.code()).isEqualTo("invalid_playbook");
                assertThat(e.getMessage()).contains("/steps/0/change_stage/stage");
                assertThat(e.getMessage()).doesNotContain("x".repeat(100));
              });
      assertCode(
          () -> omniFlow.playbooks().create(owner, playbook("bad-four", Map.of("stage", "Won!"))),
          "invalid_playbook");
      assertCode(
          () -> omniFlow.playbooks().create(owner, playbook("bad-five", Map.of())),
          "invalid_playbook");
      assertCode(
          () ->
              omniFlow
                  .playbooks()
                  .create(owner, playbook("bad-six", Map.of("stage", "new", "to", "contacted"))),
          "invalid_playbook");
      assertCode(
          () -> omniFlow.playbooks().create(owner, playbook("bad-seven", "contacted")),
          "invalid_playbook");
      assertThat(omniFlow.playbooks().list(owner)).hasSize(saved);
      assertThat(eventTypes(owner)).doesNotContain("nurture.playbook_saved");
    }
  }

  @Nested
  @DisplayName("applied by a person")
  class Applying {
    @Test
    void applyingEnrollsAnOpenLeadWithItsFirstStepDueNow() {
      Lead lead = lead(owner, "+14155550101");
      LeadNurture n = omniFlow.enrollments().apply(owner, lead.id(), "follow-up");

      StoredEnrollment s = n.enrollment();
      assertThat(s).isNotNull();
      assertThat(s.enrollment().active()).isTrue();
      assertThat(s.enrollment().step()).isZero();
      assertThat(s.enrollment().nextRunAt()).isEqualTo(clock.instant());
      assertThat(s.contactId()).isEqualTo(lead.contactId());
      assertThat(s.stopOnReply()).isTrue();
      assertThat(n.history())
          .extracting(EnrollmentHistoryEntry::kind)
          .containsExactly(EnrollmentHistoryEntry.Kind.STARTED);
      assertThat(eventTypes(owner)).contains("nurture.enrolled");
      assertThat(scheduledRun(owner, s.id())).contains(clock.instant());
    }

    @Test
    void aSecondApplyWhileOneRunsIsAConflictThatWritesNothing() {
      Lead lead = lead(owner, "+14155550101");
      omniFlow.enrollments().apply(owner, lead.id(), "follow-up");
      int events = eventTypes(owner).size();

      assertCode(
          () -> omniFlow.enrollments().apply(owner, lead.id(), "reader"), "enrollment_active");
      assertThat(eventTypes(owner)).hasSize(events);
      assertThat(enrollment(owner, lead.id()).enrollment().playbookKey()).isEqualTo("follow-up");
    }

    @Test
    void aClosedLeadAnUnknownPlaybookABadKeyAndAnotherOrgsLeadAreRefused() {
      Lead lead = lead(owner, "+14155550101");
      assertCode(() -> omniFlow.enrollments().apply(owner, lead.id(), "nope"), "unknown_playbook");
      assertCode(
          () -> omniFlow.enrollments().apply(owner, lead.id(), "Bad Key!"), "invalid_playbook_id");
      assertCode(() -> omniFlow.enrollments().apply(other, lead.id(), "follow-up"), "not_found");
      assertCode(() -> omniFlow.enrollments().get(other, lead.id()), "not_found");
      assertCode(() -> omniFlow.enrollments().stop(other, lead.id()), "not_found");

      omniFlow
          .leads()
          .recordOutcome(
              owner,
              lead.id(),
              new LeadOutcome(LeadOutcome.Status.LOST, null, null, clock.instant(), null));
      assertCode(() -> omniFlow.enrollments().apply(owner, lead.id(), "follow-up"), "lead_closed");
      assertThat(omniFlow.enrollments().get(owner, lead.id()).enrollment()).isNull();
    }

    @Test
    void stoppingEndsTheEnrollmentCancelsItsRunAndASecondStopIsAConflict() {
      Lead lead = lead(owner, "+14155550101");
      omniFlow.enrollments().apply(owner, lead.id(), "follow-up");

      LeadNurture n = omniFlow.enrollments().stop(owner, lead.id());

      StoredEnrollment s = n.enrollment();
      assertThat(s).isNotNull();
      assertThat(s.enrollment().status()).isEqualTo(Enrollment.Status.STOPPED);
      assertThat(s.enrollment().endReason()).isEqualTo("stopped_by_user");
      assertThat(scheduledRun(owner, s.id())).isEmpty();
      assertThat(eventTypes(owner)).contains("nurture.stopped");
      assertCode(() -> omniFlow.enrollments().stop(owner, lead.id()), "not_enrolled");
      assertThat(omniFlow.enrollments().runStep(owner.orgId(), s.id())).isEmpty();

      omniFlow.enrollments().apply(owner, lead.id(), "reader");
      assertThat(enrollment(owner, lead.id()).enrollment().playbookKey()).isEqualTo("reader");
    }
  }

  @Nested
  @DisplayName("run by the scheduler")
  class Running {
    @Test
    void stepsRunInOrderEachOnceAndAWaitHoldsTheNextUntilItEnds() {
      Lead lead = lead(owner, "+14155550101");
      omniFlow.enrollments().apply(owner, lead.id(), "follow-up");

      // The send: claimed (a draft, a history line), committed, then handed to the send path,
      // which has no connector account here and refuses; the refusal is recorded, not retried.
      assertThat(run(owner, lead.id())).contains(clock.instant());
      assertThat(kinds(owner, lead.id()))
          .containsExactly(
              EnrollmentHistoryEntry.Kind.STARTED,
              EnrollmentHistoryEntry.Kind.SENT,
              EnrollmentHistoryEntry.Kind.SEND_FAILED);
      // The wait.
      Instant dayLater = clock.instant().plus(Duration.ofDays(1));
      assertThat(run(owner, lead.id())).contains(dayLater);
      // Run again early (a revived execution): nothing happens.
      assertThat(run(owner, lead.id())).contains(dayLater);
      assertThat(kinds(owner, lead.id())).hasSize(4);

      clock.set(dayLater);
      assertThat(run(owner, lead.id())).contains(dayLater);
      assertThat(eventTypes(owner)).contains("nurture.task_due", "nurture.step_sent");
      assertThat(run(owner, lead.id())).contains(dayLater);
      assertThat(run(owner, lead.id())).isEmpty();

      assertThat(kinds(owner, lead.id()))
          .containsExactly(
              EnrollmentHistoryEntry.Kind.STARTED,
              EnrollmentHistoryEntry.Kind.SENT,
              EnrollmentHistoryEntry.Kind.SEND_FAILED,
              EnrollmentHistoryEntry.Kind.WAITING,
              EnrollmentHistoryEntry.Kind.TASK_CREATED,
              EnrollmentHistoryEntry.Kind.SENT,
              EnrollmentHistoryEntry.Kind.SEND_FAILED,
              EnrollmentHistoryEntry.Kind.COMPLETED);
      StoredEnrollment done = enrollment(owner, lead.id());
      assertThat(done.enrollment().status()).isEqualTo(Enrollment.Status.COMPLETED);
      assertThat(omniFlow.enrollments().runStep(owner.orgId(), done.id())).isEmpty();
      assertThat(eventTypes(owner)).contains("nurture.completed");
    }

    @Test
    void aSendBlockedByQuietHoursIsDeferredToTheMorningNotDropped() {
      Lead lead = lead(owner, "+14155550101");
      // 23:00 in San Francisco.
      clock.set(Instant.parse("2026-11-26T07:00:00Z"));
      omniFlow.enrollments().apply(owner, lead.id(), "follow-up");

      Optional<Instant> next = run(owner, lead.id());

      // The next allowed moment: 08:00 in the narrowest window across the number's region.
      assertThat(next).isPresent();
      assertThat(next.get())
          .isAfter(clock.instant())
          .isBefore(clock.instant().plus(Duration.ofDays(1)));
      assertThat(scheduledRun(owner, enrollment(owner, lead.id()).id())).isEqualTo(next);
      assertThat(kinds(owner, lead.id()))
          .containsExactly(
              EnrollmentHistoryEntry.Kind.STARTED, EnrollmentHistoryEntry.Kind.DEFERRED);
      StoredEnrollment s = enrollment(owner, lead.id());
      assertThat(s.enrollment().step()).isZero();
      assertThat(s.enrollment().active()).isTrue();
    }

    @Test
    void aContactWithoutConsentEndsTheEnrollmentWithTheGuardrailsCode() {
      IngestResult r = say(owner, "+14155550199", "hello");
      Lead lead = omniFlow.leads().fromThread(owner, r.threadId()).lead();
      omniFlow.enrollments().apply(owner, lead.id(), "follow-up");

      assertThat(run(owner, lead.id())).isEmpty();

      StoredEnrollment s = enrollment(owner, lead.id());
      assertThat(s.enrollment().endReason()).isEqualTo("consent_missing");
      assertThat(kinds(owner, lead.id())).endsWith(EnrollmentHistoryEntry.Kind.STOPPED);
    }
  }

  @Nested
  @DisplayName("stopped by itself")
  class StoppingByItself {
    @Test
    void aReplyStopsAPlaybookThatStopsOnReplyInTheIngestAndCancelsItsRun() {
      Lead lead = lead(owner, "+14155550101");
      omniFlow.enrollments().apply(owner, lead.id(), "follow-up");
      clock.advance(Duration.ofMinutes(1));

      say(owner, "+14155550101", "Yes, tell me more");

      StoredEnrollment s = enrollment(owner, lead.id());
      assertThat(s.enrollment().endReason()).isEqualTo("replied");
      assertThat(scheduledRun(owner, s.id())).isEmpty();
    }

    @Test
    void aReplyLeavesAPlaybookThatReadsRepliesRunning() {
      Lead lead = lead(owner, "+14155550101");
      omniFlow.enrollments().apply(owner, lead.id(), "reader");
      clock.advance(Duration.ofMinutes(1));

      say(owner, "+14155550101", "Can I see it on a tour?");

      assertThat(enrollment(owner, lead.id()).enrollment().active()).isTrue();
    }

    @Test
    void anOptOutStopsEveryEnrollmentOfTheContact() {
      Lead lead = lead(owner, "+14155550101");
      omniFlow.enrollments().apply(owner, lead.id(), "reader");
      clock.advance(Duration.ofMinutes(1));

      say(owner, "+14155550101", "STOP");

      assertThat(enrollment(owner, lead.id()).enrollment().endReason()).isEqualTo("opted_out");
    }

    @Test
    void aWonLeadStopsItsEnrollment() {
      Lead lead = lead(owner, "+14155550101");
      omniFlow.enrollments().apply(owner, lead.id(), "follow-up");

      omniFlow
          .leads()
          .recordOutcome(
              owner,
              lead.id(),
              new LeadOutcome(
                  LeadOutcome.Status.WON,
                  new java.math.BigDecimal("500000"),
                  "USD",
                  clock.instant(),
                  null));

      assertThat(enrollment(owner, lead.id()).enrollment().endReason()).isEqualTo("won");
      assertThat(kinds(owner, lead.id())).endsWith(EnrollmentHistoryEntry.Kind.STOPPED);
    }
  }

  @Nested
  @DisplayName("tasks made by task steps")
  class Tasks {
    private Actor member(Actor org, Role role) {
      User u =
          new User(
              UUID.randomUUID(), UUID.randomUUID() + "@example.test", "Member", clock.instant());
      omniFlow.tenancy().addMember(org, u, role);
      return Actor.of(org.orgId(), u.id(), role);
    }

    /** A lead owned by {@code agent}, enrolled in four-tasks and run through its four steps. */
    private Lead withFourTasks(Actor agent, String phone) {
      Lead lead = lead(owner, phone);
      store.useTransaction(
          owner, tx -> tx.leads().update(lead.withOwner(agent.userId(), clock.instant())));
      omniFlow.enrollments().apply(owner, lead.id(), "four-tasks");
      for (int i = 0; i < 4; i++) {
        run(owner, lead.id());
      }
      return lead;
    }

    private int eventCount(Actor a) {
      return eventTypes(a).size();
    }

    @Test
    void aTaskStepStoresOneTaskForTheLeadsOwnerWithItsSourceInTheStepsTransaction() {
      Actor agent = member(owner, Role.AGENT);
      Lead lead = withFourTasks(agent, "+14155550101");
      StoredEnrollment s = enrollment(owner, lead.id());

      List<Task> tasks = omniFlow.tasks().ofLead(owner, lead.id(), 50);
      assertThat(tasks).extracting(Task::stepKey).containsExactlyInAnyOrder("t1", "t2", "t3", "t4");
      assertThat(tasks)
          .allSatisfy(
              t -> {
                assertThat(t.enrollmentId()).isEqualTo(s.id());
                assertThat(t.assigneeUserId()).isEqualTo(agent.userId());
                assertThat(t.status()).isEqualTo(Task.Status.OPEN);
                assertThat(t.dueAt()).isEqualTo(clock.instant());
              });
      assertThat(eventTypes(owner).stream().filter("task.created"::equals)).hasSize(4);
      // The agent sees their own tasks; a run again after the end makes none.
      assertThat(omniFlow.tasks().list(agent, TaskQuery.all()).items()).hasSize(4);
      omniFlow.enrollments().runStep(owner.orgId(), s.id());
      assertThat(omniFlow.tasks().ofLead(owner, lead.id(), 50)).hasSize(4);
    }

    @Test
    void completeAndSnoozeChangeTheTaskAndBadInputWritesNothing() {
      Actor agent = member(owner, Role.AGENT);
      Lead lead = withFourTasks(agent, "+14155550101");
      Task t = omniFlow.tasks().ofLead(agent, lead.id(), 50).get(0);
      int events = eventCount(owner);

      assertCode(() -> omniFlow.tasks().snooze(agent, t.id(), null), "invalid_snooze_until");
      assertCode(
          () -> omniFlow.tasks().snooze(agent, t.id(), clock.instant()), "invalid_snooze_until");
      assertCode(
          () -> omniFlow.tasks().snooze(agent, t.id(), clock.instant().plus(Duration.ofDays(91))),
          "invalid_snooze_until");
      assertCode(
          () -> omniFlow.tasks().list(agent, TaskQuery.parse(null, "later", null, null, null)),
          "invalid_task_status");
      assertCode(
          () ->
              omniFlow
                  .tasks()
                  .list(agent, TaskQuery.parse(null, null, "x".repeat(500), null, null)),
          "invalid_due_before");
      assertCode(
          () -> omniFlow.tasks().list(agent, TaskQuery.parse(null, null, null, null, "201")),
          "invalid_task_limit");
      assertCode(
          () -> omniFlow.tasks().list(agent, TaskQuery.parse(null, null, null, "nope", null)),
          "invalid_task_cursor");
      assertThat(eventCount(owner)).isEqualTo(events);
      assertThat(omniFlow.tasks().get(agent, t.id())).isEqualTo(t);

      Instant until = clock.instant().plus(Duration.ofDays(2));
      Task snoozed = omniFlow.tasks().snooze(agent, t.id(), until);
      assertThat(snoozed.status()).isEqualTo(Task.Status.SNOOZED);
      assertThat(snoozed.dueAt()).isEqualTo(until);
      assertThat(
              omniFlow
                  .tasks()
                  .list(agent, TaskQuery.parse(null, "snoozed", null, null, null))
                  .items())
          .containsExactly(snoozed);
      Task done = omniFlow.tasks().complete(agent, t.id());
      assertThat(done.status()).isEqualTo(Task.Status.DONE);
      assertThat(done.completedAt()).isEqualTo(clock.instant());
      assertThat(omniFlow.tasks().complete(agent, t.id())).isEqualTo(done);
      int after = eventCount(owner);
      assertCode(() -> omniFlow.tasks().snooze(agent, t.id(), until), "task_done");
      assertThat(eventCount(owner)).isEqualTo(after);
      assertThat(eventTypes(owner)).contains("task.snoozed", "task.completed");
    }

    @Test
    void agentsSeeAndActOnTheirOwnTasksManagersOnAllAndAnotherOrgsTaskIsNotFound() {
      Actor agent = member(owner, Role.AGENT);
      Actor colleague = member(owner, Role.AGENT);
      Actor manager = member(owner, Role.MANAGER);
      Actor viewer = member(owner, Role.VIEWER);
      Lead lead = withFourTasks(agent, "+14155550101");
      Task t = omniFlow.tasks().ofLead(owner, lead.id(), 50).get(0);

      assertThat(omniFlow.tasks().list(colleague, TaskQuery.all()).items()).isEmpty();
      assertThat(omniFlow.tasks().ofLead(colleague, lead.id(), 50)).isEmpty();
      assertCode(
          () -> omniFlow.tasks().list(colleague, TaskQuery.all().ofAssignee(agent.userId())),
          "forbidden");
      assertCode(() -> omniFlow.tasks().complete(colleague, t.id()), "not_found");
      assertCode(() -> omniFlow.tasks().complete(viewer, t.id()), "forbidden");
      assertCode(() -> omniFlow.tasks().get(other, t.id()), "not_found");
      assertCode(() -> omniFlow.tasks().complete(other, t.id()), "not_found");
      assertCode(
          () -> omniFlow.tasks().snooze(other, t.id(), clock.instant().plusSeconds(60)),
          "not_found");
      assertThat(omniFlow.tasks().list(other, TaskQuery.all()).items()).isEmpty();
      assertThat(omniFlow.tasks().get(agent, t.id()).status()).isEqualTo(Task.Status.OPEN);

      assertThat(omniFlow.tasks().list(manager, TaskQuery.all().ofAssignee(agent.userId())).items())
          .hasSize(4);
      assertThat(omniFlow.tasks().complete(manager, t.id()).status()).isEqualTo(Task.Status.DONE);
    }

    @Test
    void anUndoneTaskIsOverdueOncePerDueTimeAndADoneOneNever() {
      Actor agent = member(owner, Role.AGENT);
      Lead lead = lead(owner, "+14155550101");
      store.useTransaction(
          owner, tx -> tx.leads().update(lead.withOwner(agent.userId(), clock.instant())));
      omniFlow.enrollments().apply(owner, lead.id(), "follow-up");
      run(owner, lead.id());
      run(owner, lead.id());
      clock.set(clock.instant().plus(Duration.ofDays(1)));
      run(owner, lead.id());
      Task t = omniFlow.tasks().ofLead(owner, lead.id(), 50).get(0);
      Instant due = clock.instant().plus(Duration.ofHours(4));
      assertThat(t.dueAt()).isEqualTo(due);
      assertThat(
              store.<Optional<Instant>>inTransaction(
                  owner, tx -> tx.tasks().scheduledCheck(t.id())))
          .contains(due);

      // Early (a revived execution): check again at the due time.
      assertThat(omniFlow.tasks().checkOverdue(owner.orgId(), t.id(), due)).contains(due);
      clock.set(due.plusSeconds(1));
      assertThat(omniFlow.tasks().checkOverdue(owner.orgId(), t.id(), due)).isEmpty();
      assertThat(omniFlow.tasks().checkOverdue(owner.orgId(), t.id(), due)).isEmpty();
      assertThat(eventTypes(owner).stream().filter("task.overdue"::equals)).hasSize(1);
      assertThat(
              store.<Optional<Instant>>inTransaction(
                  owner, tx -> tx.tasks().scheduledCheck(t.id())))
          .isEmpty();

      Instant later = clock.instant().plus(Duration.ofHours(2));
      omniFlow.tasks().snooze(agent, t.id(), later);
      // The old due time's check finds nothing; the new one's notes it once, open again.
      assertThat(omniFlow.tasks().checkOverdue(owner.orgId(), t.id(), due)).isEmpty();
      clock.set(later);
      assertThat(omniFlow.tasks().checkOverdue(owner.orgId(), t.id(), later)).isEmpty();
      assertThat(omniFlow.tasks().get(agent, t.id()).status()).isEqualTo(Task.Status.OPEN);
      assertThat(eventTypes(owner).stream().filter("task.overdue"::equals)).hasSize(2);

      omniFlow.tasks().snooze(agent, t.id(), later.plusSeconds(60));
      omniFlow.tasks().complete(agent, t.id());
      clock.set(later.plusSeconds(120));
      assertThat(omniFlow.tasks().checkOverdue(owner.orgId(), t.id(), later.plusSeconds(60)))
          .isEmpty();
      assertThat(eventTypes(owner).stream().filter("task.overdue"::equals)).hasSize(2);
    }
  }
}
