package ai.omniflow.sla;

import ai.omniflow.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The SLA clock of one thread as the store keeps it: which clock (first or next response), whether
 * it runs, is paused or stopped, its window and when it warns and is due. {@link SlaClock#apply}
 * moves it on with each message; {@link SlaClock#read(ThreadClock, Instant)} reads it at an
 * instant. A lead shows its thread's clock.
 *
 * <pre>{@code
 * ThreadClock c = clock.apply(null, threadId, "instagram_dm", null, TimelineEvent.inbound(at));
 * c.dueAt(); c.warnAt(); clock.read(c, now).state();
 * }</pre>
 *
 * <p>Instants are kept to the microsecond (what PostgreSQL keeps), so a clock reads back equal.
 * Immutable and thread-safe.
 *
 * @param startedAt the inbound message that started this clock; with the thread, it names the
 *     clock's scheduled steps ({@link SlaStep#instanceId})
 * @param runningSince when the clock last started or resumed counting
 * @param window the window of the clock's target
 * @param used the clock's time used before {@code runningSince} (non-zero after a pause)
 * @param wallTime whether the clock counts wall time (else the calendar's business time)
 * @param warnAt when a running clock reaches the warning threshold; {@code null} unless running
 * @param dueAt when the window is used up; {@code null} while paused in time, or never reachable
 * @param stoppedAt the human reply that stopped the clock, or {@code null}
 * @param breached whether the clock went past its due time before a pause or its stop
 * @param fired the steps already done, one bit per {@link SlaStep#index()}
 * @throws ai.omniflow.OmniFlowException {@code invalid_clock} (invalid input) for a window not in
 *     (0, 30 days], negative time used, instants outside 2000–2250 or fired bits beyond the steps
 */
public record ThreadClock(
    UUID threadId,
    SlaReading.Clock kind,
    Phase phase,
    Instant startedAt,
    Instant runningSince,
    Duration window,
    Duration used,
    boolean wallTime,
    @Nullable Instant warnAt,
    @Nullable Instant dueAt,
    @Nullable Instant stoppedAt,
    boolean breached,
    int fired) {

  /** Whether a clock counts, waits on the customer, or was stopped by a human reply. */
  public enum Phase {
    /** Counting toward its due time. */
    RUNNING,
    /** Paused by an automatic reply until the customer writes again. */
    PAUSED,
    /** Stopped by a human reply. */
    STOPPED;

    /** The wire name, e.g. {@code running}. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ThreadClock {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(phase, "phase");
    startedAt = micros("startedAt", startedAt);
    runningSince = micros("runningSince", runningSince);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(used, "used");
    if (window.isNegative()
        || window.isZero()
        || window.compareTo(BusinessCalendar.MAX_WINDOW) > 0
        || used.isNegative()
        || used.compareTo(Duration.ofDays(100_000)) > 0) {
      throw SlaProblems.invalid("clock", "clock window or time used out of range.");
    }
    warnAt = warnAt == null ? null : micros("warnAt", warnAt);
    dueAt = dueAt == null ? null : micros("dueAt", dueAt);
    stoppedAt = stoppedAt == null ? null : micros("stoppedAt", stoppedAt);
    if (fired < 0 || fired >= (1 << SlaStep.MAX_STEPS)) {
      throw SlaProblems.invalid("clock", "clock fired steps out of range.");
    }
    if ((phase == Phase.STOPPED) != (stoppedAt != null)) {
      throw SlaProblems.invalid("clock", "a clock has a stop time exactly when it is stopped.");
    }
  }

  private static Instant micros(String field, Instant at) {
    Objects.requireNonNull(at, field);
    if (at.isBefore(Limits.EARLIEST) || at.isAfter(ai.omniflow.sla.internal.TimeAxis.HORIZON)) {
      throw SlaProblems.invalid("clock", "clock instants must lie from 2000 to 2250.");
    }
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Where this clock stands at {@code now} under a policy whose warning threshold is {@code
   * warningThreshold}: what {@link SlaClock#read(ThreadClock, Instant)} answers as the state, and
   * what thread lists filter by (decision 0071).
   *
   * <ul>
   *   <li>stopped: {@code breached} if the reply came late, else {@code met};
   *   <li>paused: {@code breached} if it went past its due time before pausing, {@code at_risk} if
   *       the time used reaches the warning share of the window ({@link #warningPoint}), else
   *       {@code on_track};
   *   <li>running: {@code on_track} without a due time; {@code breached} if breached before or
   *       {@code now} is after the due time; {@code at_risk} from the stored warning time {@link
   *       #warnAt()} on (the instant the warning step fires); else {@code on_track}.
   * </ul>
   *
   * <p>Never {@link SlaState#NONE}: that is a thread without a clock.
   *
   * @param warningThreshold the policy's warning threshold, in (0, 1)
   */
  public SlaState state(Instant now, double warningThreshold) {
    Objects.requireNonNull(now, "now");
    return switch (phase) {
      case STOPPED -> breached ? SlaState.BREACHED : SlaState.MET;
      case PAUSED -> {
        if (breached) {
          yield SlaState.BREACHED;
        }
        yield used.toNanos() >= warningPoint(window, warningThreshold)
            ? SlaState.AT_RISK
            : SlaState.ON_TRACK;
      }
      case RUNNING -> {
        if (dueAt == null) {
          yield SlaState.ON_TRACK;
        }
        if (breached || now.isAfter(dueAt)) {
          yield SlaState.BREACHED;
        }
        yield warnAt != null && !now.isBefore(warnAt) ? SlaState.AT_RISK : SlaState.ON_TRACK;
      }
    };
  }

  /**
   * The time used, in nanoseconds, at which a clock with {@code window} reaches the warning
   * threshold: {@code ceil(window × threshold)}, computed in doubles as the stores compute it.
   */
  public static long warningPoint(Duration window, double warningThreshold) {
    return (long) Math.ceil(window.toNanos() * warningThreshold);
  }

  /** Whether step {@code index} was done already. */
  public boolean hasFired(int index) {
    return (fired & (1 << index)) != 0;
  }

  /** This clock with step {@code index} marked done. */
  public ThreadClock withFired(int index) {
    return new ThreadClock(
        threadId,
        kind,
        phase,
        startedAt,
        runningSince,
        window,
        used,
        wallTime,
        warnAt,
        dueAt,
        stoppedAt,
        breached,
        fired | (1 << index));
  }

  /** The policy part the API shows: {@code first_response 5 min of business time}. */
  public String policyLabel() {
    return kind.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + window
        + (wallTime ? " wall time" : " business time");
  }
}
