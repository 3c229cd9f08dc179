package ai.omniflow.connector.spi;

import java.net.URI;
import java.util.List;

/**
 * What {@link Connector#authorizationUrl} needs to send a user to the platform's consent screen.
 * Core makes the state (128 random bits, single use) and the code verifier ({@link
 * Pkce#newCodeVerifier()}) and keeps both until the callback.
 *
 * <pre>{@code
 * var request = new AuthorizationRequest(state, Pkce.newCodeVerifier(), redirectUri, scopes);
 * URI consent = connector.authorizationUrl(request);
 * }</pre>
 *
 * <p>{@link #toString()} does not show the code verifier. Immutable.
 *
 * @param state the opaque value the platform echoes to the callback
 * @param codeVerifier the PKCE code verifier; only its {@link #codeChallenge()} leaves the server
 * @param redirectUri the exact redirect URI registered with the platform
 * @param scopes the scopes to ask for
 */
public record AuthorizationRequest(
    String state, String codeVerifier, URI redirectUri, List<String> scopes) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code state} is blank, {@code codeVerifier} is not a valid
   *     RFC 7636 verifier, {@code redirectUri} is not absolute, or a scope is blank or holds spaces
   * @throws NullPointerException if any parameter is null or {@code scopes} holds null
   */
  public AuthorizationRequest {
    Checks.notBlank(state, "state");
    Checks.notNull(codeVerifier, "codeVerifier");
    if (!Pkce.isValidCodeVerifier(codeVerifier)) {
      throw new IllegalArgumentException(
          "codeVerifier must be 43 to 128 characters of [A-Za-z0-9-._~]");
    }
    Checks.notNull(redirectUri, "redirectUri");
    if (!redirectUri.isAbsolute()) {
      throw new IllegalArgumentException("redirectUri must be absolute");
    }
    scopes = Checks.scopes(scopes, "scopes");
  }

  /** The S256 challenge of {@link #codeVerifier()}, for the {@code code_challenge} parameter. */
  public String codeChallenge() {
    return Pkce.s256Challenge(codeVerifier);
  }

  /** The scopes joined by single spaces, as OAuth's {@code scope} parameter wants them. */
  public String scopeParameter() {
    return String.join(" ", scopes);
  }

  @Override
  public String toString() {
    return "AuthorizationRequest[state="
        + state
        + ", codeVerifier=***, redirectUri="
        + redirectUri
        + ", scopes="
        + scopes
        + "]";
  }
}
