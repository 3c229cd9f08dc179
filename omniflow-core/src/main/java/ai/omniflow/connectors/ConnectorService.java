package ai.omniflow.connectors;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.Pkce;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.internal.Observations;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.AccountTokens;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.vault.TokenBinding;
import ai.omniflow.vault.TokenKind;
import ai.omniflow.vault.TokenVault;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connector accounts: connecting them by OAuth, checking their health, sending through them and
 * disconnecting them. Tokens are sealed in the {@link TokenVault} as soon as they arrive and opened
 * only to call the platform; no token, code, state or verifier reaches an event, an audit entry, a
 * log line or an exception message.
 *
 * <pre>{@code
 * AuthorizationStart start = omniFlow.connectors().start(actor, "meta");
 * // the user consents; the provider redirects with code and state
 * List<ConnectorAccount> accounts = omniFlow.connectors().complete(actor, "meta", code, state);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ConnectorService {
  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        ConnectorService.class,
        w ->
            new ConnectorService(
                w.store(),
                w.connectorRegistry(),
                w.tokenVault(),
                w.clock(),
                w.part(ObservationRegistry.class)));
  }

  /** How long an OAuth state is accepted. */
  public static final Duration STATE_TTL = Duration.ofMinutes(10);

  /** The most used or expired OAuth states one {@link #start} deletes. */
  static final int PURGE_BATCH = 100;

  /** Access tokens expiring sooner than this are refreshed before use. */
  public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Striped per-account refresh locks: bounded, and two accounts rarely share one. */
  private static final ReentrantLock[] REFRESH_LOCKS = newLocks(64);

  private final Store store;
  private final ConnectorRegistry registry;
  private final @Nullable TokenVault vault;
  private final Clock clock;
  private final Observations observations;

  /**
   * @param observations where {@code omniflow.connector.call} goes, one observation per call to a
   *     connector, tagged with provider, operation and outcome
   */
  ConnectorService(
      Store store,
      ConnectorRegistry registry,
      @Nullable TokenVault vault,
      Clock clock,
      ObservationRegistry observations) {
    this.observations = new Observations(observations);
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.vault = vault;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ConnectorRegistry registry() {
    return registry;
  }

  /**
   * Starts an OAuth authorization: a 128-bit single-use state, valid ten minutes, bound to the
   * actor's org and user, the provider and a PKCE verifier. Deletes first up to {@value
   * #PURGE_BATCH} of the org's used or expired states.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#CONNECTORS_MANAGE};
   *     {@code unknown_provider} (404); {@code provider_unavailable} (409) in the wrong mode;
   *     {@code oauth_not_supported} (409) for an API-key connector; {@code redirect_uri_missing}
   *     (503) if the connector has no redirect URI configured
   */
  public AuthorizationStart start(Actor actor, String provider) {
    Permission.CONNECTORS_MANAGE.check(actor);
    requireUser(actor);
    ConnectorRegistry.Registration reg = registry.require(provider);
    if (reg.factory().authMethod() != AuthMethod.OAUTH) {
      throw OmniFlowException.conflict(
          "oauth_not_supported", "The provider '" + provider + "' does not use OAuth.");
    }
    URI redirect = reg.config().redirectUri();
    if (redirect == null) {
      throw OmniFlowException.unavailable(
          "redirect_uri_missing",
          "No OAuth redirect URI is configured for '" + provider + "' (OAUTH_REDIRECT_URI).");
    }
    requireVault();
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String verifier = Pkce.newCodeVerifier();
    URI url =
        callConnector(
            provider,
            () ->
                connectorCall(
                    reg,
                    "authorization_url",
                    c ->
                        c.authorizationUrl(
                            new AuthorizationRequest(
                                state, verifier, redirect, reg.config().scopes()))));
    Instant now = clock.instant();
    Instant expiresAt = now.plus(STATE_TTL);
    OAuthState row =
        new OAuthState(
            hash(state),
            actor.orgId(),
            actor.userId(),
            provider,
            verifier,
            redirect,
            now,
            expiresAt,
            null);
    store.useTransaction(
        actor,
        tx -> {
          // States pile up otherwise: each new flow purges a bounded batch of used and expired
          // ones.
          tx.oauthStates().purge(now, PURGE_BATCH);
          tx.oauthStates().insert(row);
          Map<String, @Nullable Object> details = new LinkedHashMap<>();
          details.put("provider", provider);
          details.put("expires_at", expiresAt.toString());
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  "connector.oauth_started",
                  "connector.oauth_start",
                  "connector",
                  provider,
                  details,
                  null,
                  details));
        });
    return new AuthorizationStart(provider, url, state, expiresAt);
  }

  /**
   * Completes an OAuth authorization: checks and consumes the state, exchanges the code, seals the
   * tokens and connects (or reconnects) every account the grant covers. A refused callback writes
   * nothing but an audit entry.
   *
   * @throws OmniFlowException {@code invalid_state} (400) if the state is unknown, used, expired,
   *     of another org, user or provider; {@code invalid_code} (400) if the provider refuses the
   *     code; {@code provider_unavailable} (503) if it cannot be reached
   */
  public List<ConnectorAccount> complete(Actor actor, String provider, String code, String state) {
    Permission.CONNECTORS_MANAGE.check(actor);
    requireUser(actor);
    ConnectorRegistry.Registration reg = registry.require(provider);
    TokenVault vault = requireVault();
    Instant now = clock.instant();
    String stateHash = hash(state == null ? "" : state);
    // Checked and consumed in one transaction; consuming forgets the verifier, so it is taken here.
    OAuthState[] taken = new OAuthState[1];
    String refusal =
        store.inTransaction(
            actor,
            tx -> {
              OAuthState s = tx.oauthStates().find(stateHash).orElse(null);
              String why = refusal(s, actor, provider, now);
              if (why == null && !tx.oauthStates().consume(stateHash, now)) {
                why = "reused";
              }
              taken[0] = s;
              return why;
            });
    if (refusal != null) {
      auditRefusal(actor, provider, refusal, now);
      throw OmniFlowException.badRequest(
          "invalid_state",
          "The OAuth state is not valid (" + refusal + "); start the connection again.");
    }
    if (code == null || code.isBlank()) {
      auditRefusal(actor, provider, "missing_code", now);
      throw OmniFlowException.badRequest("invalid_code", "The OAuth callback has no code.");
    }
    OAuthState s = Objects.requireNonNull(taken[0], "checked above");
    TokenSet tokens;
    try {
      tokens =
          connectorCall(
              reg,
              "exchange_code",
              c ->
                  c.exchangeCode(
                      code,
                      Objects.requireNonNull(s.codeVerifier(), "unconsumed"),
                      s.redirectUri()));
    } catch (ConnectorException e) {
      auditRefusal(actor, provider, "code_exchange_" + e.kind().name().toLowerCase(), now);
      throw fromConnector(provider, e, "exchange the authorization code");
    }
    if (tokens.accounts().isEmpty()) {
      auditRefusal(actor, provider, "no_accounts_granted", now);
      throw OmniFlowException.invalidInput(
          "no_accounts_granted", "The provider granted access to no account.");
    }
    return store.inTransaction(
        actor,
        tx -> {
          List<ConnectorAccount> connected = new ArrayList<>();
          for (ConnectedAccount ca : tokens.accounts()) {
            connected.add(saveConnected(tx, vault, provider, ca, tokens, now));
          }
          return connected;
        });
  }

  private static @Nullable String refusal(
      @Nullable OAuthState s, Actor actor, String provider, Instant now) {
    if (s == null) {
      return "unknown";
    }
    if (s.consumedAt() != null) {
      return "reused";
    }
    if (!now.isBefore(s.expiresAt())) {
      return "expired";
    }
    if (!s.orgId().equals(actor.orgId())
        || !s.userId().equals(actor.userId())
        || !s.provider().equals(provider)) {
      return "mismatch";
    }
    return null;
  }

  private void auditRefusal(Actor actor, String provider, String reason, Instant now) {
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("provider", provider);
    details.put("reason", reason);
    store.useTransaction(
        actor,
        tx -> {
          Recorder.auditOnly(tx, now, "connector.oauth_refused", "connector", provider, details);
        });
  }

  private ConnectorAccount saveConnected(
      StoreTransaction tx,
      TokenVault vault,
      String provider,
      ConnectedAccount ca,
      TokenSet tokens,
      Instant now) {
    List<String> scopes = ca.scopes().isEmpty() ? tokens.scopes() : ca.scopes();
    ConnectorAccount before =
        tx.connectorAccounts().findByExternalId(provider, ca.externalAccountId()).orElse(null);
    ConnectorAccount after;
    if (before == null) {
      after =
          new ConnectorAccount(
              UUID.randomUUID(),
              tx.actor().orgId(),
              ConnectorAccount.newAccountRef(),
              provider,
              ca.externalAccountId(),
              ca.displayName(),
              scopes,
              HealthStatus.HEALTHY,
              "Connected.",
              null,
              tokens.expiresAt(),
              now,
              now);
      tx.connectorAccounts().insert(after);
    } else {
      after = before.reconnected(ca.displayName(), scopes, tokens.expiresAt(), now);
      tx.connectorAccounts().update(after);
    }
    tx.connectorAccounts().saveTokens(seal(vault, after, tokens, now));
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            before == null ? "connector_account.connected" : "connector_account.reconnected",
            before == null ? "connector_account.connect" : "connector_account.reconnect",
            "connector_account",
            after.accountRef(),
            Map.of("provider", provider, "account_ref", after.accountRef()),
            before == null ? null : snapshot(before),
            snapshot(after)));
    return after;
  }

  private static AccountTokens seal(
      TokenVault vault, ConnectorAccount account, TokenSet tokens, Instant now) {
    byte[] access = vault.seal(binding(account, TokenKind.ACCESS), tokens.accessToken());
    String refresh = tokens.refreshToken();
    byte[] sealedRefresh =
        refresh == null ? null : vault.seal(binding(account, TokenKind.REFRESH), refresh);
    return new AccountTokens(account.id(), account.orgId(), access, sealedRefresh, now);
  }

  private static TokenBinding binding(ConnectorAccount account, TokenKind kind) {
    return new TokenBinding(account.orgId(), account.accountRef(), kind);
  }

  /** The org's accounts, oldest first. Never tokens. */
  public List<ConnectorAccount> accounts(Actor actor) {
    Permission.CONNECTORS_READ.check(actor);
    return store.inTransaction(actor, tx -> tx.connectorAccounts().list());
  }

  /**
   * @throws OmniFlowException {@code not_found} if the org has no such account of that provider
   */
  public ConnectorAccount account(Actor actor, String provider, String accountRef) {
    Permission.CONNECTORS_READ.check(actor);
    return store.inTransaction(actor, tx -> find(tx, provider, accountRef));
  }

  private static ConnectorAccount find(StoreTransaction tx, String provider, String accountRef) {
    if (!ConnectorAccount.isAccountRef(accountRef)) {
      throw OmniFlowException.notFound("The connector account");
    }
    return tx.connectorAccounts()
        .findByRef(accountRef)
        .filter(a -> a.provider().equals(provider))
        .orElseThrow(() -> OmniFlowException.notFound("The connector account"));
  }

  /** Every account's last known status, with an org summary. */
  public OrgConnectorHealth health(Actor actor) {
    Permission.CONNECTORS_READ.check(actor);
    return OrgConnectorHealth.of(store.inTransaction(actor, tx -> tx.connectorAccounts().list()));
  }

  /**
   * Probes one account now and records its status; a changed status emits {@code
   * connector_account.status_changed}.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such account
   */
  public ConnectorAccount healthcheck(Actor actor, String provider, String accountRef) {
    Permission.CONNECTORS_MANAGE.check(actor);
    ConnectorAccount account = store.inTransaction(actor, tx -> find(tx, provider, accountRef));
    return check(actor, account);
  }

  /**
   * Probes every account of the actor's org: what a scheduler calls, as {@link Actor#system}.
   *
   * @return the accounts with their new status
   */
  public List<ConnectorAccount> healthcheckAll(Actor actor) {
    Permission.CONNECTORS_MANAGE.check(actor);
    List<ConnectorAccount> result = new ArrayList<>();
    for (ConnectorAccount a : store.inTransaction(actor, tx -> tx.connectorAccounts().list())) {
      result.add(
          a.status() == HealthStatus.DISCONNECTED && a.lastCheckedAt() == null
              ? a
              : check(actor, a));
    }
    return result;
  }

  private ConnectorAccount check(Actor actor, ConnectorAccount account) {
    Instant now = clock.instant();
    HealthReport report = probe(account, now);
    return store.inTransaction(
        actor,
        tx -> {
          ConnectorAccount current = find(tx, account.provider(), account.accountRef());
          ConnectorAccount updated = current.withStatus(report.status(), report.detail(), now);
          tx.connectorAccounts().update(updated);
          if (current.status() != updated.status()) {
            Map<String, @Nullable Object> payload = new LinkedHashMap<>();
            payload.put("provider", current.provider());
            payload.put("account_ref", current.accountRef());
            payload.put("from", current.status().name().toLowerCase());
            payload.put("to", updated.status().name().toLowerCase());
            payload.put("detail", report.detail());
            Recorder.record(
                tx,
                now,
                new Recorder.Change(
                    "connector_account.status_changed",
                    "connector_account.health_change",
                    "connector_account",
                    current.accountRef(),
                    payload,
                    snapshot(current),
                    snapshot(updated)));
          }
          return updated;
        });
  }

  private HealthReport probe(ConnectorAccount account, Instant now) {
    ConnectorRegistry.Registration reg = registry.find(account.provider()).orElse(null);
    if (reg == null || !reg.modes().contains(registry.mode())) {
      return new HealthReport(
          HealthStatus.DEGRADED,
          "The provider is not available in connector mode " + registry.mode().wireName() + ".",
          now);
    }
    String token;
    try {
      token = accessToken(account, reg, now);
    } catch (OmniFlowException e) {
      return new HealthReport(HealthStatus.NEEDS_REAUTH, e.getMessage(), now);
    }
    try {
      return connectorCall(reg, "probe", c -> c.probe(account.externalAccountId(), token));
    } catch (ConnectorException e) {
      HealthStatus status =
          switch (e.kind()) {
            case AUTH_EXPIRED -> HealthStatus.NEEDS_REAUTH;
            case RATE_LIMITED, TRANSIENT -> HealthStatus.DEGRADED;
            default -> HealthStatus.DISCONNECTED;
          };
      return new HealthReport(
          status, "The probe failed: " + e.kind().name().toLowerCase() + ".", now);
    } catch (RuntimeException e) {
      LOG.warn(
          "Health probe of a {} account failed: {}", account.provider(), e.getClass().getName());
      return new HealthReport(HealthStatus.DEGRADED, "The probe failed unexpectedly.", now);
    }
  }

  /**
   * The account's access token, refreshed first when it expires within {@link #REFRESH_MARGIN} and
   * a refresh token is kept. Refreshes are single-flight per account (decision 0029): within this
   * node a striped lock, across nodes the token row locked for the refresh and re-read under the
   * lock, so a refresh another caller finished meanwhile is used and the refresh token is spent
   * once (a provider that rotates refresh tokens refuses a spent one).
   */
  private String accessToken(
      ConnectorAccount account, ConnectorRegistry.Registration reg, Instant now) {
    TokenVault vault = requireVault();
    Actor system = Actor.system(account.orgId());
    AccountTokens sealed =
        store
            .inTransaction(system, tx -> tx.connectorAccounts().tokens(account.id()))
            .orElseThrow(ConnectorService::noTokens);
    if (!needsRefresh(account.tokenExpiresAt(), sealed, now)) {
      return vault.open(binding(account, TokenKind.ACCESS), sealed.accessToken());
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
        && !now.plus(REFRESH_MARGIN).isBefore(expiry)
        && tokens.refreshToken() != null;
  }

  private static OmniFlowException noTokens() {
    return OmniFlowException.conflict(
        "account_disconnected", "The account has no tokens; connect it again.");
  }

  /** Under the account's token row lock: refresh unless someone did meanwhile. */
  private String refreshLocked(
      StoreTransaction tx,
      TokenVault vault,
      ConnectorAccount account,
      ConnectorRegistry.Registration reg,
      Instant now) {
    AccountTokens locked =
        tx.connectorAccounts().lockTokens(account.id()).orElseThrow(ConnectorService::noTokens);
    ConnectorAccount current = find(tx, account.provider(), account.accountRef());
    String access = vault.open(binding(current, TokenKind.ACCESS), locked.accessToken());
    if (!needsRefresh(current.tokenExpiresAt(), locked, now)) {
      return access; // refreshed by another caller while this one waited
    }
    String refresh =
        vault.open(
            binding(current, TokenKind.REFRESH), Objects.requireNonNull(locked.refreshToken()));
    TokenSet fresh;
    try {
      fresh = connectorCall(reg, "refresh", c -> c.refresh(refresh));
    } catch (ConnectorException e) {
      if (e.kind() == FailureKind.AUTH_EXPIRED || e.kind() == FailureKind.PERMANENT) {
        throw OmniFlowException.conflict(
            "account_needs_reauth", "The provider refused to refresh the token; reconnect.");
      }
      return access;
    }
    TokenSet merged =
        new TokenSet(
            fresh.accessToken(),
            fresh.refreshToken() != null ? fresh.refreshToken() : refresh,
            fresh.expiresAt(),
            fresh.scopes(),
            fresh.accounts());
    ConnectorAccount updated = current.withTokenExpiry(merged.expiresAt(), now);
    tx.connectorAccounts().update(updated);
    tx.connectorAccounts().saveTokens(seal(vault, updated, merged, now));
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            "connector_account.token_refreshed",
            "connector_account.refresh_token",
            "connector_account",
            current.accountRef(),
            Map.of("provider", current.provider(), "account_ref", current.accountRef()),
            snapshot(current),
            snapshot(updated)));
    return merged.accessToken();
  }

  /**
   * Sends a text through an account. An account that needs re-authorization or is disconnected
   * sends nothing.
   *
   * @throws OmniFlowException {@code account_needs_reauth} or {@code account_disconnected} (409);
   *     {@code send_rate_limited} or {@code send_transient} (503); {@code send_invalid_recipient}
   *     (422); {@code send_policy_window_closed} (409); {@code send_permanent} (409)
   */
  public SendResult sendText(
      Actor actor, String accountRef, Channel channel, String recipient, String text) {
    return sendText(actor, accountRef, channel, recipient, text, null);
  }

  /**
   * Sends a text through an account with an idempotency key ({@link
   * OutboundMessage#idempotencyKey()}): the connector delivers a repeat with the same key at most
   * once. {@link ai.omniflow.inbox.InboxService#send} passes the draft's id.
   *
   * @throws OmniFlowException as {@link #sendText(Actor, String, Channel, String, String)}; {@code
   *     provider_unavailable} (503) when the provider could not be reached or answered 5xx, after
   *     which the message may or may not have been delivered
   */
  public SendResult sendText(
      Actor actor,
      String accountRef,
      Channel channel,
      String recipient,
      String text,
      @Nullable String idempotencyKey) {
    Permission.MESSAGES_SEND.check(actor);
    ConnectorAccount account =
        store.inTransaction(
            actor,
            tx ->
                tx.connectorAccounts()
                    .findByRef(accountRef)
                    .orElseThrow(() -> OmniFlowException.notFound("The connector account")));
    if (account.status() == HealthStatus.NEEDS_REAUTH) {
      throw OmniFlowException.conflict(
          "account_needs_reauth", "The account needs to be connected again before it can send.");
    }
    if (account.status() == HealthStatus.DISCONNECTED) {
      throw OmniFlowException.conflict("account_disconnected", "The account is disconnected.");
    }
    ConnectorRegistry.Registration reg = registry.require(account.provider());
    Instant now = clock.instant();
    String token = accessToken(account, reg, now);
    try {
      return connectorCall(
          reg,
          "send",
          c ->
              c.send(
                  new OutboundMessage(
                      account.externalAccountId(),
                      channel,
                      recipient,
                      new OutboundMessage.Text(text),
                      idempotencyKey),
                  token));
    } catch (ConnectorException e) {
      if (e.kind() == FailureKind.AUTH_EXPIRED) {
        check(Actor.system(account.orgId()).withRequestId(actor.requestId()), account);
        throw OmniFlowException.conflict(
            "account_needs_reauth", "The provider refused the account's token; reconnect it.");
      }
      throw fromConnector(account.provider(), e, "send the message");
    }
  }

  /**
   * Revokes the account's token at the provider (best effort), forgets its tokens and marks it
   * disconnected.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such account
   */
  public ConnectorAccount disconnect(Actor actor, String provider, String accountRef) {
    Permission.CONNECTORS_MANAGE.check(actor);
    ConnectorAccount account = store.inTransaction(actor, tx -> find(tx, provider, accountRef));
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
                      vault.open(binding(account, TokenKind.ACCESS), sealed.accessToken());
                  connectorCall(
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
          ConnectorAccount current = find(tx, provider, accountRef);
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
                  "connector_account.disconnected",
                  "connector_account.disconnect",
                  "connector_account",
                  current.accountRef(),
                  Map.of("provider", provider, "account_ref", current.accountRef()),
                  snapshot(current),
                  snapshot(updated)));
          return updated;
        });
  }

  /**
   * Key rotation step 3: reseals every token of the org that is not under the primary key.
   *
   * @return how many accounts' tokens were resealed
   */
  public int resealTokens(Actor actor) {
    Permission.CONNECTORS_MANAGE.check(actor);
    TokenVault vault = requireVault();
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
            byte[] access = vault.reseal(binding(a, TokenKind.ACCESS), t.accessToken());
            byte[] newRefresh =
                refresh == null ? null : vault.reseal(binding(a, TokenKind.REFRESH), refresh);
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
                    "connector.tokens_resealed",
                    "connector.reseal_tokens",
                    "connector",
                    "tokens",
                    details,
                    null,
                    details));
          }
          return count;
        });
  }

  private static ReentrantLock[] newLocks(int n) {
    ReentrantLock[] locks = new ReentrantLock[n];
    for (int i = 0; i < n; i++) {
      locks[i] = new ReentrantLock();
    }
    return locks;
  }

  private TokenVault requireVault() {
    if (vault == null) {
      throw OmniFlowException.unavailable(
          "vault_not_configured",
          "No token vault is configured (TOKEN_ENCRYPTION_KEY); connectors cannot keep tokens.");
    }
    return vault;
  }

  private static void requireUser(Actor actor) {
    if (actor.isSystem()) {
      throw OmniFlowException.forbidden(
          "OAuth is started and completed by a user, not the system.");
    }
  }

  /**
   * Calls {@code reg}'s connector inside an {@code omniflow.connector.call} observation tagged with
   * the provider and operation (never an account, org or token).
   */
  private <T> T connectorCall(
      ConnectorRegistry.Registration reg,
      String operation,
      java.util.function.Function<ai.omniflow.connector.spi.Connector, T> call) {
    return observations.observe(
        Observations.CONNECTOR_CALL,
        KeyValues.of("provider", reg.provider(), "operation", operation),
        () -> call.apply(reg.connector()));
  }

  private static <T> T callConnector(String provider, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ConnectorException e) {
      throw fromConnector(provider, e, "build the authorization URL");
    }
  }

  private static OmniFlowException fromConnector(
      String provider, ConnectorException e, String doing) {
    String what = "The provider '" + provider + "' could not " + doing + ": ";
    return switch (e.kind()) {
      case RATE_LIMITED ->
          OmniFlowException.unavailable(
              "send_rate_limited",
              what
                  + "rate limited"
                  + e.retryAfter().map(d -> ", retry after " + d.toSeconds() + " s").orElse("")
                  + ".");
      case TRANSIENT ->
          OmniFlowException.unavailable("provider_unavailable", what + "it is unavailable.");
      case INVALID_RECIPIENT ->
          OmniFlowException.invalidInput("send_invalid_recipient", what + "invalid recipient.");
      case POLICY_WINDOW_CLOSED ->
          OmniFlowException.conflict(
              "send_policy_window_closed",
              what + "the messaging window is closed; use a template.");
      case AUTH_EXPIRED ->
          "exchange the authorization code".equals(doing)
              ? OmniFlowException.badRequest("invalid_code", what + "the code was refused.")
              : OmniFlowException.conflict("account_needs_reauth", what + "authorization expired.");
      case PERMANENT, SIGNATURE_INVALID, MALFORMED_PAYLOAD ->
          "exchange the authorization code".equals(doing)
              ? OmniFlowException.badRequest("invalid_code", what + "the code was refused.")
              : OmniFlowException.conflict("send_permanent", what + "the provider refused it.");
    };
  }

  /** An account's view for events and audit entries: never a token. */
  static Map<String, @Nullable Object> snapshot(ConnectorAccount a) {
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

  static String hash(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
