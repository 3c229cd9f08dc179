package ai.omniflow.routing;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.Instant;
import java.util.Objects;

/**
 * An out-of-office period: the agent takes no leads from {@code from} (inclusive) until {@code
 * until} (exclusive).
 *
 * <pre>{@code
 * TimeOff vacation = new TimeOff(Instant.parse("2026-07-01T00:00:00Z"),
 *     Instant.parse("2026-07-15T00:00:00Z"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link IllegalArgumentException} if {@code until} is not after {@code from}
 *
 * <p>Throws {@link OmniFlowException} {@code invalid_out_of_office} (invalid input) if either is
 * outside {@link Limits#EARLIEST} … {@link Limits#LATEST}
 */
public record TimeOff(Instant from, Instant until) {
  public TimeOff {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Limits.instant("out_of_office", from);
    Limits.instant("out_of_office", until);
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("out-of-office 'until' must be after 'from'");
    }
  }

  /** Whether {@code t} falls in this period. */
  public boolean covers(Instant t) {
    return !t.isBefore(from) && t.isBefore(until);
  }
}
