package ai.omniflow.connector.spi;

/** The health of one connector account, as a probe found it. */
public enum HealthStatus {
  /** The token works and the account answers. */
  HEALTHY,
  /** The account answers partly or the platform is having trouble (5xx, rate limits, timeouts). */
  DEGRADED,
  /** The token is expired or revoked: someone must connect the account again. Sends stop. */
  NEEDS_REAUTH,
  /** The account is gone from the platform or no longer reachable through this app. */
  DISCONNECTED
}
