package ai.omniflow.connector.spi;

/**
 * Why a connector call failed, as {@link ConnectorException#kind()}. Core decides what to do from
 * the kind alone: retry, wait, mark the account for re-authorization, or give up.
 */
public enum FailureKind {
  /** The access token is expired or revoked (HTTP 401 and its platform equivalents). */
  AUTH_EXPIRED,
  /** The platform asks us to slow down; see {@link ConnectorException#retryAfter()}. */
  RATE_LIMITED,
  /** The recipient does not exist, blocked the account, or cannot be reached on this channel. */
  INVALID_RECIPIENT,
  /** The platform's messaging window is closed (e.g. 24 hours); only a template may be sent. */
  POLICY_WINDOW_CLOSED,
  /** A failure that may succeed if tried again: 5xx, timeouts, connection resets. */
  TRANSIENT,
  /** A failure that will not succeed if tried again: any other rejection. */
  PERMANENT,
  /** A webhook's signature is missing or does not match its raw body. */
  SIGNATURE_INVALID,
  /** A webhook's body (or a platform answer) could not be understood. */
  MALFORMED_PAYLOAD;

  /** Whether the same call may succeed later without anyone changing anything. */
  public boolean isRetryable() {
    return this == RATE_LIMITED || this == TRANSIENT;
  }
}
