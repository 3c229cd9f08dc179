package ai.omniflow.connectors.internal;

import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorEvents;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Key rotation's reseal step: every token of the org not sealed under the vault's primary key is
 * sealed again under it, in one transaction. {@link ConnectorService} delegates to it (decision
 * 0033); the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class TokenResealing {
  private final Store store;
  private final @Nullable TokenVault vault;
  private final Clock clock;

  public TokenResealing(Store store, @Nullable TokenVault vault, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.vault = vault;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ConnectorService#resealTokens}. */
  public int resealTokens(Actor actor) {
    Permission.CONNECTORS_MANAGE.check(actor);
    TokenVault vault = ConnectorTx.requireVault(this.vault);
    Instant now = clock.instant();
    return store.inTransaction(
        actor,
        tx -> {
          int count = 0;
          Map<UUID, ConnectorAccount> byId = new LinkedHashMap<>();
          for (ConnectorAccount a : tx.connectorAccounts().list()) {
            byId.put(a.id(), a);
          }
          for (AccountTokens t : tx.connectorAccounts().allTokens()) {
            byte[] refresh = t.refreshToken();
            boolean stale =
                vault.needsReseal(t.accessToken())
                    || (refresh != null && vault.needsReseal(refresh));
            ConnectorAccount a = byId.get(t.accountId());
            if (!stale || a == null) {
              continue;
            }
            byte[] access = vault.reseal(ConnectorTx.binding(a, TokenKind.ACCESS), t.accessToken());
            byte[] newRefresh =
                refresh == null
                    ? null
                    : vault.reseal(ConnectorTx.binding(a, TokenKind.REFRESH), refresh);
            tx.connectorAccounts()
                .saveTokens(new AccountTokens(a.id(), a.orgId(), access, newRefresh, now));
            count++;
          }
          if (count > 0) {
            Map<String, @Nullable Object> details = new LinkedHashMap<>();
            details.put("resealed_accounts", count);
            details.put("primary_key_id", vault.primaryKeyId());
            Recorder.record(
                tx,
                now,
                new Recorder.Change(
                    ConnectorEvents.CONNECTOR_TOKENS_RESEALED,
                    ConnectorEvents.AUDIT_CONNECTOR_RESEAL_TOKENS,
                    "connector",
                    "tokens",
                    details,
                    null,
                    details));
          }
          return count;
        });
  }
}
