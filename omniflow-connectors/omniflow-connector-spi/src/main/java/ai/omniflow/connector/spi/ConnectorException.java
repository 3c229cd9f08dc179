package ai.omniflow.connector.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A connector call that failed, with the {@link FailureKind} core acts on.
 *
 * <p>The message is written for operators and lands in logs and audit entries, so it must never
 * contain an access token, refresh token, authorization code, code verifier, app secret or webhook
 * verify token; the compatibility kit checks this. Name the platform's error code instead, e.g.
 * {@code "meta error 190 (token expired)"}.
 *
 * <pre>{@code
 * if (response.statusCode() == 429) {
 *   throw ConnectorException.rateLimited("acme answered 429", Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Instances are immutable. Connectors may subclass it to carry platform detail (an error code,
 * never a token); core looks only at {@link #kind()} and {@link #retryAfter()}.
 */
public class ConnectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;
  private final @Nullable Duration retryAfter;
  private final @Nullable String externalAccountId;

  /** The longest {@link #externalAccountId()}. */
  public static final int MAX_ACCOUNT_ID = 255;

  /**
   * A failure of the given kind.
   *
   * @throws NullPointerException if {@code kind} or {@code message} is null
   */
  public ConnectorException(FailureKind kind, String message) {
    this(kind, message, null, null);
  }

  /**
   * A failure of the given kind caused by {@code cause}. The cause's message must obey the same
   * secrecy rule as this exception's.
   *
   * @throws NullPointerException if {@code kind} or {@code message} is null
   */
  public ConnectorException(FailureKind kind, String message, @Nullable Throwable cause) {
    this(kind, message, null, cause);
  }

  /**
   * A failure of the given kind with the wait the platform asked for, for subclasses that carry
   * platform detail (an error code) on every kind, {@link FailureKind#RATE_LIMITED} included.
   *
   * @throws NullPointerException if {@code kind} or {@code message} is null
   * @throws IllegalArgumentException if {@code retryAfter} is negative
   */
  protected ConnectorException(
      FailureKind kind, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    this(kind, message, retryAfter, cause, null);
  }

  /**
   * A failure of the given kind that concerns one platform account, for subclasses: core marks that
   * account {@code NEEDS_REAUTH} on an {@link FailureKind#AUTH_EXPIRED} failure met where it cannot
   * tell the account itself, such as a Lead Ads read while parsing a webhook.
   *
   * @param externalAccountId the platform's id of the account, as in {@link
   *     ConnectedAccount#externalAccountId()}, or null if the failure concerns no one account
   * @throws NullPointerException if {@code kind} or {@code message} is null
   * @throws IllegalArgumentException if {@code retryAfter} is negative, or {@code
   *     externalAccountId} is blank or longer than {@value #MAX_ACCOUNT_ID} characters
   */
  protected ConnectorException(
      FailureKind kind,
      String message,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause,
      @Nullable String externalAccountId) {
    super(kind + ": " + Objects.requireNonNull(message, "message must not be null"), cause);
    this.kind = Objects.requireNonNull(kind, "kind must not be null");
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative");
    }
    if (externalAccountId != null
        && (externalAccountId.isBlank() || externalAccountId.length() > MAX_ACCOUNT_ID)) {
      throw new IllegalArgumentException(
          "externalAccountId must be 1 to " + MAX_ACCOUNT_ID + " characters");
    }
    this.retryAfter = retryAfter;
    this.externalAccountId = externalAccountId;
  }

  /**
   * A {@link FailureKind#RATE_LIMITED} failure; {@code retryAfter} is how long the platform asked
   * us to wait, or null if it did not say.
   *
   * @throws IllegalArgumentException if {@code retryAfter} is negative
   */
  public static ConnectorException rateLimited(String message, @Nullable Duration retryAfter) {
    return new ConnectorException(FailureKind.RATE_LIMITED, message, retryAfter, null);
  }

  /** Why the call failed. */
  public FailureKind kind() {
    return kind;
  }

  /** How long to wait before trying again, when the platform said ({@code Retry-After}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * The platform account the failure concerns, when the connector knows it and the caller may not
   * (a page whose token a lead read was refused with).
   */
  public Optional<String> externalAccountId() {
    return Optional.ofNullable(externalAccountId);
  }

  /** Whether the same call may succeed later; see {@link FailureKind#isRetryable()}. */
  public boolean isRetryable() {
    return kind.isRetryable();
  }
}
