package ai.omniflow.connectors.internal;

import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorEvents;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.vault.TokenKind;
import ai.omniflow.vault.TokenVault;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disconnect use case: revoke the account's token at the provider (best effort), forget its
 * tokens and mark it disconnected. {@link ConnectorService} delegates to it (decision 0033); the
 * Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class AccountDisconnection {
  // Logged under the facade's name, as before the split, so a host's log settings still apply.
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorService.class);

  private final Store store;
  private final ConnectorRegistry registry;
  private final @Nullable TokenVault vault;
  private final Clock clock;
  private final ConnectorCalls calls;

  public AccountDisconnection(
      Store store,
      ConnectorRegistry registry,
      @Nullable TokenVault vault,
      Clock clock,
      ConnectorCalls calls) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.vault = vault;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /** As {@link ConnectorService#disconnect}. */
  public ConnectorAccount disconnect(Actor actor, String provider, String accountRef) {
    Permission.CONNECTORS_MANAGE.check(actor);
    ConnectorAccount account =
        store.inTransaction(actor, tx -> ConnectorTx.find(tx, provider, accountRef));
    registry
        .find(provider)
        .ifPresent(
            reg -> {
              try {
                AccountTokens sealed =
                    store
                        .inTransaction(actor, tx -> tx.connectorAccounts().tokens(account.id()))
                        .orElse(null);
                if (sealed != null && vault != null) {
                  String access =
                      vault.open(
                          ConnectorTx.binding(account, TokenKind.ACCESS), sealed.accessToken());
                  calls.call(
                      reg,
                      "revoke",
                      c -> {
                        c.revoke(access);
                        return null;
                      });
                }
              } catch (RuntimeException e) {
                LOG.warn(
                    "Revoking a {} token at the provider failed ({}); forgetting it anyway.",
                    provider,
                    e.getClass().getSimpleName());
              }
            });
    Instant now = clock.instant();
    return store.inTransaction(
        actor,
        tx -> {
          ConnectorAccount current = ConnectorTx.find(tx, provider, accountRef);
          tx.connectorAccounts().deleteTokens(current.id());
          ConnectorAccount updated =
              current
                  .withStatus(HealthStatus.DISCONNECTED, "Disconnected by a user.", now)
                  .withTokenExpiry(null, now);
          tx.connectorAccounts().update(updated);
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  ConnectorEvents.CONNECTOR_ACCOUNT_DISCONNECTED,
                  ConnectorEvents.AUDIT_CONNECTOR_ACCOUNT_DISCONNECT,
                  "connector_account",
                  current.accountRef(),
                  Map.of("provider", provider, "account_ref", current.accountRef()),
                  ConnectorTx.snapshot(current),
                  ConnectorTx.snapshot(updated)));
          return updated;
        });
  }
}
