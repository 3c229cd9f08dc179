package ai.omniflow.webhooks;

import ai.omniflow.connectors.ConnectorAccount;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The latest stored webhook delivery a connector account received, as {@link
 * WebhookService#lastDeliveries} reads it for the account's health: when it arrived and how its
 * processing stands. A delivery counts for the account of its first event an org owns, known once a
 * worker has parsed it (decision 0074); a delivery not parsed yet counts for no account.
 *
 * <pre>{@code
 * LastDelivery last = omniFlow.webhooks().lastDeliveries(actor).get(account.accountRef());
 * if (last != null && last.status() == WebhookStatus.FAILED) { show(last.errorCode()); }
 * }</pre>
 *
 * @param accountRef the connector account's ref
 * @param deliveryId the stored delivery's id
 * @param status where its processing stands: {@code done} (processed), {@code failed} (parked after
 *     its last attempt), {@code pending} (waiting for another attempt), {@code dropped}
 * @param receivedAt when it arrived
 * @param attempts how many times a worker claimed it
 * @param errorCode the code of why its last attempt failed, or null
 * @param processedAt when it was last settled, or null
 */
public record LastDelivery(
    String accountRef,
    long deliveryId,
    WebhookStatus status,
    Instant receivedAt,
    int attempts,
    @Nullable String errorCode,
    @Nullable Instant processedAt) {
  /**
   * @throws IllegalArgumentException if the account ref is not an account ref's shape or attempts
   *     is negative
   * @throws NullPointerException if a non-null part is null
   */
  public LastDelivery {
    if (!ConnectorAccount.isAccountRef(Objects.requireNonNull(accountRef, "accountRef"))) {
      throw new IllegalArgumentException("accountRef must be a connector account ref");
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
  }
}
