package ai.omniflow.inbox;

import ai.omniflow.Limits;
import java.time.Duration;
import java.util.Objects;

/**
 * How far from now an inbound event's {@code sent_at} may lie for {@link InboxService#ingest} to
 * take it: not older than {@code maxAge}, not later than {@code maxAhead}. A {@code sent_at} in the
 * future would reopen a thread's reply window; one from far back would be stored and break
 * timelines. The default is {@link #DEFAULT}: 30 days back, 5 minutes ahead.
 *
 * <pre>{@code
 * OmniFlow.builder().sentAtWindow(new SentAtWindow(Duration.ofDays(7), Duration.ofMinutes(1)));
 * }</pre>
 *
 * <p>Immutable.
 *
 * <p>Throws {@link NullPointerException} if a component is null
 *
 * <p>Throws {@link IllegalArgumentException} if a component is outside its range
 *
 * @param maxAge how long before now a {@code sent_at} may be, 1 minute to 365 days
 * @param maxAhead how long after now a {@code sent_at} may be (clock skew), 0 to 1 hour
 */
public record SentAtWindow(Duration maxAge, Duration maxAhead) {
  /** 30 days back, 5 minutes ahead. */
  public static final SentAtWindow DEFAULT =
      new SentAtWindow(Limits.DEFAULT_MAX_SENT_AT_AGE, Limits.DEFAULT_MAX_SENT_AT_AHEAD);

  public SentAtWindow {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(maxAhead, "maxAhead");
    if (maxAge.compareTo(Duration.ofMinutes(1)) < 0 || maxAge.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("maxAge must be 1 minute to 365 days");
    }
    if (maxAhead.isNegative() || maxAhead.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("maxAhead must be 0 to 1 hour");
    }
  }
}
