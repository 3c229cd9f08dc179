package ai.omniflow.connector.spi;

import java.time.Instant;

/**
 * What a {@link Connector#probe} found about one account.
 *
 * <pre>{@code
 * new HealthReport(HealthStatus.NEEDS_REAUTH, "token expired (HTTP 401)", clock.instant());
 * }</pre>
 *
 * @param status the account's health
 * @param detail a short reason an operator can act on; never a token or secret
 * @param checkedAt when the probe ran, from the connector's clock
 */
public record HealthReport(HealthStatus status, String detail, Instant checkedAt) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if any parameter is null
   */
  public HealthReport {
    Checks.notNull(status, "status");
    Checks.notNull(detail, "detail");
    Checks.notNull(checkedAt, "checkedAt");
  }
}
