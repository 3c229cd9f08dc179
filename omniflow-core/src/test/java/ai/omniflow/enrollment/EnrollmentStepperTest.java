package ai.omniflow.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.guardrails.ConsentState;
import ai.omniflow.guardrails.ContactFacts;
import ai.omniflow.guardrails.GuardrailErrors;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.PlaybookStep.Branch;
import ai.omniflow.nurture.PlaybookStep.CreateTask;
import ai.omniflow.nurture.PlaybookStep.Send;
import ai.omniflow.nurture.PlaybookStep.Stop;
import ai.omniflow.nurture.PlaybookStep.Wait;
import ai.omniflow.nurture.TaskKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Moving an enrollment on")
class EnrollmentStepperTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final Instant NOON = Instant.parse("2026-06-01T16:00:00Z"); // 12:00 in New York
  static final Instant LATE = Instant.parse("2026-06-02T03:00:00Z"); // 23:00 in New York
  static final EnrollmentStepper STEPPER = new EnrollmentStepper(Guardrails.ofDefaults());
  static final ContactFacts CONSENTING =
      ContactFacts.builder().consentEverywhere(ConsentState.GIVEN).zone(NEW_YORK).build();

  static final Playbook GENTLE =
      new Playbook(
          "gentle-follow-up",
          "Gentle",
          "",
          true,
          List.of(
              new Send("nudge", "check_in", Channel.SMS),
              new Wait("two_days", Duration.ofDays(2)),
              new CreateTask("call", TaskKind.CALL, "Call", Duration.ofHours(4))));

  static final Playbook WARM =
      new Playbook(
          "warm-lead-push",
          "Warm",
          "",
          false,
          List.of(
              new Send("offer", "warm_push", null),
              new Wait("a_day", Duration.ofDays(1)),
              new Branch("wants", Branch.On.INTENT, List.of("showing_request"), "book", null),
              new Branch("gone", Branch.On.INTENT, List.of("not_interested"), "done", null),
              new Send("last", "last_call", null),
              new Stop("done"),
              new CreateTask("book", TaskKind.SHOWING, "Book it", Duration.ofHours(2))));

  static Enrollment start(Playbook p, Instant at) {
    return Enrollment.start(UUID.randomUUID(), UUID.randomUUID(), p.key(), at);
  }

  @Test
  @DisplayName(
      "a step named invalid ends the enrollment there with playbook_invalid when reached, after"
          + " the branches before it ran")
  void anInvalidStepEndsTheEnrollmentWhenReached() {
    Enrollment e = start(WARM, NOON);
    Advance sent =
        STEPPER.advance(
            WARM, e, CONSENTING, Channel.SMS, Replies.NONE, LeadState.UNKNOWN, NOON, Set.of(4));
    assertThat(sent).isInstanceOf(Advance.Send.class);
    Advance waiting =
        STEPPER.advance(
            WARM,
            sent.enrollment(),
            CONSENTING,
            Channel.SMS,
            Replies.NONE,
            LeadState.UNKNOWN,
            NOON,
            Set.of(4));
    Instant later = NOON.plus(Duration.ofDays(1));
    // No reply: both intent branches fall through to step 4, the invalid one.
    Advance ended =
        STEPPER.advance(
            WARM,
            waiting.enrollment(),
            CONSENTING,
            Channel.SMS,
            Replies.NONE,
            LeadState.UNKNOWN,
            later,
            Set.of(4));
    assertThat(ended).isInstanceOf(Advance.Ended.class);
    assertThat(ended.enrollment().status()).isEqualTo(Enrollment.Status.STOPPED);
    assertThat(ended.enrollment().endReason()).isEqualTo("playbook_invalid");
    assertThat(ended.enrollment().step()).isEqualTo(4);
  }

  @Test
  @DisplayName("sends the first step when the guardrails allow it, then waits, then makes the task")
  void runsTheGentleFollowUpToItsEnd() {
    Advance first =
        STEPPER.advance(GENTLE, start(GENTLE, NOON), CONSENTING, null, Replies.NONE, NOON);
    assertThat(first).isInstanceOf(Advance.Send.class);
    assertThat(((Advance.Send) first).channel()).isEqualTo(Channel.SMS);
    assertThat(first.enrollment().step()).isEqualTo(1);
    assertThat(first.enrollment().lastSendAt()).isEqualTo(NOON);

    Advance waiting =
        STEPPER.advance(GENTLE, first.enrollment(), CONSENTING, null, Replies.NONE, NOON);
    assertThat(waiting).isInstanceOf(Advance.Wait.class);
    assertThat(waiting.enrollment().nextRunAt()).isEqualTo(NOON.plus(Duration.ofDays(2)));

    Advance early =
        STEPPER.advance(
            GENTLE, waiting.enrollment(), CONSENTING, null, Replies.NONE, NOON.plusSeconds(60));
    assertThat(early).isInstanceOf(Advance.Wait.class);
    assertThat(early.enrollment()).isEqualTo(waiting.enrollment());

    Instant later = NOON.plus(Duration.ofDays(2));
    Advance task =
        STEPPER.advance(GENTLE, waiting.enrollment(), CONSENTING, null, Replies.NONE, later);
    assertThat(task).isInstanceOf(Advance.CreateTask.class);
    assertThat(((Advance.CreateTask) task).dueAt()).isEqualTo(later.plus(Duration.ofHours(4)));

    Advance end = STEPPER.advance(GENTLE, task.enrollment(), CONSENTING, null, Replies.NONE, later);
    assertThat(end).isInstanceOf(Advance.Ended.class);
    assertThat(end.enrollment().status()).isEqualTo(Enrollment.Status.COMPLETED);
    assertThat(end.enrollment().endReason()).isEqualTo("completed");
  }

  @Test
  @DisplayName(
      "asks for a stage change at a stage step, due now at the next step, even at night with no"
          + " consent: it sends nothing")
  void asksForAStageChange() {
    Playbook staging =
        new Playbook(
            "staging",
            "Staging",
            "",
            true,
            List.of(
                new PlaybookStep.ChangeStage("mark", "contacted"),
                new CreateTask("call", TaskKind.CALL, "Call", Duration.ZERO)));
    Advance a =
        STEPPER.advance(
            staging,
            start(staging, LATE),
            ContactFacts.builder().zone(NEW_YORK).build(),
            null,
            Replies.NONE,
            LATE);
    assertThat(a).isInstanceOf(Advance.ChangeStage.class);
    assertThat(((Advance.ChangeStage) a).step().stage()).isEqualTo("contacted");
    assertThat(a.enrollment().step()).isEqualTo(1);
    assertThat(a.enrollment().nextRunAt()).isEqualTo(LATE);
    assertThat(a.enrollment().active()).isTrue();
  }

  @Test
  @DisplayName("defers a send at night to the morning in the contact's zone, at the same step")
  void defersAtNight() {
    Advance a = STEPPER.advance(GENTLE, start(GENTLE, LATE), CONSENTING, null, Replies.NONE, LATE);
    assertThat(a).isInstanceOf(Advance.Deferred.class);
    assertThat(((Advance.Deferred) a).decision().code()).isEqualTo(GuardrailErrors.QUIET_HOURS);
    assertThat(a.enrollment().step()).isZero();
    assertThat(a.enrollment().nextRunAt()).isEqualTo(Instant.parse("2026-06-02T12:00:00Z"));
    assertThat(a.enrollment().active()).isTrue();
  }

  @Test
  @DisplayName("stops on an opt-out, and on any reply when the playbook stops on reply")
  void stopsOnOptOutAndReply() {
    Enrollment e = start(GENTLE, NOON);
    Advance optOut =
        STEPPER.advance(GENTLE, e, CONSENTING, null, new Replies(true, null, true), NOON);
    assertThat(optOut.enrollment().status()).isEqualTo(Enrollment.Status.STOPPED);
    assertThat(optOut.enrollment().endReason()).isEqualTo("opted_out");
    Advance reply =
        STEPPER.advance(GENTLE, e, CONSENTING, null, new Replies(true, null, false), NOON);
    assertThat(reply.enrollment().endReason()).isEqualTo("replied");
  }

  @Test
  @DisplayName("ends for good when consent was withdrawn, sending nothing")
  void endsWhenConsentIsWithdrawn() {
    ContactFacts withdrawn =
        ContactFacts.builder().consentEverywhere(ConsentState.WITHDRAWN).zone(NEW_YORK).build();
    Advance a = STEPPER.advance(GENTLE, start(GENTLE, NOON), withdrawn, null, Replies.NONE, NOON);
    assertThat(a).isInstanceOf(Advance.Ended.class);
    assertThat(a.enrollment().endReason()).isEqualTo(GuardrailErrors.CONTACT_OPTED_OUT);
  }

  @Test
  @DisplayName("branches on the reply's intent to book a showing, and completes on not interested")
  void branchesOnIntent() {
    Advance sent =
        STEPPER.advance(WARM, start(WARM, NOON), CONSENTING, Channel.SMS, Replies.NONE, NOON);
    assertThat(((Advance.Send) sent).channel()).isEqualTo(Channel.SMS);
    Enrollment waiting =
        STEPPER
            .advance(WARM, sent.enrollment(), CONSENTING, Channel.SMS, Replies.NONE, NOON)
            .enrollment();
    Instant next = NOON.plus(Duration.ofDays(1));
    Advance book =
        STEPPER.advance(
            WARM, waiting, CONSENTING, null, new Replies(true, "showing_request", false), next);
    assertThat(book).isInstanceOf(Advance.CreateTask.class);
    assertThat(((Advance.CreateTask) book).step().task()).isEqualTo(TaskKind.SHOWING);
    Advance gone =
        STEPPER.advance(
            WARM, waiting, CONSENTING, null, new Replies(true, "not_interested", false), next);
    assertThat(gone.enrollment().status()).isEqualTo(Enrollment.Status.COMPLETED);
  }

  @Test
  @DisplayName(
      "ends with no_reachable_channel when a send names no channel and the contact wrote on none")
  void noChannel() {
    Advance a = STEPPER.advance(WARM, start(WARM, NOON), CONSENTING, null, Replies.NONE, NOON);
    assertThat(a.enrollment().endReason()).isEqualTo("no_reachable_channel");
  }

  @Test
  @DisplayName("refuses an enrollment of another playbook or one that has ended")
  void refusesAForeignOrEndedEnrollment() {
    assertThatThrownBy(
            () -> STEPPER.advance(WARM, start(GENTLE, NOON), CONSENTING, null, Replies.NONE, NOON))
        .isInstanceOf(IllegalArgumentException.class);
    Enrollment ended =
        STEPPER
            .advance(
                GENTLE, start(GENTLE, NOON), CONSENTING, null, new Replies(true, null, true), NOON)
            .enrollment();
    assertThatThrownBy(() -> STEPPER.advance(GENTLE, ended, CONSENTING, null, Replies.NONE, NOON))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
