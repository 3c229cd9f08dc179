package ai.omniflow.connector.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The tokens a grant returned, and the accounts they reach. Core puts the tokens in its token vault
 * at once and keeps only their expiry in plain sight.
 *
 * <pre>{@code
 * TokenSet tokens = connector.exchangeCode(code, verifier, redirectUri);
 * vault.store(org, account, tokens.accessToken(), tokens.refreshToken());
 * }</pre>
 *
 * <p>{@link #toString()} never shows a token. Immutable.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, or null if the platform gave none
 * @param expiresAt when the access token expires, or null if it does not
 * @param scopes the scopes granted
 * @param accounts the accounts this grant reaches; empty after a {@link Connector#refresh} that
 *     does not name them again
 * @param accountTokens access tokens of single accounts that have their own (a Facebook page's page
 *     token), by {@link ConnectedAccount#externalAccountId()}; an account not named uses {@code
 *     accessToken}. Core stores each account's own token; see {@link #accessTokenFor}.
 */
public record TokenSet(
    String accessToken,
    @Nullable String refreshToken,
    @Nullable Instant expiresAt,
    List<String> scopes,
    List<ConnectedAccount> accounts,
    Map<String, String> accountTokens) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code accessToken} or a given {@code refreshToken} is
   *     blank
   * @throws NullPointerException if a non-null parameter is null or a list holds null
   */
  public TokenSet {
    Checks.notBlank(accessToken, "accessToken");
    if (refreshToken != null) {
      Checks.notBlank(refreshToken, "refreshToken");
    }
    scopes = Checks.scopes(scopes, "scopes");
    accounts = Checks.list(accounts, "accounts");
    Objects.requireNonNull(accountTokens, "accountTokens");
    if (accountTokens.size() > MAX_ACCOUNT_TOKENS) {
      throw new IllegalArgumentException(
          "accountTokens must name at most " + MAX_ACCOUNT_TOKENS + " accounts");
    }
    accountTokens.forEach(
        (id, token) -> {
          Checks.notBlank(id, "an accountTokens key");
          Checks.notBlank(token, "an accountTokens value");
        });
    accountTokens = Map.copyOf(accountTokens);
  }

  /** The most accounts {@link #accountTokens()} may name. */
  public static final int MAX_ACCOUNT_TOKENS = 1000;

  /**
   * A set whose accounts all use {@code accessToken}.
   *
   * @throws IllegalArgumentException if {@code accessToken} or a given {@code refreshToken} is
   *     blank
   * @throws NullPointerException if a non-null parameter is null or a list holds null
   */
  public TokenSet(
      String accessToken,
      @Nullable String refreshToken,
      @Nullable Instant expiresAt,
      List<String> scopes,
      List<ConnectedAccount> accounts) {
    this(accessToken, refreshToken, expiresAt, scopes, accounts, Map.of());
  }

  /**
   * The access token the account {@code externalAccountId} calls its platform with: its own from
   * {@link #accountTokens()}, else {@link #accessToken()}.
   *
   * @throws NullPointerException if {@code externalAccountId} is null
   */
  public String accessTokenFor(String externalAccountId) {
    Objects.requireNonNull(externalAccountId, "externalAccountId");
    return accountTokens.getOrDefault(externalAccountId, accessToken);
  }

  /** The refresh token, if the platform gave one. */
  public Optional<String> refreshTokenValue() {
    return Optional.ofNullable(refreshToken);
  }

  /** The access token's expiry, if it has one. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * Whether the access token has expired at {@code now} or will within {@code margin}.
   *
   * @throws NullPointerException if an argument is null
   */
  public boolean expiresWithin(Duration margin, Instant now) {
    return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
  }

  /** Shows expiry, scopes and accounts; never a token. */
  @Override
  public String toString() {
    return "TokenSet[accessToken=***, refreshToken="
        + (refreshToken == null ? "none" : "***")
        + ", expiresAt="
        + expiresAt
        + ", scopes="
        + scopes
        + ", accounts="
        + accounts
        + ", accountTokens="
        + accountTokens.keySet()
        + " (***)]";
  }
}
