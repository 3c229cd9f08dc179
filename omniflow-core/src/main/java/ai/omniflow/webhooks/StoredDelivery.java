package ai.omniflow.webhooks;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A webhook delivery as the store holds it: what was received and where its processing stands.
 *
 * @param id the store's id, increasing in order of receipt
 * @param delivery what was received
 * @param status where it stands
 * @param attempts how many times a worker claimed it
 * @param nextAttemptAt the earliest time a worker may claim it
 * @param orgId the org its events belong to (the first one's, when a delivery spans several), or
 *     null while unknown
 * @param eventCount how many events its last processing parsed
 * @param lastError why its last attempt failed, at most {@value #MAX_ERROR} characters, or null
 * @param processedAt when it was last settled, or null
 */
public record StoredDelivery(
    long id,
    InboundDelivery delivery,
    WebhookStatus status,
    int attempts,
    Instant nextAttemptAt,
    @Nullable UUID orgId,
    int eventCount,
    @Nullable String lastError,
    @Nullable Instant processedAt) {

  /** The longest error text kept. */
  public static final int MAX_ERROR = 500;

  /**
   * @throws IllegalArgumentException if a count is negative or the error is too long
   * @throws NullPointerException if a non-null part is null
   */
  public StoredDelivery {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (attempts < 0 || eventCount < 0) {
      throw new IllegalArgumentException("attempts and eventCount must not be negative");
    }
    if (lastError != null && lastError.length() > MAX_ERROR) {
      throw new IllegalArgumentException("lastError must be at most " + MAX_ERROR + " characters");
    }
  }
}
