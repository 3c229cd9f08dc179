package ai.omniflow.store.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.ConnectorAccountRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link ConnectorAccountRepository} of one in-memory transaction. Not thread-safe: the store's
 * lock guards it.
 */
final class InMemoryConnectorAccounts implements ConnectorAccountRepository {
  private final InMemoryTables tables;
  private final InMemoryContext tx;
  private final UUID org;

  InMemoryConnectorAccounts(InMemoryTables tables, InMemoryContext tx) {
    this.tables = tables;
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public void insert(ConnectorAccount account) {
    tx.requireOrg(account.orgId(), "the connector account");
    boolean clash =
        tables.connectorAccounts.values().stream()
            .anyMatch(
                a ->
                    a.id().equals(account.id())
                        || a.accountRef().equals(account.accountRef())
                        || (a.orgId().equals(org)
                            && a.provider().equals(account.provider())
                            && a.externalAccountId().equals(account.externalAccountId())));
    if (clash) {
      throw OmniFlowException.conflict(
          ConnectorErrors.CONNECTOR_ACCOUNT_EXISTS, "The connector account exists already.");
    }
    tx.put(tables.connectorAccounts, account.id(), account);
  }

  @Override
  public void update(ConnectorAccount account) {
    tx.requireOrg(account.orgId(), "the connector account");
    ConnectorAccount old = tables.connectorAccounts.get(account.id());
    if (old == null || !old.orgId().equals(org)) {
      throw OmniFlowException.notFound("The connector account");
    }
    tx.put(tables.connectorAccounts, account.id(), account);
  }

  @Override
  public Optional<ConnectorAccount> findByRef(String accountRef) {
    tx.requireOpen();
    return tables.connectorAccounts.values().stream()
        .filter(a -> a.orgId().equals(org) && a.accountRef().equals(accountRef))
        .findFirst();
  }

  @Override
  public Optional<ConnectorAccount> findByExternalId(String provider, String externalAccountId) {
    tx.requireOpen();
    return tables.connectorAccounts.values().stream()
        .filter(
            a ->
                a.orgId().equals(org)
                    && a.provider().equals(provider)
                    && a.externalAccountId().equals(externalAccountId))
        .findFirst();
  }

  @Override
  public List<ConnectorAccount> list() {
    tx.requireOpen();
    return tables.connectorAccounts.values().stream()
        .filter(a -> a.orgId().equals(org))
        .sorted(Comparator.comparing(ConnectorAccount::createdAt))
        .toList();
  }

  @Override
  public void saveTokens(AccountTokens tokens) {
    tx.requireOrg(tokens.orgId(), "the tokens");
    ConnectorAccount account = tables.connectorAccounts.get(tokens.accountId());
    if (account == null || !account.orgId().equals(org)) {
      throw OmniFlowException.notFound("The connector account");
    }
    tx.put(tables.accountTokens, tokens.accountId(), tokens);
  }

  @Override
  public Optional<AccountTokens> tokens(UUID accountId) {
    tx.requireOpen();
    return Optional.ofNullable(tables.accountTokens.get(accountId))
        .filter(t -> t.orgId().equals(org));
  }

  // ------------------------------------------------------------ single-flight refresh

  @Override
  public Optional<AccountTokens> lockTokens(UUID accountId) {
    return tokens(accountId); // transactions run one at a time here
  }

  @Override
  public boolean deleteTokens(UUID accountId) {
    tx.requireOpen();
    AccountTokens old = tables.accountTokens.get(accountId);
    if (old == null || !old.orgId().equals(org)) {
      return false;
    }
    tx.remove(tables.accountTokens, accountId);
    return true;
  }

  @Override
  public List<AccountTokens> allTokens() {
    tx.requireOpen();
    return tables.accountTokens.values().stream().filter(t -> t.orgId().equals(org)).toList();
  }
}
