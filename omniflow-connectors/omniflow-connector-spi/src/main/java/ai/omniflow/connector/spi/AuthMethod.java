package ai.omniflow.connector.spi;

/** How a connector account is authorized on its platform. */
public enum AuthMethod {
  /**
   * OAuth 2.0 authorization code with PKCE S256: {@link Connector#authorizationUrl}, {@link
   * Connector#exchangeCode}, {@link Connector#refresh}, {@link Connector#revoke}.
   */
  OAUTH,
  /**
   * An API key the org pastes in; {@link Connector#connectWithApiKey} checks it and names the
   * accounts it reaches.
   */
  API_KEY
}
