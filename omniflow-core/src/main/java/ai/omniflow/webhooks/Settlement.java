package ai.omniflow.webhooks;

import ai.omniflow.connectors.ConnectorAccount;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a worker leaves a delivery it claimed: settled ({@link WebhookStatus#DONE}, {@link
 * WebhookStatus#DROPPED}, {@link WebhookStatus#FAILED}) or back to {@link WebhookStatus#PENDING}
 * for another attempt at {@code nextAttemptAt}.
 *
 * @param status the new status
 * @param orgId the org its events belong to, if known
 * @param accountRef the connector account of its first event an org owns, if known; like {@code
 *     orgId}, a known account is kept when a later attempt learns none
 * @param eventCount how many events the connector parsed from it
 * @param errorCode the stable code of why the attempt failed (an error code, or a connector
 *     failure's kind in lower case), or null
 * @param error why the attempt failed (bounded, never platform text), or null
 * @param nextAttemptAt when it may be claimed again (only read for {@code PENDING})
 * @param at when it was settled
 */
public record Settlement(
    WebhookStatus status,
    @Nullable UUID orgId,
    @Nullable String accountRef,
    int eventCount,
    @Nullable String errorCode,
    @Nullable String error,
    Instant nextAttemptAt,
    Instant at) {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /**
   * @throws IllegalArgumentException if the count is negative, the account ref is not an account
   *     ref's shape or the error code not a code's ({@code [a-z][a-z0-9_]{0,63}})
   * @throws NullPointerException if a non-null part is null
   */
  public Settlement {
    Objects.requireNonNull(status, "status");
    if (accountRef != null && !ConnectorAccount.isAccountRef(accountRef)) {
      throw new IllegalArgumentException("accountRef must be a connector account ref");
    }
    if (errorCode != null && !CODE.matcher(errorCode).matches()) {
      throw new IllegalArgumentException("errorCode must match [a-z][a-z0-9_]{0,63}");
    }
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(at, "at");
    if (eventCount < 0) {
      throw new IllegalArgumentException("eventCount must not be negative");
    }
    if (error != null && error.length() > StoredDelivery.MAX_ERROR) {
      error = error.substring(0, StoredDelivery.MAX_ERROR);
    }
  }

  /** A settlement that names no account and no error code (as before V30). */
  public Settlement(
      WebhookStatus status,
      @Nullable UUID orgId,
      int eventCount,
      @Nullable String error,
      Instant nextAttemptAt,
      Instant at) {
    this(status, orgId, null, eventCount, null, error, nextAttemptAt, at);
  }
}
