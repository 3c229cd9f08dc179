package ai.omniflow.connectors.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.internal.Observations;
import io.micrometer.common.KeyValues;
import java.util.Objects;
import java.util.function.Function;

/**
 * Calls to a connector, each inside an {@code omniflow.connector.call} observation, and what their
 * failures mean to a caller of the connector service. Not API. Thread-safe.
 */
public final class ConnectorCalls {
  private final Observations observations;

  /**
   * @param observations where {@code omniflow.connector.call} goes, one observation per call to a
   *     connector, tagged with provider, operation and outcome
   */
  public ConnectorCalls(Observations observations) {
    this.observations = Objects.requireNonNull(observations, "observations");
  }

  /**
   * Calls {@code reg}'s connector inside an {@code omniflow.connector.call} observation tagged with
   * the provider and operation (never an account, org or token).
   */
  public <T> T call(
      ConnectorRegistry.Registration reg, String operation, Function<Connector, T> call) {
    return observations.observe(
        Observations.CONNECTOR_CALL,
        KeyValues.of("provider", reg.provider(), "operation", operation),
        () -> call.apply(reg.connector()));
  }

  /** The service's failure for a connector's, while doing {@code doing}. */
  public static OmniFlowException fromConnector(
      String provider, ConnectorException e, String doing) {
    String what = "The provider '" + provider + "' could not " + doing + ": ";
    return switch (e.kind()) {
      case RATE_LIMITED ->
          OmniFlowException.unavailable(
              ConnectorErrors.SEND_RATE_LIMITED,
              what
                  + "rate limited"
                  + e.retryAfter().map(d -> ", retry after " + d.toSeconds() + " s").orElse("")
                  + ".");
      case TRANSIENT ->
          OmniFlowException.unavailable(
              ConnectorErrors.PROVIDER_UNAVAILABLE, what + "it is unavailable.");
      case INVALID_RECIPIENT ->
          OmniFlowException.invalidInput(
              ConnectorErrors.SEND_INVALID_RECIPIENT, what + "invalid recipient.");
      case POLICY_WINDOW_CLOSED ->
          OmniFlowException.conflict(
              ConnectorErrors.SEND_POLICY_WINDOW_CLOSED,
              what + "the messaging window is closed; use a template.");
      case AUTH_EXPIRED ->
          "exchange the authorization code".equals(doing)
              ? OmniFlowException.badRequest(
                  ConnectorErrors.INVALID_CODE, what + "the code was refused.")
              : OmniFlowException.conflict(
                  ConnectorErrors.ACCOUNT_NEEDS_REAUTH, what + "authorization expired.");
      case PERMANENT, SIGNATURE_INVALID, MALFORMED_PAYLOAD ->
          "exchange the authorization code".equals(doing)
              ? OmniFlowException.badRequest(
                  ConnectorErrors.INVALID_CODE, what + "the code was refused.")
              : OmniFlowException.conflict(
                  ConnectorErrors.SEND_PERMANENT, what + "the provider refused it.");
    };
  }
}
