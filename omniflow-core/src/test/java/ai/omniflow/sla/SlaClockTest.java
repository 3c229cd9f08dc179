package ai.omniflow.sla;

import static ai.omniflow.sla.TimelineEvent.automaticReply;
import static ai.omniflow.sla.TimelineEvent.humanReply;
import static ai.omniflow.sla.TimelineEvent.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("An SLA clock")
class SlaClockTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final BusinessCalendar OFFICE =
      BusinessCalendar.weekdays(NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0));
  static final SlaClock GENERIC = SlaClock.of(SlaPolicy.genericDefault(), OFFICE);

  /** A local time in New York on the week of Monday 2026-06-01. */
  static Instant ny(String local) {
    return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
  }

  static SlaReading read(SlaClock clock, List<TimelineEvent> timeline, String now) {
    return clock.read("instagram_dm", null, timeline, ny(now));
  }

  @Nested
  @DisplayName("for a first response")
  class FirstResponse {
    final List<TimelineEvent> asked = List.of(inbound(ny("2026-06-01T10:00")));

    @Test
    @DisplayName("does not exist before the customer writes")
    void noneWithoutInbound() {
      assertThat(read(GENERIC, List.of(), "2026-06-01T10:00")).isEqualTo(SlaReading.NONE);
      assertThat(read(GENERIC, List.of(humanReply(ny("2026-06-01T09:00"))), "2026-06-01T10:00"))
          .isEqualTo(SlaReading.NONE);
    }

    @Test
    @DisplayName(
        "is on track, then at risk past the warning threshold, then breached after its due time")
    void onTrackAtRiskBreached() {
      SlaReading early = read(GENERIC, asked, "2026-06-01T10:30");
      assertThat(early.state()).isEqualTo(SlaState.ON_TRACK);
      assertThat(early.clock()).isEqualTo(SlaReading.Clock.FIRST_RESPONSE);
      assertThat(early.dueAt()).isEqualTo(ny("2026-06-01T11:00"));
      assertThat(early.businessSecondsLeft()).isEqualTo(1_800L);

      SlaReading late = read(GENERIC, asked, "2026-06-01T10:45");
      assertThat(late.state()).isEqualTo(SlaState.AT_RISK);
      assertThat(late.businessSecondsLeft()).isEqualTo(900L);

      SlaReading breached = read(GENERIC, asked, "2026-06-01T11:30");
      assertThat(breached.state()).isEqualTo(SlaState.BREACHED);
      assertThat(breached.businessSecondsLeft()).isEqualTo(-1_800L);
    }

    @Test
    @DisplayName("is stopped by a human reply, not by an automatic one")
    void humanRepliesStopIt() {
      List<TimelineEvent> timeline =
          List.of(
              inbound(ny("2026-06-01T10:00")),
              automaticReply(ny("2026-06-01T10:00:05")),
              humanReply(ny("2026-06-01T10:40")));

      assertThat(read(GENERIC, timeline.subList(0, 2), "2026-06-01T11:01").state())
          .isEqualTo(SlaState.BREACHED);
      SlaReading met = read(GENERIC, timeline, "2026-06-01T15:00");
      assertThat(met.state()).isEqualTo(SlaState.MET);
      assertThat(met.dueAt()).isEqualTo(ny("2026-06-01T11:00"));
      assertThat(met.businessSecondsLeft()).isEqualTo(1_200L);
    }

    @Test
    @DisplayName("stays breached when the reply comes late")
    void lateReply() {
      SlaReading r =
          read(
              GENERIC,
              List.of(inbound(ny("2026-06-01T10:00")), humanReply(ny("2026-06-01T11:10"))),
              "2026-06-01T12:00");
      assertThat(r.state()).isEqualTo(SlaState.BREACHED);
      assertThat(r.businessSecondsLeft()).isEqualTo(-600L);
    }

    @Test
    @DisplayName("counts only business hours, standing still over the weekend")
    void overTheWeekend() {
      List<TimelineEvent> friday = List.of(inbound(ny("2026-06-05T16:30")));

      SlaReading saturday = read(GENERIC, friday, "2026-06-06T12:00");
      assertThat(saturday.state()).isEqualTo(SlaState.ON_TRACK);
      assertThat(saturday.dueAt()).isEqualTo(ny("2026-06-08T09:30"));
      assertThat(saturday.businessSecondsLeft()).isEqualTo(1_800L);

      assertThat(read(GENERIC, friday, "2026-06-08T09:20").state()).isEqualTo(SlaState.AT_RISK);
    }

    @Test
    @DisplayName("ignores messages after now")
    void futureEventsIgnored() {
      List<TimelineEvent> timeline =
          List.of(inbound(ny("2026-06-01T10:00")), humanReply(ny("2026-06-01T10:20")));
      assertThat(read(GENERIC, timeline, "2026-06-01T10:10").state()).isEqualTo(SlaState.ON_TRACK);
    }
  }

  @Nested
  @DisplayName("for a next response")
  class NextResponse {
    @Test
    @DisplayName("restarts on the customer's next message after a reply, not on every message")
    void restartsAfterAReply() {
      List<TimelineEvent> timeline =
          List.of(
              inbound(ny("2026-06-01T10:00")),
              humanReply(ny("2026-06-01T10:10")),
              inbound(ny("2026-06-01T14:00")),
              inbound(ny("2026-06-01T14:15")));

      SlaReading r = read(GENERIC, timeline, "2026-06-01T14:20");
      assertThat(r.clock()).isEqualTo(SlaReading.Clock.NEXT_RESPONSE);
      assertThat(r.state()).isEqualTo(SlaState.ON_TRACK);
      assertThat(r.dueAt()).isEqualTo(ny("2026-06-01T15:00"));
    }
  }

  @Nested
  @DisplayName("that pauses while waiting on the customer")
  class Pausing {
    final SlaPolicy pausing =
        new SlaPolicy(
            List.of(SlaTarget.everywhere(Duration.ofHours(1))), 0.75, true, true, List.of());
    final List<TimelineEvent> timeline =
        List.of(
            inbound(ny("2026-06-01T10:00")),
            automaticReply(ny("2026-06-01T10:20")),
            inbound(ny("2026-06-01T14:00")),
            humanReply(ny("2026-06-01T14:30")));

    @Test
    @DisplayName("keeps the time used and has no due time until the customer answers")
    void pausesOnAnAutomaticQuestion() {
      SlaReading paused = read(SlaClock.of(pausing, OFFICE), timeline, "2026-06-01T13:00");
      assertThat(paused.paused()).isTrue();
      assertThat(paused.state()).isEqualTo(SlaState.ON_TRACK);
      assertThat(paused.dueAt()).isNull();
      assertThat(paused.businessSecondsLeft()).isEqualTo(2_400L);
    }

    @Test
    @DisplayName("resumes with the rest of the window when the customer writes again")
    void resumes() {
      SlaReading resumed = read(SlaClock.of(pausing, OFFICE), timeline, "2026-06-01T14:10");
      assertThat(resumed.clock()).isEqualTo(SlaReading.Clock.FIRST_RESPONSE);
      assertThat(resumed.dueAt()).isEqualTo(ny("2026-06-01T14:40"));
      assertThat(read(SlaClock.of(pausing, OFFICE), timeline, "2026-06-01T15:00").state())
          .isEqualTo(SlaState.MET);
    }

    @Test
    @DisplayName("does not pause when the policy says not to")
    void withoutPausing() {
      assertThat(read(GENERIC, timeline, "2026-06-01T13:00").state()).isEqualTo(SlaState.BREACHED);
    }
  }

  @Nested
  @DisplayName("with the real-estate pack's default")
  class RealEstate {
    final SlaClock clock = SlaClock.of(SlaPolicy.realEstateDefault(), OFFICE);

    @Test
    @DisplayName("gives 5 business minutes in hours")
    void inHours() {
      assertThat(read(clock, List.of(inbound(ny("2026-06-01T10:00"))), "2026-06-01T10:01").dueAt())
          .isEqualTo(ny("2026-06-01T10:05"));
      assertThat(read(clock, List.of(inbound(ny("2026-06-01T16:58"))), "2026-06-01T16:59").dueAt())
          .as("two minutes before closing, three the next morning")
          .isEqualTo(ny("2026-06-02T09:03"));
    }

    @Test
    @DisplayName("gives 15 wall-clock minutes to a message that comes after hours")
    void afterHours() {
      SlaReading r = read(clock, List.of(inbound(ny("2026-06-06T20:00"))), "2026-06-06T20:12");
      assertThat(r.dueAt()).isEqualTo(ny("2026-06-06T20:15"));
      assertThat(r.state()).isEqualTo(SlaState.AT_RISK);
      assertThat(r.businessSecondsLeft()).isEqualTo(180L);
    }
  }

  @Nested
  @DisplayName("in the worked example of docs/sla.md")
  class WorkedExample {
    // New York moves from EST to EDT on Sunday 2026-03-08.
    final List<TimelineEvent> timeline =
        List.of(
            inbound(Instant.parse("2026-03-06T21:30:00Z")),
            automaticReply(Instant.parse("2026-03-06T21:30:02Z")),
            humanReply(Instant.parse("2026-03-09T13:20:00Z")));

    SlaReading at(String utc) {
      return GENERIC.read("facebook_dm", null, timeline, Instant.parse(utc));
    }

    @Test
    @DisplayName(
        "stands still over the weekend and the change of offset, warns on Monday and is met")
    void acrossAWeekendAndADstChange() {
      SlaReading friday = at("2026-03-06T21:31:00Z");
      assertThat(friday.state()).isEqualTo(SlaState.ON_TRACK);
      assertThat(friday.dueAt()).isEqualTo(Instant.parse("2026-03-09T13:30:00Z"));

      assertThat(at("2026-03-07T18:00:00Z").businessSecondsLeft()).isEqualTo(1_800L);
      assertThat(at("2026-03-08T18:00:00Z").businessSecondsLeft()).isEqualTo(1_800L);

      SlaReading monday = at("2026-03-09T13:15:00Z");
      assertThat(monday.state()).isEqualTo(SlaState.AT_RISK);
      assertThat(monday.businessSecondsLeft()).isEqualTo(900L);

      SlaReading met = at("2026-03-09T15:00:00Z");
      assertThat(met.state()).isEqualTo(SlaState.MET);
      assertThat(met.businessSecondsLeft()).isEqualTo(600L);
      assertThat(Duration.between(Instant.parse("2026-03-06T21:30:00Z"), met.dueAt()))
          .isEqualTo(Duration.ofHours(64));
    }
  }

  @Test
  @DisplayName("refuses a timeline out of time order")
  void refusesDisorder() {
    assertThatThrownBy(
            () ->
                read(
                    GENERIC,
                    List.of(inbound(ny("2026-06-01T10:00")), inbound(ny("2026-06-01T09:00"))),
                    "2026-06-01T12:00"))
        .isInstanceOfSatisfying(
            OmniFlowException.class, e -> assertThat(e.code()).isEqualTo("invalid_timeline"));
  }
}
