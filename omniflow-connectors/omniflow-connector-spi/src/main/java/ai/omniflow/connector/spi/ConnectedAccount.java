package ai.omniflow.connector.spi;

import java.util.List;

/**
 * One account on the platform that a grant reaches: a Facebook page, an Instagram business account,
 * a WhatsApp number, an SMS sender. Core stores one connector account per connected account.
 *
 * <pre>{@code
 * new ConnectedAccount("17841400000000", "Sunny Homes (Instagram)", List.of("instagram_manage_messages"));
 * }</pre>
 *
 * @param externalAccountId the platform's id of the account, stable for its lifetime
 * @param displayName a name a person recognizes
 * @param scopes the scopes granted on this account (may be empty when the platform does not say)
 */
public record ConnectedAccount(String externalAccountId, String displayName, List<String> scopes) {
  /**
   * Validates the components and copies the collections.
   *
   * @throws IllegalArgumentException if {@code externalAccountId} or {@code displayName} is blank
   * @throws NullPointerException if any parameter is null or {@code scopes} holds null
   */
  public ConnectedAccount {
    Checks.notBlank(externalAccountId, "externalAccountId");
    Checks.notBlank(displayName, "displayName");
    scopes = Checks.scopes(scopes, "scopes");
  }
}
