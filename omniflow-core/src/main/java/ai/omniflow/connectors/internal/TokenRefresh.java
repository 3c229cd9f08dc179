package ai.omniflow.connectors.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.connectors.ConnectorEvents;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.vault.TokenKind;
import ai.omniflow.vault.TokenVault;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An account's access token for a call to its provider, refreshed first when it is about to expire:
 * single-flight per account (decision 0029). Health checks and sends both ask it. Not API.
 * Thread-safe.
 */
public final class TokenRefresh {
  /** Striped per-account refresh locks: bounded, and two accounts rarely share one. */
  private static final ReentrantLock[] REFRESH_LOCKS = newLocks(64);

  private final Store store;
  private final @Nullable TokenVault vault;
  private final ConnectorCalls calls;

  public TokenRefresh(Store store, @Nullable TokenVault vault, ConnectorCalls calls) {
    this.store = Objects.requireNonNull(store, "store");
    this.vault = vault;
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /**
   * The account's access token, refreshed first when it expires within {@link
   * ConnectorService#REFRESH_MARGIN} and a refresh token is kept. Refreshes are single-flight per
   * account (decision 0029): within this node a striped lock, across nodes the token row locked for
   * the refresh and re-read under the lock, so a refresh another caller finished meanwhile is used
   * and the refresh token is spent once (a provider that rotates refresh tokens refuses a spent
   * one).
   *
   * @throws OmniFlowException {@code vault_not_configured} (503) without a vault; {@code
   *     account_disconnected} (409) if the account has no tokens; {@code account_needs_reauth}
   *     (409) if the provider refuses the refresh token
   */
  public String accessToken(
      ConnectorAccount account, ConnectorRegistry.Registration reg, Instant now) {
    TokenVault vault = ConnectorTx.requireVault(this.vault);
    Actor system = Actor.system(account.orgId());
    AccountTokens sealed =
        store
            .inTransaction(system, tx -> tx.connectorAccounts().tokens(account.id()))
            .orElseThrow(ConnectorTx::noTokens);
    if (!needsRefresh(account.tokenExpiresAt(), sealed, now)) {
      return vault.open(ConnectorTx.binding(account, TokenKind.ACCESS), sealed.accessToken());
    }
    ReentrantLock lock =
        REFRESH_LOCKS[Math.floorMod(account.id().hashCode(), REFRESH_LOCKS.length)];
    lock.lock();
    try {
      return store.inTransaction(system, tx -> refreshLocked(tx, vault, account, reg, now));
    } finally {
      lock.unlock();
    }
  }

  private static boolean needsRefresh(@Nullable Instant expiry, AccountTokens tokens, Instant now) {
    return expiry != null
        && !now.plus(ConnectorService.REFRESH_MARGIN).isBefore(expiry)
        && tokens.refreshToken() != null;
  }

  /** Under the account's token row lock: refresh unless someone did meanwhile. */
  private String refreshLocked(
      StoreTransaction tx,
      TokenVault vault,
      ConnectorAccount account,
      ConnectorRegistry.Registration reg,
      Instant now) {
    AccountTokens locked =
        tx.connectorAccounts().lockTokens(account.id()).orElseThrow(ConnectorTx::noTokens);
    ConnectorAccount current = ConnectorTx.find(tx, account.provider(), account.accountRef());
    String access =
        vault.open(ConnectorTx.binding(current, TokenKind.ACCESS), locked.accessToken());
    if (!needsRefresh(current.tokenExpiresAt(), locked, now)) {
      return access; // refreshed by another caller while this one waited
    }
    String refresh =
        vault.open(
            ConnectorTx.binding(current, TokenKind.REFRESH),
            Objects.requireNonNull(locked.refreshToken()));
    TokenSet fresh;
    try {
      fresh = calls.call(reg, "refresh", c -> c.refresh(refresh));
    } catch (ConnectorException e) {
      if (e.kind() == FailureKind.AUTH_EXPIRED || e.kind() == FailureKind.PERMANENT) {
        throw OmniFlowException.conflict(
            ConnectorErrors.ACCOUNT_NEEDS_REAUTH,
            "The provider refused to refresh the token; reconnect.");
      }
      return access;
    }
    TokenSet merged =
        new TokenSet(
            fresh.accessToken(),
            fresh.refreshToken() != null ? fresh.refreshToken() : refresh,
            fresh.expiresAt(),
            fresh.scopes(),
            fresh.accounts(),
            fresh.accountTokens());
    ConnectorAccount updated = current.withTokenExpiry(merged.expiresAt(), now);
    tx.connectorAccounts().update(updated);
    tx.connectorAccounts().saveTokens(ConnectorTx.seal(vault, updated, merged, now));
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            ConnectorEvents.CONNECTOR_ACCOUNT_TOKEN_REFRESHED,
            ConnectorEvents.AUDIT_CONNECTOR_ACCOUNT_REFRESH_TOKEN,
            "connector_account",
            current.accountRef(),
            Map.of("provider", current.provider(), "account_ref", current.accountRef()),
            ConnectorTx.snapshot(current),
            ConnectorTx.snapshot(updated)));
    return merged.accessTokenFor(current.externalAccountId());
  }

  private static ReentrantLock[] newLocks(int n) {
    ReentrantLock[] locks = new ReentrantLock[n];
    for (int i = 0; i < n; i++) {
      locks[i] = new ReentrantLock();
    }
    return locks;
  }
}
