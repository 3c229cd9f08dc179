package ai.omniflow.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.InputError;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.fields.Problem;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadTestPack;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import ai.omniflow.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An org's own playbooks when its pack changes under them (decision 0087): checked again against
 * the pack as it is now on every read, never a reason to refuse the change.
 */
@DisplayName("An org's playbooks after its pack changed")
class PlaybooksAfterPackChangeTest {
  /** The lead-test pack without the {@code contacted} stage, under another slug. */
  private static final String LITE = "homes-lite";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T20:00:00Z"));
  private OmniFlow omniFlow;
  private Actor owner;
  private int messages;

  private static VerticalPack lite() {
    VerticalPack p = EnrollmentServiceTest.pack();
    return new VerticalPack(
        LITE,
        "Homes lite",
        p.version(),
        p.description(),
        p.leadFields(),
        p.stages().stream().filter(s -> !s.key().equals("contacted")).toList(),
        p.intents(),
        p.replyTemplates(),
        p.negationWords(),
        p.nextActions(),
        p.scoring(),
        p.routing(),
        p.compliance(),
        p.localizedReplyTemplates(),
        p.nurture());
  }

  @BeforeEach
  void setUp() {
    omniFlow =
        OmniFlow.builder()
            .store(new InMemoryStore())
            .clock(clock)
            .packCatalog(PackCatalog.of(List.of(EnrollmentServiceTest.pack(), lite())))
            .build();
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", clock.instant());
    omniFlow.tenancy().createOrg(org, "Bay Homes", u);
    owner = Actor.of(org, u.id(), Role.OWNER);
    omniFlow.packs().select(owner, LeadTestPack.SLUG);
  }

  /** A task, then a move to {@code contacted}, then a stop; fits any open lead. */
  private static Map<String, Object> staging() {
    return Map.of(
        "key",
        "staging",
        "name",
        "Call, then mark contacted",
        "steps",
        List.of(
            Map.of("key", "call", "task", Map.of("kind", "call", "title", "Call the lead")),
            Map.of("key", "mark_contacted", "change_stage", Map.of("stage", "contacted")),
            Map.of("key", "done", "stop", Map.of())));
  }

  private Lead lead(String phone) {
    messages++;
    var r =
        omniFlow
            .inbox()
            .ingest(
                Actor.system(owner.orgId()),
                null,
                new InboundEvent.Message(
                    "m" + messages,
                    "page-1",
                    Channel.SMS,
                    "pm-" + messages,
                    new Sender(null, "Ana Lima", phone, null),
                    "START",
                    clock.instant().minusSeconds(1),
                    Referral.NONE));
    return omniFlow.leads().fromThread(owner, r.threadId()).lead();
  }

  private OrgPlaybook staged() {
    return omniFlow.playbooks().get(owner, "staging");
  }

  @Test
  @DisplayName(
      "selecting a pack without the stage a playbook moves to is not refused; the playbook reads"
          + " invalid with the step's problem, and valid again on the pack that has it")
  void aPackChangeMarksThePlaybookInvalidAndBackValid() {
    omniFlow.playbooks().create(owner, staging());
    assertThat(staged().status()).isEqualTo(OrgPlaybook.Status.VALID);
    assertThat(staged().problems()).isEmpty();

    omniFlow.packs().select(owner, LITE);

    OrgPlaybook p = staged();
    assertThat(p.status()).isEqualTo(OrgPlaybook.Status.INVALID);
    assertThat(p.problems())
        .extracting(Problem::path)
        .containsExactly("/steps/1/change_stage/stage");
    assertThat(p.problems().get(0).message())
        .contains("'mark_contacted'")
        .contains("'contacted', which the pack does not have");
    assertThat(omniFlow.playbooks().list(owner))
        .filteredOn(o -> o.playbook().key().equals("staging"))
        .extracting(OrgPlaybook::status)
        .containsExactly(OrgPlaybook.Status.INVALID);
    // The pack's own playbooks were checked with the pack.
    assertThat(omniFlow.playbooks().list(owner))
        .filteredOn(o -> o.origin() == OrgPlaybook.Origin.PACK)
        .isNotEmpty()
        .allSatisfy(o -> assertThat(o.status()).isEqualTo(OrgPlaybook.Status.VALID));

    omniFlow.packs().select(owner, LeadTestPack.SLUG);
    assertThat(staged().status()).isEqualTo(OrgPlaybook.Status.VALID);
  }

