package ai.omniflow.guardrails;

import java.time.LocalTime;
import java.util.Objects;

/**
 * The hours of the recipient's local day in which marketing messages may go; outside them are the
 * quiet hours. Within one day: {@code from} before {@code until}.
 *
 * <pre>{@code
 * SendingHours florida = new SendingHours(LocalTime.of(8, 0), LocalTime.of(20, 0));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the first moment of the day a message may go
 * @param until the first moment after it when none may go any more
 */
public record SendingHours(LocalTime from, LocalTime until) {
  /** 08:00 to 21:00, the hours the TCPA allows telephone solicitations in (47 CFR 64.1200). */
  public static final SendingHours DEFAULT =
      new SendingHours(LocalTime.of(8, 0), LocalTime.of(21, 0));

  /**
   * @throws IllegalArgumentException if {@code from} is not before {@code until}
   * @throws NullPointerException if either is null
   */
  public SendingHours {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (!from.isBefore(until)) {
      throw new IllegalArgumentException("sending hours must start before they end");
    }
  }

  /** Whether these hours lie within {@code other}: they are at least as strict. */
  public boolean within(SendingHours other) {
    return !from.isBefore(other.from) && !until.isAfter(other.until);
  }
}
