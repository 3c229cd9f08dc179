package ai.omniflow.sla;

import ai.omniflow.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SLA clock of a thread as a pure function of its timeline: given the policy and calendar, read
 * the thread's messages up to now and answer where its clock stands.
 *
 * <pre>{@code
 * SlaClock clock = SlaClock.of(SlaPolicy.realEstateDefault(), officeCalendar);
 * SlaReading reading = clock.read("instagram_dm", "hot", timeline, now);
 * }</pre>
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>The first inbound message starts the first-response clock. The first human reply after it
 *       stops it; automatic replies do not. An inbound message after a stopped clock starts a
 *       next-response clock, which a human reply stops in turn. Inbound messages while a clock runs
 *       change nothing: the clock counts from the oldest unanswered one. A reply with no clock
 *       running (a message the business starts) starts nothing.
 *   <li>The window is the policy's target for the channel and band ({@link SlaPolicy#targetFor}).
 *       When the target has an after-hours window and the clock starts while the calendar is
 *       closed, that window applies and the clock runs in wall time. Otherwise the clock counts the
 *       calendar's business time when the policy is business-hours-only, else wall time.
 *   <li>With pause-while-waiting, an automatic reply while the clock runs (an auto-reply asking the
 *       customer a question) pauses it until the customer writes again; the time used so far is
 *       kept and the rest of the window runs from the customer's message. A paused clock has no due
 *       time and cannot breach, unless it had already passed its due time when it paused.
 *   <li>State: a running clock is {@code on_track}, {@code at_risk} once the used share of its
 *       window reaches the warning threshold, and {@code breached} after its due time. A stopped
 *       clock is {@code met} when the reply came at or before the due time, else {@code breached}.
 *       {@code none} when no inbound message came. Events after {@code now} are ignored.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class SlaClock {
  /** The most timeline events one reading accepts. */
  public static final int MAX_TIMELINE = 10_000;

  private final SlaPolicy policy;
  private final BusinessCalendar calendar;

  private SlaClock(SlaPolicy policy, BusinessCalendar calendar) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  /** The clock of {@code policy} on {@code calendar}. */
  public static SlaClock of(SlaPolicy policy, BusinessCalendar calendar) {
    return new SlaClock(policy, calendar);
  }

  public SlaPolicy policy() {
    return policy;
  }

  public BusinessCalendar calendar() {
    return calendar;
  }

  /**
   * Reads the clock of a thread on {@code channel}, whose lead is in score band {@code band}
   * ({@code null} without a lead), from its timeline in time order, at {@code now}.
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_channel}, {@code invalid_band}; {@code
   *     invalid_timeline} if longer than {@link #MAX_TIMELINE} or out of time order; {@code
   *     invalid_now} outside {@link Limits#EARLIEST}–{@link Limits#LATEST}
   */
  public SlaReading read(
      String channel, @Nullable String band, List<TimelineEvent> timeline, Instant now) {
    SlaTarget target = policy.targetFor(channel, band);
    Limits.instant("now", now);
    Limits.list("timeline", timeline, MAX_TIMELINE);
    Run run = null;
    boolean started = false;
    Instant previous = null;
    for (TimelineEvent e : timeline) {
      if (previous != null && e.at().isBefore(previous)) {
        throw SlaProblems.invalid("timeline", "timeline must be in time order.");
      }
      previous = e.at();
      if (e.at().isAfter(now)) {
        continue;
      }
      switch (e.kind()) {
        case INBOUND -> {
          if (run == null || run.stoppedAt != null) {
            SlaReading.Clock kind =
                started ? SlaReading.Clock.NEXT_RESPONSE : SlaReading.Clock.FIRST_RESPONSE;
            run = new Run(kind, target, e.at());
            started = true;
          } else if (run.paused) {
            run.resume(e.at());
          }
        }
        case HUMAN_REPLY -> {
          if (run != null && run.stoppedAt == null) {
            run.stop(e.at());
          }
        }
        case AUTOMATIC_REPLY -> {
          if (policy.pauseWhileWaiting() && run != null && run.stoppedAt == null && !run.paused) {
            run.pause(e.at());
          }
        }
      }
    }
    return run == null ? SlaReading.NONE : run.readAt(now);
  }

  /** One clock being replayed. */
  private final class Run {
    final SlaReading.Clock kind;
    final BusinessCalendar measure;
    final Duration window;
    Duration used = Duration.ZERO;
    Instant runningSince;
    @Nullable Instant due;
    boolean paused;
    boolean breached;
    @Nullable Instant stoppedAt;
    @Nullable Duration leftAtStop;

    Run(SlaReading.Clock kind, SlaTarget target, Instant at) {
      this.kind = kind;
      boolean afterHours = target.afterHours() != null && !calendar.isOpen(at);
      boolean wallTime = afterHours || !policy.businessHoursOnly();
      this.measure = wallTime ? BusinessCalendar.alwaysOpen() : calendar;
      this.window = target.window(kind, afterHours);
      this.runningSince = at;
      this.due = measure.dueAt(at, window);
    }

    void pause(Instant at) {
      if (due != null && at.isAfter(due)) {
        breached = true;
      }
      used = used.plus(measure.businessTimeBetween(runningSince, at));
      paused = true;
    }

    void resume(Instant at) {
      paused = false;
      runningSince = at;
      if (!breached) {
        Duration rest = window.minus(used);
        due = rest.isZero() || rest.isNegative() ? at : measure.dueAt(at, rest);
      }
    }

    void stop(Instant at) {
      stoppedAt = at;
      if (paused) {
        leftAtStop = window.minus(used);
        return;
      }
      Instant d = Objects.requireNonNull(due);
      if (at.isAfter(d)) {
        breached = true;
      }
      leftAtStop = measure.businessTimeBetween(at, d);
    }

    SlaReading readAt(Instant now) {
      if (stoppedAt != null) {
        SlaState state = breached ? SlaState.BREACHED : SlaState.MET;
        return new SlaReading(state, kind, paused && !breached ? null : due, leftAtStop, false);
      }
      if (paused) {
        Duration left = window.minus(used);
        SlaState state = breached ? SlaState.BREACHED : share(left);
        return new SlaReading(state, kind, breached ? due : null, left, true);
      }
      Instant d = Objects.requireNonNull(due);
      Duration left = measure.businessTimeBetween(now, d);
      SlaState state = now.isAfter(d) ? SlaState.BREACHED : share(left);
      return new SlaReading(state, kind, d, left, false);
    }

    private SlaState share(Duration left) {
      double usedShare = (double) window.minus(left).toNanos() / window.toNanos();
      return usedShare >= policy.warningThreshold() ? SlaState.AT_RISK : SlaState.ON_TRACK;
    }
  }
}
