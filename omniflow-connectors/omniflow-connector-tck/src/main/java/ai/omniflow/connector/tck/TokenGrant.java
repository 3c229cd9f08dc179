package ai.omniflow.connector.tck;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the kit wants a scripted token endpoint to grant: the connector's {@link
 * ConnectorCompatibilityKit#tokenResponses(TokenGrant)} turns it into the platform's HTTP answers,
 * and the kit checks that the connector's {@link ai.omniflow.connector.spi.TokenSet} says the same.
 *
 * @param accessToken the access token to grant
 * @param refreshToken the refresh token to grant
 * @param expiresIn the access token's lifetime
 * @param scopes the scopes granted
 * @param accountId the platform id of the one account the grant reaches
 * @param accountName that account's display name
 */
public record TokenGrant(
    String accessToken,
    String refreshToken,
    Duration expiresIn,
    List<String> scopes,
    String accountId,
    String accountName) {

  /**
   * Copies the scopes.
   *
   * @throws NullPointerException if any component is null
   */
  public TokenGrant {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(expiresIn, "expiresIn");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(accountName, "accountName");
  }

  /** Hides the tokens, as every value holding one must. */
  @Override
  public String toString() {
    return "TokenGrant[expiresIn="
        + expiresIn
        + ", scopes="
        + scopes
        + ", account="
        + accountId
        + "]";
  }
}
