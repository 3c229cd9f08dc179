package ai.omniflow.connector.tck;

import static ai.omniflow.connector.tck.ConnectorCompatibilityKit.KIT_NOW;
import static ai.omniflow.connector.tck.ConnectorCompatibilityKit.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "OAuth": the authorization URL, the code exchange with PKCE, refresh, revoke and
 * how rejected grants are classified. Skipped for connectors that use API keys.
 */
abstract class OAuthSuite extends KitSuite {

  OAuthSuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @BeforeEach
  void onlyForOAuth() {
    assumeTrue(kit.factory().authMethod() == AuthMethod.OAUTH, "the connector uses API keys");
  }

  @Test
  @DisplayName(
      "puts client id, state, an S256 challenge, the scopes and the exact redirect URI"
          + " in the authorization URL")
  void authorizationUrlCarriesEverything() {
    AuthorizationRequest request = authorizationRequest();
    URI url = kit.connector().authorizationUrl(request);
    Map<String, String> query = query(url);
    assertThat(url.isAbsolute()).as("authorization URL is absolute: %s", url).isTrue();
    assertThat(query).containsEntry("state", request.state());
    assertThat(query).containsEntry("code_challenge", request.codeChallenge());
    assertThat(query).containsEntry("code_challenge_method", "S256");
    assertThat(query).containsEntry("redirect_uri", request.redirectUri().toString());
    assertThat(query).containsEntry("client_id", kit.connectorConfig().appId());
    assertThat(query).containsEntry("response_type", "code");
    assertThat(query.getOrDefault("scope", "").split("[ ,]+")).containsAll(request.scopes());
  }

  @Test
  @DisplayName("never puts the code verifier or the app secret in the authorization URL")
  void authorizationUrlHoldsNoSecret() {
    AuthorizationRequest request = authorizationRequest();
    String url = kit.connector().authorizationUrl(request).toString();
    assertThat(url).doesNotContain(request.codeVerifier());
    assertThat(url).doesNotContain(kit.connectorConfig().appSecret());
    assertThat(kit.server().getRequestCount()).as("no network call").isZero();
  }

  @Test
  @DisplayName("exchanges a code with its verifier for tokens, their expiry and the accounts")
  void exchangesCode() throws Exception {
    TokenGrant grant = grant();
    kit.tokenResponses(grant).forEach(kit.server()::enqueue);
    String code = madeUp("code");
    String verifier = madeUpVerifier();
    URI redirect = kit.connectorConfig().requireRedirectUri();

    TokenSet tokens = kit.connector().exchangeCode(code, verifier, redirect);

    assertThat(tokens.accessToken()).isEqualTo(grant.accessToken());
    assertThat(tokens.refreshToken()).isEqualTo(grant.refreshToken());
    assertThat(tokens.expiresAt()).isEqualTo(KIT_NOW.plus(grant.expiresIn()));
    assertThat(tokens.accounts())
        .extracting(ConnectedAccount::externalAccountId)
        .contains(grant.accountId());
    String sent = allRequestsSaid();
    assertThat(sent).as("the code reaches the platform").contains(code);
    assertThat(sent).as("the PKCE verifier reaches the platform").contains(verifier);
    assertThat(sent)
        .as("the exact redirect URI reaches the platform")
        .contains(redirect.toString());
  }

  @Test
  @DisplayName("refreshes an access token with the refresh token")
  void refreshes() throws Exception {
    TokenGrant grant = grant();
    kit.refreshResponses(grant).forEach(kit.server()::enqueue);
    String refreshToken = madeUp("rt");

    TokenSet tokens = kit.connector().refresh(refreshToken);

    assertThat(tokens.accessToken()).isEqualTo(grant.accessToken());
    assertThat(tokens.expiresAt()).isEqualTo(KIT_NOW.plus(grant.expiresIn()));
    assertThat(allRequestsSaid()).contains(refreshToken);
  }

  @Test
  @DisplayName("revokes a token at the platform")
  void revokes() throws Exception {
    kit.server().enqueue(kit.revokeAccepted());
    String token = madeUp("at");
    assertThatCode(() -> kit.connector().revoke(token)).doesNotThrowAnyException();
    assertThat(kit.server().getRequestCount()).isPositive();
    assertThat(allRequestsSaid()).contains(token);
  }

  @Test
  @DisplayName("reports a rejected code as a failure that is not worth retrying")
  void rejectedCode() {
    kit.server().enqueue(kit.grantRejected());
    assertFailure(
        () ->
            kit.connector()
                .exchangeCode(
                    madeUp("code"), madeUpVerifier(), kit.connectorConfig().requireRedirectUri()),
        e -> assertThat(e.kind()).isIn(FailureKind.AUTH_EXPIRED, FailureKind.PERMANENT));
  }

  @Test
  @DisplayName("reports a rejected refresh token as AUTH_EXPIRED")
  void rejectedRefresh() {
    kit.server().enqueue(kit.grantRejected());
    assertFailure(
        () -> kit.connector().refresh(madeUp("rt")),
        e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_EXPIRED));
  }

  @Test
  @DisplayName("reports a platform error during the exchange as TRANSIENT")
  void exchangeServerError() {
    kit.server().enqueue(json(503, "{\"error\":\"unavailable\"}"));
    assertFailure(
        () ->
            kit.connector()
                .exchangeCode(
                    madeUp("code"), madeUpVerifier(), kit.connectorConfig().requireRedirectUri()),
        e -> assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT));
  }

  /** The URL's decoded query parameters, read as the SPI reads a webhook's. */
  private static Map<String, String> query(URI uri) {
    return new WebhookRequest("GET", uri, Map.of(), new byte[0]).queryParameters();
  }
}
