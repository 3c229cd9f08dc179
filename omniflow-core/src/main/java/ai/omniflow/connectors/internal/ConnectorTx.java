package ai.omniflow.connectors.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.vault.TokenBinding;
import ai.omniflow.vault.TokenKind;
import ai.omniflow.vault.TokenVault;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the connector use cases share: an account that must exist, its view for events and audit
 * entries, the vault that must be configured, and tokens sealed bound to their account. Not API.
 * Stateless.
 */
public final class ConnectorTx {
  private ConnectorTx() {}

  /**
   * The org's account of that provider.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such account of that provider
   */
  public static ConnectorAccount find(StoreTransaction tx, String provider, String accountRef) {
    if (!ConnectorAccount.isAccountRef(accountRef)) {
      throw OmniFlowException.notFound("The connector account");
    }
    return tx.connectorAccounts()
        .findByRef(accountRef)
        .filter(a -> a.provider().equals(provider))
        .orElseThrow(() -> OmniFlowException.notFound("The connector account"));
  }

  /**
   * The vault.
   *
   * @throws OmniFlowException {@code vault_not_configured} (503) if there is none
   */
  public static TokenVault requireVault(@Nullable TokenVault vault) {
    if (vault == null) {
      throw OmniFlowException.unavailable(
          ConnectorErrors.VAULT_NOT_CONFIGURED,
          "No token vault is configured (TOKEN_ENCRYPTION_KEY); connectors cannot keep tokens.");
    }
    return vault;
  }

  /** The failure of an account that has no tokens kept. */
  public static OmniFlowException noTokens() {
    return OmniFlowException.conflict(
        ConnectorErrors.ACCOUNT_DISCONNECTED, "The account has no tokens; connect it again.");
  }

  /**
   * The tokens sealed, each bound to the account and its kind; the access token is the account's
   * own when the grant gave it one (a Facebook page's token), else the grant's.
   */
  public static AccountTokens seal(
      TokenVault vault, ConnectorAccount account, TokenSet tokens, Instant now) {
    byte[] access =
        vault.seal(
            binding(account, TokenKind.ACCESS), tokens.accessTokenFor(account.externalAccountId()));
    String refresh = tokens.refreshToken();
    byte[] sealedRefresh =
        refresh == null ? null : vault.seal(binding(account, TokenKind.REFRESH), refresh);
    return new AccountTokens(account.id(), account.orgId(), access, sealedRefresh, now);
  }

  /** What a token of the account is sealed to. */
  public static TokenBinding binding(ConnectorAccount account, TokenKind kind) {
    return new TokenBinding(account.orgId(), account.accountRef(), kind);
  }

  /** An account's view for events and audit entries: never a token. */
  public static Map<String, @Nullable Object> snapshot(ConnectorAccount a) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("account_ref", a.accountRef());
    m.put("provider", a.provider());
    m.put("external_account_id", a.externalAccountId());
    m.put("display_name", a.displayName());
    m.put("scopes", a.scopes());
    m.put("status", a.status().name().toLowerCase());
    m.put("token_expires_at", a.tokenExpiresAt() == null ? null : a.tokenExpiresAt().toString());
    return m;
  }
}
