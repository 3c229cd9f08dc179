package ai.omniflow.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.internal.SlaClocksWithin.Kind;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.SlaClock;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SlaTarget;
import ai.omniflow.sla.ThreadClock;
import ai.omniflow.sla.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The clock keeping reads neither the policy nor the calendar for a message that leaves the clock
 * as it is (decision 0097): that shortcut must agree with {@link SlaClock#apply} for every phase,
 * message kind, policy and time.
 */
@DisplayName("A message the clock keeping leaves alone")
class ClockLeftAsIsTest {
  private static final UUID THREAD = UUID.randomUUID();
  private static final Instant START = Instant.parse("2026-03-09T10:00:00Z");

  @Test
  @DisplayName("is one that SlaClock.apply leaves as it is, under every policy and at every time")
  void isOneThatApplyLeavesAsIs() {
    List<SlaClock> clocks = new ArrayList<>();
    for (boolean businessHours : new boolean[] {true, false}) {
      for (boolean pause : new boolean[] {true, false}) {
        SlaPolicy policy =
            new SlaPolicy(
                List.of(SlaTarget.everywhere(Duration.ofHours(1))),
                0.75,
                businessHours,
                pause,
                List.of());
        clocks.add(SlaClock.of(policy, BusinessCalendar.alwaysOpen()));
        clocks.add(
            SlaClock.of(
                policy,
                BusinessCalendar.weekdays(
                    ZoneOffset.UTC, LocalTime.of(9, 0), LocalTime.of(17, 0))));
      }
    }
    int leftAlone = 0;
    for (SlaClock clock : clocks) {
      for (@Nullable ThreadClock before : befores()) {
        for (Kind kind : Kind.values()) {
          for (Instant at :
              List.of(START.minusSeconds(60), START.plusSeconds(600), START.plusSeconds(7200))) {
            if (!ClockKeeping.leavesAsIs(before, kind)) {
              continue;
            }
            leftAlone++;
            ThreadClock after = clock.apply(before, THREAD, "sms", null, event(kind, at));
            assertThat(after).as("%s on %s at %s", kind, before, at).isEqualTo(before);
          }
        }
      }
    }
    assertThat(leftAlone).isPositive();
  }

  @Test
  @DisplayName("is never one that starts, resumes, stops or pauses a clock")
  void isNeverOneThatMovesAClock() {
    ThreadClock running = befores().get(1);
    ThreadClock paused = befores().get(2);
    ThreadClock stopped = befores().get(3);
    assertThat(ClockKeeping.leavesAsIs(null, Kind.INBOUND)).isFalse();
    assertThat(ClockKeeping.leavesAsIs(stopped, Kind.INBOUND)).isFalse();
    assertThat(ClockKeeping.leavesAsIs(paused, Kind.INBOUND)).isFalse();
    assertThat(ClockKeeping.leavesAsIs(running, Kind.HUMAN_REPLY)).isFalse();
    assertThat(ClockKeeping.leavesAsIs(paused, Kind.HUMAN_REPLY)).isFalse();
    assertThat(ClockKeeping.leavesAsIs(running, Kind.AUTOMATIC_REPLY)).isFalse();
  }

  /** No clock, then a clock running, paused and stopped. */
  private static List<@Nullable ThreadClock> befores() {
    Duration window = Duration.ofHours(1);
    List<@Nullable ThreadClock> out = new ArrayList<>();
    out.add(null);
    out.add(
        new ThreadClock(
            THREAD,
            SlaReading.Clock.FIRST_RESPONSE,
            ThreadClock.Phase.RUNNING,
            START,
            START,
            window,
            Duration.ZERO,
            true,
            START.plus(Duration.ofMinutes(45)),
            START.plus(window),
            null,
            false,
            0));
    out.add(
        new ThreadClock(
            THREAD,
            SlaReading.Clock.FIRST_RESPONSE,
            ThreadClock.Phase.PAUSED,
            START,
            START.plusSeconds(300),
            window,
            Duration.ofMinutes(5),
            true,
            null,
            null,
            null,
            false,
            0));
    out.add(
        new ThreadClock(
            THREAD,
            SlaReading.Clock.NEXT_RESPONSE,
            ThreadClock.Phase.STOPPED,
            START,
            START,
            window,
            Duration.ofMinutes(5),
            true,
            null,
            null,
            START.plusSeconds(300),
            false,
            0));
    return out;
  }

  private static TimelineEvent event(Kind kind, Instant at) {
    return switch (kind) {
      case INBOUND -> TimelineEvent.inbound(at);
      case HUMAN_REPLY -> TimelineEvent.humanReply(at);
      case AUTOMATIC_REPLY -> TimelineEvent.automaticReply(at);
    };
  }
}
