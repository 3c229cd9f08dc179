package ai.omniflow.connectors.internal;

import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.List;
import java.util.Objects;

/**
 * The read use cases of connector accounts: the org's accounts, or one of them; never tokens.
 * {@link ConnectorService} delegates to it (decision 0033); the Javadoc of its methods is the spec.
 * Not API. Thread-safe.
 */
public final class AccountReads {
  private final Store store;

  public AccountReads(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** As {@link ConnectorService#accounts}. */
  public List<ConnectorAccount> accounts(Actor actor) {
    Permission.CONNECTORS_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.connectorAccounts().list());
  }

  /** As {@link ConnectorService#account}. */
  public ConnectorAccount account(Actor actor, String provider, String accountRef) {
    Permission.CONNECTORS_READ.check(actor);
    return store.inTransaction(actor, tx -> ConnectorTx.find(tx, provider, accountRef));
  }
}
