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
 *   <li>State: a running clock is {@code on_track}, {@code at_risk} from its warning time on (when
 *       the time used reaches the warning threshold of its window, to the microsecond: the instant
 *       the warning step fires), and {@code breached} after its due time; a paused one is {@code
 *       at_risk} when the time used reaches that share ({@link ThreadClock#state}). A stopped clock
 *       is {@code met} when the reply came at or before the due time, else {@code breached}. {@code
 *       none} when no inbound message came. Events after {@code now} are ignored.
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

  /**
   * Moves a thread's stored clock on by one message, as {@link #read} replays a timeline: an
   * inbound message starts a clock when none runs (first response without {@code before}, else next
   * response) or resumes a paused one; a human reply stops a running or paused clock; an automatic
   * reply pauses a running clock when the policy pauses while waiting. An event that changes
   * nothing (an inbound message while a clock runs, a reply with no clock, an inbound message older
   * than the reply that stopped the last clock) returns {@code before}. The result carries the
   * warning and due times to schedule ({@link SlaStep#of}).
   *
   * @param before the thread's clock so far, or {@code null} if none ever started
   * @throws ai.omniflow.OmniFlowException {@code invalid_channel}, {@code invalid_band}
   */
  public @Nullable ThreadClock apply(
      @Nullable ThreadClock before,
      java.util.UUID threadId,
      String channel,
      @Nullable String band,
      TimelineEvent event) {
    Instant at = event.at();
    switch (event.kind()) {
      case INBOUND -> {
        if (before == null || before.phase() == ThreadClock.Phase.STOPPED) {
          if (before != null && at.isBefore(Objects.requireNonNull(before.stoppedAt()))) {
            return before;
          }
          SlaReading.Clock kind =
              before == null ? SlaReading.Clock.FIRST_RESPONSE : SlaReading.Clock.NEXT_RESPONSE;
          SlaTarget target = policy.targetFor(channel, band);
          boolean afterHours = target.afterHours() != null && !calendar.isOpen(at);
          boolean wallTime = afterHours || !policy.businessHoursOnly();
          Duration window = target.window(kind, afterHours);
          BusinessCalendar measure = measure(wallTime);
          return new ThreadClock(
              threadId,
              kind,
              ThreadClock.Phase.RUNNING,
              at,
              at,
              window,
              Duration.ZERO,
              wallTime,
              warnAt(measure, at, window, Duration.ZERO),
              dueOrNull(measure, at, window),
              null,
              false,
              0);
        }
        if (before.phase() == ThreadClock.Phase.PAUSED && !at.isBefore(before.runningSince())) {
          BusinessCalendar measure = measure(before.wallTime());
          Duration rest = before.window().minus(before.used());
          Instant due =
              before.breached()
                  ? before.dueAt()
                  : rest.isZero() || rest.isNegative() ? at : dueOrNull(measure, at, rest);
          Instant warn =
              before.breached() ? null : warnAt(measure, at, before.window(), before.used());
          return new ThreadClock(
              threadId,
              before.kind(),
              ThreadClock.Phase.RUNNING,
              before.startedAt(),
              at,
              before.window(),
              before.used(),
              before.wallTime(),
              warn,
              due,
              null,
              before.breached(),
              before.fired());
        }
        return before;
      }
      case HUMAN_REPLY -> {
        if (before == null || before.phase() == ThreadClock.Phase.STOPPED) {
          return before;
        }
        Instant due = before.dueAt();
        boolean running = before.phase() == ThreadClock.Phase.RUNNING;
        boolean late = before.breached() || (running && due != null && at.isAfter(due));
        // A stopped clock keeps the time it used (the window less what was left at the reply).
        Duration used = before.used();
        if (running) {
          BusinessCalendar measure = measure(before.wallTime());
          used =
              due == null
                  ? used.plus(measure.businessTimeBetween(before.runningSince(), at))
                  : before.window().minus(measure.businessTimeBetween(at, due));
          // On a calendar other than the one the clock started on (the thread's assignee changed,
          // or the calendar was edited), more business time than the window may lie before the
          // due time: the clock then used none of it.
          used = used.isNegative() ? Duration.ZERO : used;
        }
        return new ThreadClock(
            threadId,
            before.kind(),
            ThreadClock.Phase.STOPPED,
            before.startedAt(),
            before.runningSince(),
            before.window(),
            used,
            before.wallTime(),
            null,
            !running && !late ? null : due,
            at,
            late,
            before.fired());
      }
      case AUTOMATIC_REPLY -> {
        if (!policy.pauseWhileWaiting()
            || before == null
            || before.phase() != ThreadClock.Phase.RUNNING
            || at.isBefore(before.runningSince())) {
          return before;
        }
        Instant due = before.dueAt();
        boolean late = before.breached() || (due != null && at.isAfter(due));
        Duration used =
            before
                .used()
                .plus(measure(before.wallTime()).businessTimeBetween(before.runningSince(), at));
        return new ThreadClock(
            threadId,
            before.kind(),
            ThreadClock.Phase.PAUSED,
            before.startedAt(),
            at,
            before.window(),
            used,
            before.wallTime(),
            null,
            late ? due : null,
            null,
            late,
            before.fired());
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * Reads a stored clock at {@code now}, as {@link #read(String, String, List, Instant)} reads the
   * timeline that led to it.
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_now} outside {@link
   *     Limits#EARLIEST}–{@link Limits#LATEST}
   */
  public SlaReading read(ThreadClock c, Instant now) {
    Limits.instant("now", now);
    BusinessCalendar measure = measure(c.wallTime());
    Instant due = c.dueAt();
    SlaState state = c.state(now, policy.warningThreshold());
    switch (c.phase()) {
      case STOPPED -> {
        Duration left = c.window().minus(c.used());
        return new SlaReading(state, c.kind(), due, left, false);
      }
      case PAUSED -> {
        Duration left = c.window().minus(c.used());
        return new SlaReading(state, c.kind(), c.breached() ? due : null, left, true);
      }
      case RUNNING -> {
        if (due == null) {
          return new SlaReading(state, c.kind(), null, null, false);
        }
        Duration left = measure.businessTimeBetween(now, due);
        return new SlaReading(state, c.kind(), due, left, false);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private BusinessCalendar measure(boolean wallTime) {
    return wallTime ? BusinessCalendar.alwaysOpen() : calendar;
  }

  /** When the used time reaches the warning threshold, counting from {@code since}. */
  private @Nullable Instant warnAt(
      BusinessCalendar measure, Instant since, Duration window, Duration used) {
    long need = ThreadClock.warningPoint(window, policy.warningThreshold()) - used.toNanos();
    return need <= 0 ? since : dueOrNull(measure, since, Duration.ofNanos(need));
  }

  /** The due time, or {@code null} when the calendar is open too little to reach it by 2250. */
  private static @Nullable Instant dueOrNull(
      BusinessCalendar measure, Instant since, Duration window) {
    try {
      return measure.dueAt(since, window);
    } catch (ai.omniflow.OmniFlowException e) {
      return null;
    }
  }

  /** One clock being replayed. */
  private final class Run {
    final SlaReading.Clock kind;
    final BusinessCalendar measure;
    final Duration window;
    Duration used = Duration.ZERO;
    Instant runningSince;
    @Nullable Instant due;
    @Nullable Instant warn;
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
      this.warn = micros(warnAt(measure, at, window, Duration.ZERO));
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
        warn = micros(warnAt(measure, at, window, used));
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
        SlaState state =
            breached
                ? SlaState.BREACHED
                : used.toNanos() >= ThreadClock.warningPoint(window, policy.warningThreshold())
                    ? SlaState.AT_RISK
                    : SlaState.ON_TRACK;
        return new SlaReading(state, kind, breached ? due : null, left, true);
      }
      Instant d = Objects.requireNonNull(due);
      Duration left = measure.businessTimeBetween(now, d);
      // At risk from the warning time on, kept to the microsecond as a stored clock keeps it.
      SlaState state =
          now.isAfter(d)
              ? SlaState.BREACHED
              : warn != null && !now.isBefore(warn) ? SlaState.AT_RISK : SlaState.ON_TRACK;
      return new SlaReading(state, kind, d, left, false);
    }

    private static @Nullable Instant micros(@Nullable Instant at) {
      return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
  }
}
