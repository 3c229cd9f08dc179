package ai.omniflow.connectors;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Where to send the user to authorize a provider, and the state the callback must bring back.
 *
 * @param provider the provider id
 * @param authorizationUrl the provider's consent page, with state, PKCE challenge and scopes
 * @param state the single-use state, valid until {@code expiresAt}
 * @param expiresAt when the state stops being accepted
 */
public record AuthorizationStart(
    String provider, URI authorizationUrl, String state, Instant expiresAt) {
  public AuthorizationStart {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(authorizationUrl, "authorizationUrl");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