  @Test
  @DisplayName(
      "enrolling in an invalid playbook is a conflict naming the playbook and the step, with each"
          + " problem at its path, and writes nothing")
  void applyingAnInvalidPlaybookIsRefused() {
    omniFlow.playbooks().create(owner, staging());
    Lead lead = lead("+14155550101");
    omniFlow.packs().select(owner, LITE);

    assertThatThrownBy(() -> omniFlow.enrollments().apply(owner, lead.id(), "staging"))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("playbook_invalid");
              assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.CONFLICT);
              assertThat(e.getMessage())
                  .contains("'staging'")
                  .contains("/steps/1/change_stage/stage")
                  .contains("'mark_contacted'");
              assertThat(e.errors())
                  .extracting(InputError::path)
                  .containsExactly("/steps/1/change_stage/stage");
            });
    assertThat(omniFlow.enrollments().get(owner, lead.id()).enrollment()).isNull();
  }

  @Test
  @DisplayName("suggestions leave an invalid playbook out and say why")
  void suggestionsLeaveAnInvalidPlaybookOut() {
    omniFlow.playbooks().create(owner, staging());
    Lead lead = lead("+14155550101");
    assertThat(omniFlow.playbooks().suggest(owner, lead.id()).playbooks())
        .extracting(s -> s.playbook().playbook().key())
        .contains("staging");

    omniFlow.packs().select(owner, LITE);

    NurtureSuggestions s = omniFlow.playbooks().suggest(owner, lead.id());
    assertThat(s.playbooks())
        .extracting(one -> one.playbook().playbook().key())
        .isNotEmpty()
        .doesNotContain("staging");
    assertThat(s.leftOut()).hasSize(1);
    assertThat(s.leftOut().get(0).playbook().playbook().key()).isEqualTo("staging");
    assertThat(s.leftOut().get(0).reason()).isEqualTo("playbook_invalid");
    assertThat(s.leftOut().get(0).playbook().problems())
        .extracting(Problem::path)
        .containsExactly("/steps/1/change_stage/stage");
  }

  @Test
  @DisplayName(
      "a running enrollment runs the steps before the invalid one, then stops there once with the"
          + " problem in its history; saving the playbook fixed makes it valid again")
  void aRunningEnrollmentStopsAtTheInvalidStep() {
    omniFlow.playbooks().create(owner, staging());
    Lead lead = lead("+14155550101");
    omniFlow.enrollments().apply(owner, lead.id(), "staging");
    omniFlow.packs().select(owner, LITE);
    UUID enrollment = omniFlow.enrollments().get(owner, lead.id()).enrollment().id();

    assertThat(omniFlow.enrollments().runStep(owner.orgId(), enrollment)).contains(clock.instant());
    assertThat(omniFlow.enrollments().runStep(owner.orgId(), enrollment)).isEmpty();
    assertThat(omniFlow.enrollments().runStep(owner.orgId(), enrollment)).isEmpty();

    LeadNurture n = omniFlow.enrollments().get(owner, lead.id());
    assertThat(n.enrollment().enrollment().status()).isEqualTo(Enrollment.Status.STOPPED);
    assertThat(n.enrollment().enrollment().endReason()).isEqualTo("playbook_invalid");
    assertThat(n.history())
        .extracting(EnrollmentHistoryEntry::kind)
        .containsExactly(
            EnrollmentHistoryEntry.Kind.STARTED,
            EnrollmentHistoryEntry.Kind.TASK_CREATED,
            EnrollmentHistoryEntry.Kind.STOPPED);
    EnrollmentHistoryEntry stopped = n.history().get(2);
    assertThat(stopped.stepKey()).isEqualTo("mark_contacted");
    assertThat(stopped.detail())
        .startsWith("playbook_invalid: /steps/1/change_stage/stage")
        .contains("'contacted', which the pack does not have");
    assertThat(omniFlow.leads().get(owner, lead.id()).stage()).isEqualTo("new");

    Map<String, Object> fixed =
        Map.of(
            "key",
            "staging",
            "name",
            "Call",
            "steps",
            List.of(Map.of("key", "call", "task", Map.of("kind", "call", "title", "Call"))));
    assertThat(omniFlow.playbooks().replace(owner, "staging", fixed).status())
        .isEqualTo(OrgPlaybook.Status.VALID);
    assertThat(staged().status()).isEqualTo(OrgPlaybook.Status.VALID);
    Lead second = lead("+14155550102");
    assertThat(omniFlow.enrollments().apply(owner, second.id(), "staging").enrollment())
        .isNotNull();
  }

  /** {@link #staging()} with {@code mark_contacted} a task, as a pack without the stage allows. */
  private static Map<String, Object> stagingRepaired(
      boolean stopOnReply, Map<String, Object> more) {
    List<Object> steps =
        new java.util.ArrayList<>(
            List.of(
                Map.of("key", "call", "task", Map.of("kind", "call", "title", "Call the lead")),
                Map.of(
                    "key",
                    "mark_contacted",
                    "task",
                    Map.of("kind", "follow_up", "title", "Mark the lead contacted")),
                Map.of("key", "done", "stop", Map.of())));
    if (!more.isEmpty()) {
      steps.add(steps.size() - 1, more);
    }
    return Map.of(
        "key",
        "staging",
        "name",
        "Call, then a task",
        "stop_on_reply",
        stopOnReply,
        "steps",
        steps);
  }

  /** A lead enrolled in {@code staging}, then the pack changed so that the playbook is invalid. */
  private UUID enrolledThenBroken() {
    omniFlow.playbooks().create(owner, staging());
    Lead lead = lead("+14155550101");
    omniFlow.enrollments().apply(owner, lead.id(), "staging");
    omniFlow.packs().select(owner, LITE);
    assertThat(staged().status()).isEqualTo(OrgPlaybook.Status.INVALID);
    return lead.id();
  }

  @Test
  @DisplayName(
      "a playbook that no longer fits is saved fixed while an enrollment runs in it, when the fix"
          + " keeps each step at its place; the enrollment then runs the fixed step")
  void aRepairInPlaceIsSavedWhileEnrollmentsRun() {
    UUID lead = enrolledThenBroken();
    UUID enrollment = omniFlow.enrollments().get(owner, lead).enrollment().id();

    OrgPlaybook saved =
        omniFlow.playbooks().replace(owner, "staging", stagingRepaired(true, Map.of()));

    assertThat(saved.status()).isEqualTo(OrgPlaybook.Status.VALID);
    assertThat(staged().status()).isEqualTo(OrgPlaybook.Status.VALID);
    for (int i = 0;
        i < 10 && omniFlow.enrollments().runStep(owner.orgId(), enrollment).isPresent();
        i++) {
      // Each step is due at once.
    }
    LeadNurture n = omniFlow.enrollments().get(owner, lead);
    assertThat(n.enrollment().enrollment().status()).isEqualTo(Enrollment.Status.COMPLETED);
    assertThat(n.history())
        .extracting(EnrollmentHistoryEntry::kind)
        .containsSubsequence(
            EnrollmentHistoryEntry.Kind.TASK_CREATED, EnrollmentHistoryEntry.Kind.TASK_CREATED);
    assertThat(n.history())
        .filteredOn(h -> h.kind() == EnrollmentHistoryEntry.Kind.TASK_CREATED)
        .extracting(EnrollmentHistoryEntry::stepKey)
        .containsExactly("call", "mark_contacted");
  }

  @Test
  @DisplayName("a repair that adds a step after the last is saved while an enrollment runs too")
  void aRepairMayAddStepsAfterTheLast() {
    enrolledThenBroken();
    Map<String, Object> fixed =
        Map.of(
            "key",
            "staging",
            "name",
            "Call, task, stop, and a last task",
            "steps",
            List.of(
                Map.of("key", "call", "task", Map.of("kind", "call", "title", "Call the lead")),
                Map.of("key", "mark_contacted", "wait", Map.of("duration", "PT1H")),
                Map.of("key", "done", "task", Map.of("kind", "call", "title", "Call again")),
                Map.of("key", "last", "stop", Map.of())));

    assertThat(omniFlow.playbooks().replace(owner, "staging", fixed).status())
        .isEqualTo(OrgPlaybook.Status.VALID);
  }

  @Test
  @DisplayName(
      "a fix that moves, drops or renames a step while an enrollment runs is 409 playbook_in_use"
          + " naming each step moved, and writes nothing")
  void aRepairThatMovesStepsIsRefused() {
    enrolledThenBroken();
    Map<String, Object> dropped =
        Map.of(
            "key",
            "staging",
            "name",
            "Call",
            "steps",
            List.of(
                Map.of("key", "call", "task", Map.of("kind", "call", "title", "Call the lead")),
                Map.of("key", "done", "stop", Map.of())));

    assertThatThrownBy(() -> omniFlow.playbooks().replace(owner, "staging", dropped))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("playbook_in_use");
              assertThat(e.getMessage())
                  .contains("keeps each step's key at its place")
                  .contains("step 2 was 'mark_contacted' and is 'done'")
                  .contains("(and 1 more)");
              assertThat(e.errors())
                  .extracting(InputError::path)
                  .containsExactly("/steps/1/key", "/steps/2");
            });
    assertThat(staged().status()).isEqualTo(OrgPlaybook.Status.INVALID);
    assertThat(staged().playbook().steps()).hasSize(3);

    assertThatThrownBy(
            () -> omniFlow.playbooks().replace(owner, "staging", stagingRepaired(false, Map.of())))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("playbook_in_use");
              assertThat(e.errors()).extracting(InputError::path).containsExactly("/stop_on_reply");
            });
    assertThat(staged().status()).isEqualTo(OrgPlaybook.Status.INVALID);
  }

  @Test
  @DisplayName(
      "a playbook that still fits is not changed while an enrollment runs in it, in place or not"
          + " (decision 0067)")
  void aValidPlaybookInUseStaysLocked() {
    omniFlow.playbooks().create(owner, staging());
    Lead lead = lead("+14155550101");
    omniFlow.enrollments().apply(owner, lead.id(), "staging");

    assertThatThrownBy(
            () -> omniFlow.playbooks().replace(owner, "staging", stagingRepaired(true, Map.of())))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("playbook_in_use");
              assertThat(e.getMessage()).contains("Stop those enrollments first");
              assertThat(e.errors()).isEmpty();
            });
  }

  @Test
  @DisplayName(
      "a playbook that no longer fits, with leads enrolled, is refused a plain delete naming the way"
          + " out and writing nothing; deleted with its enrollments stopped, each ends as"
          + " playbook_deleted with its run cancelled and a history line, and the playbook is gone")
  void anInvalidPlaybookInUseIsDeletedWithItsEnrollmentsStopped() {
    UUID first = enrolledThenBroken();
    Lead other = lead("+14155550102");
    omniFlow.packs().select(owner, LeadTestPack.SLUG);
    omniFlow.enrollments().apply(owner, other.id(), "staging");
    omniFlow.packs().select(owner, LITE);
    UUID firstEnrollment = omniFlow.enrollments().get(owner, first).enrollment().id();

    assertThatThrownBy(() -> omniFlow.playbooks().delete(owner, "staging"))
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.code()).isEqualTo("playbook_in_use");
              assertThat(e.getMessage()).contains("stop_enrollments").contains("stop them first");
            });
    Actor agent = Actor.of(owner.orgId(), UUID.randomUUID(), Role.AGENT);
    assertThatThrownBy(() -> omniFlow.playbooks().delete(agent, "staging", true))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
    assertThat(staged().status()).isEqualTo(OrgPlaybook.Status.INVALID);
    for (UUID lead : List.of(first, other.id())) {
      assertThat(omniFlow.enrollments().get(owner, lead).enrollment().enrollment().status())
          .isEqualTo(Enrollment.Status.ACTIVE);
    }

    assertThat(omniFlow.playbooks().delete(owner, "staging", true)).isEmpty();

    assertThatThrownBy(this::staged)
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("unknown_playbook"));
    for (UUID lead : List.of(first, other.id())) {
      LeadNurture n = omniFlow.enrollments().get(owner, lead);
      assertThat(n.enrollment().enrollment().status()).isEqualTo(Enrollment.Status.STOPPED);
      assertThat(n.enrollment().enrollment().endReason()).isEqualTo("playbook_deleted");
      EnrollmentHistoryEntry last = n.history().get(n.history().size() - 1);
      assertThat(last.kind()).isEqualTo(EnrollmentHistoryEntry.Kind.STOPPED);
      assertThat(last.detail()).startsWith("playbook_deleted: by user " + owner.userId());
    }
    assertThat(omniFlow.enrollments().runStep(owner.orgId(), firstEnrollment)).isEmpty();
    assertThat(
            omniFlow.enrollments().get(owner, first).history().stream()
                .filter(h -> h.kind() == EnrollmentHistoryEntry.Kind.STOPPED))
        .hasSize(1);
  }

  @Test
  @DisplayName(
      "deleting a playbook no enrollment runs in stops nothing, with or without stopping"
          + " enrollments")
  void deletingAnIdlePlaybookWithEnrollmentsStoppedStopsNothing() {
    omniFlow.playbooks().create(owner, staging());
    Lead lead = lead("+14155550103");
    omniFlow.enrollments().apply(owner, lead.id(), "staging");
    omniFlow.enrollments().stop(owner, lead.id());

    assertThat(omniFlow.playbooks().delete(owner, "staging", true)).isEmpty();

    LeadNurture n = omniFlow.enrollments().get(owner, lead.id());
    assertThat(n.enrollment().enrollment().endReason()).isEqualTo("stopped_by_user");
  }

  @Test
  @DisplayName("a fix that still does not fit the pack is refused as invalid, enrollments or not")
  void aRepairThatStillDoesNotFitIsInvalid() {
    enrolledThenBroken();

    assertThatThrownBy(() -> omniFlow.playbooks().replace(owner, "staging", staging()))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("invalid_playbook"));
  }
}
