package ai.omniflow.webhooks;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How a worker leaves a delivery it claimed: settled ({@link WebhookStatus#DONE}, {@link
 * WebhookStatus#DROPPED}, {@link WebhookStatus#FAILED}) or back to {@link WebhookStatus#PENDING}
 * for another attempt at {@code nextAttemptAt}.
 *
 * @param status the new status
 * @param orgId the org its events belong to, if known
 * @param eventCount how many events the connector parsed from it
 * @param error why the attempt failed (bounded, never platform text), or null
 * @param nextAttemptAt when it may be claimed again (only read for {@code PENDING})
 * @param at when it was settled
 */
public record Settlement(
    WebhookStatus status,
    @Nullable UUID orgId,
    int eventCount,
    @Nullable String error,
    Instant nextAttemptAt,
    Instant at) {
  /**
   * @throws IllegalArgumentException if the count is negative
   * @throws NullPointerException if a non-null part is null
   */
  public Settlement {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(at, "at");
    if (eventCount < 0) {
      throw new IllegalArgumentException("eventCount must not be negative");
    }
    if (error != null && error.length() > StoredDelivery.MAX_ERROR) {
      error = error.substring(0, StoredDelivery.MAX_ERROR);
    }
  }
}
