package ai.omniflow.sla;

import java.util.Objects;

/**
 * A thread's stored SLA clock and its reading now: what the API shows as a thread's or lead's
 * {@code sla} ({@code state}, {@code due_at}, {@code business_seconds_left}, {@code policy}).
 *
 * <p>Immutable and thread-safe.
 */
public record ThreadSla(SlaReading reading, ThreadClock clock) {
  public ThreadSla {
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(clock, "clock");
  }
}
