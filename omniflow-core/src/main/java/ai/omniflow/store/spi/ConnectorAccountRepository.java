package ai.omniflow.store.spi;

import ai.omniflow.connectors.ConnectorAccount;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Connector accounts of the transaction's org, and their sealed tokens. */
public interface ConnectorAccountRepository {
  /**
   * @throws IllegalArgumentException if the account is of another org
   * @throws ai.omniflow.OmniFlowException {@code conflict} if the org has an account with the same
   *     provider and external id, or the ref is taken
   */
  void insert(ConnectorAccount account);

  /**
   * Replaces the account with the same id.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if there is none in the org
   */
  void update(ConnectorAccount account);

  Optional<ConnectorAccount> findByRef(String accountRef);

  Optional<ConnectorAccount> findByExternalId(String provider, String externalAccountId);

  /** Every account of the org, oldest first. */
  List<ConnectorAccount> list();

  /**
   * Writes the account's tokens, replacing any it had.
   *
   * @throws IllegalArgumentException if they are of another org
   */
  void saveTokens(AccountTokens tokens);

  Optional<AccountTokens> tokens(UUID accountId);

  /** Forgets the account's tokens; returns whether it had any. */
  boolean deleteTokens(UUID accountId);

  /** The tokens of every account of the org, for key rotation. */
  List<AccountTokens> allTokens();

  // ---------------------------------------------------------------- single-flight refresh (issue
  // 9)

  /**
   * The account's tokens, locked until the transaction ends (a second caller waits), so that one
   * refresh at a time spends the refresh token; empty if it has none in the org.
   */
  Optional<AccountTokens> lockTokens(UUID accountId);
}
