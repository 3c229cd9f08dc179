package ai.omniflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A thread's SLA clock read at one instant: its state, which clock, when it is due and how much of
 * the window is left. Made by {@link SlaClock#read}.
 *
 * <pre>{@code
 * SlaReading r = clock.read("instagram_dm", "hot", timeline, now);
 * if (r.state() == SlaState.AT_RISK) { … r.dueAt() … r.businessSecondsLeft() … }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param state where the clock stands
 * @param clock the clock read: the thread's last one; {@code null} for {@link SlaState#NONE}
 * @param dueAt when the clock is (or was) due; {@code null} for {@link SlaState#NONE} and while the
 *     clock is paused, when no due time exists until the customer writes again
 * @param timeLeft the window left, in the clock's time (business time, or wall time for a wall-time
 *     clock): now until due for a running clock, the reply until due for a stopped one; negative
 *     once past due; {@code null} for {@link SlaState#NONE}
 * @param paused whether the clock is paused while waiting on the customer
 */
public record SlaReading(
    SlaState state,
    @Nullable Clock clock,
    @Nullable Instant dueAt,
    @Nullable Duration timeLeft,
    boolean paused) {

  /** Which of a thread's clocks. */
  public enum Clock {
    /** From the thread's first inbound message to the first human reply. */
    FIRST_RESPONSE,
    /** From an inbound message after a reply to the next human reply. */
    NEXT_RESPONSE
  }

  /** The reading of a thread on which no clock ever started. */
  public static final SlaReading NONE = new SlaReading(SlaState.NONE, null, null, null, false);

  public SlaReading {
    Objects.requireNonNull(state, "state");
  }

  /**
   * {@link #timeLeft()} in whole seconds, rounded toward zero (the issue's {@code
   * business_seconds_left}); {@code null} for {@link SlaState#NONE}.
   */
  public @Nullable Long businessSecondsLeft() {
    if (timeLeft == null) {
      return null;
    }
    return timeLeft.isNegative() ? -timeLeft.negated().getSeconds() : timeLeft.getSeconds();
  }
}
