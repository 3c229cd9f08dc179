package ai.omniflow.routing;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One weekly working period of an agent, in the agent's time zone. A shift whose end is not after
 * its start runs overnight and ends on the next day ({@code FRIDAY 22:00–06:00} ends Saturday
 * 06:00; {@code 09:00–00:00} ends at midnight).
 *
 * <pre>{@code
 * Shift monday = new Shift(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link IllegalArgumentException} if start equals end
 */
public record Shift(DayOfWeek day, LocalTime start, LocalTime end) {
  public Shift {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("a shift's end must differ from its start");
    }
  }

  /** Whether the shift ends on the next day. */
  public boolean overnight() {
    return !end.isAfter(start);
  }
}
