package ai.omniflow.connectors.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Accounts on the webhook path, once the webhook service has found their org from the platform's
 * own id: the access token a connector reads with while it parses (a Facebook page's token for a
 * lead), and an account whose token the provider refused there. {@link ConnectorService} delegates
 * to it (decision 0033); the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class PlatformAccounts {
  private final Store store;
  private final ConnectorRegistry registry;
  private final Clock clock;
  private final TokenRefresh tokens;
  private final ConnectorHealthChecks health;

  public PlatformAccounts(
      Store store,
      ConnectorRegistry registry,
      Clock clock,
      TokenRefresh tokens,
      ConnectorHealthChecks health) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.health = Objects.requireNonNull(health, "health");
  }

  /** As {@link ConnectorService#webhookAccessToken}. */
  public Optional<String> accessToken(Actor actor, String provider, String accountRef) {
    if (!actor.isSystem()) {
      throw OmniFlowException.forbidden("Only OmniFlow itself reads an account's token.");
    }
    ConnectorRegistry.Registration reg = registry.find(provider).orElse(null);
    if (reg == null || !ConnectorAccount.isAccountRef(accountRef)) {
      return Optional.empty();
    }
    ConnectorAccount account =
        store
            .inTransaction(actor, tx -> tx.connectorAccounts().findByRef(accountRef))
            .filter(a -> a.provider().equals(provider))
            .orElse(null);
    if (account == null
        || account.status() == HealthStatus.NEEDS_REAUTH
        || account.status() == HealthStatus.DISCONNECTED) {
      return Optional.empty();
    }
    try {
      return Optional.of(tokens.accessToken(account, reg, clock.instant()));
    } catch (OmniFlowException e) {
      return Optional.empty(); // no vault, no tokens, or a refresh refused: no usable token
    }
  }

  /** As {@link ConnectorService#refusedByProvider}. */
  public ConnectorAccount refused(Actor actor, String provider, String accountRef) {
    Permission.CONNECTORS_MANAGE.check(actor);
    ConnectorAccount account =
        store.inTransaction(actor, tx -> ConnectorTx.find(tx, provider, accountRef));
    if (account.status() == HealthStatus.NEEDS_REAUTH) {
      return account;
    }
    return health.refused(
        actor, account, "The provider refused the account's token; connect the account again.");
  }
}
