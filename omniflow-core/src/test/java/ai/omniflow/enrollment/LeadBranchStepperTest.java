package ai.omniflow.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.guardrails.ConsentState;
import ai.omniflow.guardrails.ContactFacts;
import ai.omniflow.guardrails.Guardrails;
import ai.omniflow.leads.ScoreBand;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep.Branch;
import ai.omniflow.nurture.PlaybookStep.CreateTask;
import ai.omniflow.nurture.PlaybookStep.Stop;
import ai.omniflow.nurture.PlaybookStep.Wait;
import ai.omniflow.nurture.TaskKind;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Moving an enrollment on by the lead and in business time")
class LeadBranchStepperTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final EnrollmentStepper STEPPER = new EnrollmentStepper(Guardrails.ofDefaults());
  static final ContactFacts CONSENTING =
      ContactFacts.builder().consentEverywhere(ConsentState.GIVEN).zone(NEW_YORK).build();
  static final List<LeadField> FIELDS =
      List.of(new LeadField("budget", "Budget", FieldType.MONEY, List.of()));
  static final BusinessCalendar OFFICE =
      BusinessCalendar.weekdays(NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0));
  // Friday 2026-06-05 17:00 in New York, as the office closes for the weekend.
  static final Instant FRIDAY_FIVE = Instant.parse("2026-06-05T21:00:00Z");
  static final Instant TUESDAY_NOON = Instant.parse("2026-06-02T16:00:00Z");

  static final Playbook SORTING =
      new Playbook(
          "sorting",
          "Sorting",
          "",
          true,
          List.of(
              new Branch("hot", Branch.On.BAND, List.of(), List.of("hot"), null, "call", null),
              new Branch(
                  "big",
                  Branch.On.FIELD,
                  List.of(),
                  List.of(),
                  new Condition.Leaf("budget", Operator.GTE, List.of(500_000L)),
                  "call",
                  null),
              new Wait("two_work_hours", Duration.ofHours(2), true),
              new Stop("done"),
              new CreateTask("call", TaskKind.CALL, "Call the lead", Duration.ZERO)));

  static LeadState lead(@Nullable Long budget, @Nullable ScoreBand band) {
    return new LeadState(
        FIELDS, CompiledRules.facts(FIELDS).set("budget", budget).build(), band, OFFICE);
  }

  static Advance first(LeadState lead, Instant at) {
    return STEPPER.advance(
        SORTING,
        Enrollment.start(UUID.randomUUID(), UUID.randomUUID(), SORTING.key(), at),
        CONSENTING,
        null,
        Replies.NONE,
        lead,
        at);
  }

  @Test
  @DisplayName("a hot lead goes to the call by the band branch")
  void aHotLeadIsCalled() {
    Advance a = first(lead(null, ScoreBand.HOT), TUESDAY_NOON);
    assertThat(a).isInstanceOf(Advance.CreateTask.class);
    assertThat(((Advance.CreateTask) a).step().key()).isEqualTo("call");
  }

  @Test
  @DisplayName("a warm lead with a big budget goes to the call by the field branch")
  void aBigBudgetIsCalled() {
    Advance a = first(lead(650_000L, ScoreBand.WARM), TUESDAY_NOON);
    assertThat(a).isInstanceOf(Advance.CreateTask.class);
  }

  @Test
  @DisplayName("a lead never scored and without a budget waits instead")
  void anUnknownLeadWaits() {
    Advance a = first(lead(null, null), TUESDAY_NOON);
    assertThat(a).isInstanceOf(Advance.Wait.class);
    assertThat(a.enrollment().nextRunAt()).isEqualTo(TUESDAY_NOON.plus(Duration.ofHours(2)));
  }

  @Test
  @DisplayName("two business hours set at 17:00 on a Friday end at 11:00 on Monday")
  void aBusinessWaitSpansTheWeekend() {
    Advance a = first(lead(100L, ScoreBand.COLD), FRIDAY_FIVE);
    assertThat(a).isInstanceOf(Advance.Wait.class);
    assertThat(a.enrollment().nextRunAt()).isEqualTo(Instant.parse("2026-06-08T15:00:00Z"));
    Advance early =
        STEPPER.advance(
            SORTING,
            a.enrollment(),
            CONSENTING,
            null,
            Replies.NONE,
            lead(100L, ScoreBand.COLD),
            Instant.parse("2026-06-08T14:59:00Z"));
    assertThat(early.enrollment()).isEqualTo(a.enrollment());
    Advance done =
        STEPPER.advance(
            SORTING,
            a.enrollment(),
            CONSENTING,
            null,
            Replies.NONE,
            lead(100L, ScoreBand.COLD),
            Instant.parse("2026-06-08T15:00:00Z"));
    assertThat(done.enrollment().status()).isEqualTo(Enrollment.Status.COMPLETED);
  }

  @Test
  @DisplayName("with an org calendar open around the clock, a business wait is a calendar wait")
  void anAlwaysOpenCalendarWaitsCalendarTime() {
    LeadState open =
        new LeadState(
            FIELDS, CompiledRules.facts(FIELDS).build(), null, BusinessCalendar.alwaysOpen());
    Advance a = first(open, FRIDAY_FIVE);
    assertThat(a.enrollment().nextRunAt()).isEqualTo(FRIDAY_FIVE.plus(Duration.ofHours(2)));
  }

  @Test
  @DisplayName("a condition that no longer compiles against the lead's fields ends the enrollment")
  void aStaleConditionEndsTheEnrollment() {
    Advance a = first(LeadState.UNKNOWN, TUESDAY_NOON);
    assertThat(a).isInstanceOf(Advance.Ended.class);
    assertThat(a.enrollment().status()).isEqualTo(Enrollment.Status.STOPPED);
    assertThat(a.enrollment().endReason()).isEqualTo("invalid_condition");
  }
}
