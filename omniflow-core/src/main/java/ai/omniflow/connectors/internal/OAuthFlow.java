package ai.omniflow.connectors.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.Pkce;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connectors.AuthorizationStart;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.connectors.ConnectorEvents;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.connectors.OAuthState;
import ai.omniflow.internal.Ids;
import ai.omniflow.internal.Recorder;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.vault.TokenVault;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth use cases: start an authorization with a single-use state and PKCE, and complete it by
 * exchanging the code and connecting every account the grant covers. {@link ConnectorService}
 * delegates to it (decision 0033); the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class OAuthFlow {
  /** The most used or expired OAuth states one {@link #start} deletes. */
  public static final int PURGE_BATCH = 100;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final ConnectorRegistry registry;
  private final @Nullable TokenVault vault;
  private final Clock clock;
  private final ConnectorCalls calls;

  public OAuthFlow(
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

  /** As {@link ConnectorService#start}. */
  public AuthorizationStart start(Actor actor, String provider) {
    Permission.CONNECTORS_MANAGE.check(actor);
    requireUser(actor);
    ConnectorRegistry.Registration reg = registry.require(provider);
    if (reg.factory().authMethod() != AuthMethod.OAUTH) {
      throw OmniFlowException.conflict(
          ConnectorErrors.OAUTH_NOT_SUPPORTED,
          "The provider '" + provider + "' does not use OAuth.");
    }
    URI redirect = reg.config().redirectUri();
    if (redirect == null) {
      throw OmniFlowException.unavailable(
          ConnectorErrors.REDIRECT_URI_MISSING,
          "No OAuth redirect URI is configured for '" + provider + "' (OAUTH_REDIRECT_URI).");
    }
    ConnectorTx.requireVault(vault);
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String verifier = Pkce.newCodeVerifier();
    URI url =
        callConnector(
            provider,
            () ->
                calls.call(
                    reg,
                    "authorization_url",
                    c ->
                        c.authorizationUrl(
                            new AuthorizationRequest(
                                state, verifier, redirect, reg.config().scopes()))));
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ConnectorService.STATE_TTL);
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
                  ConnectorEvents.CONNECTOR_OAUTH_STARTED,
                  ConnectorEvents.AUDIT_CONNECTOR_OAUTH_START,
                  "connector",
                  provider,
                  details,
                  null,
                  details));
        });
    return new AuthorizationStart(provider, url, state, expiresAt);
  }

  /** As {@link ConnectorService#complete}. */
  public List<ConnectorAccount> complete(Actor actor, String provider, String code, String state) {
    Permission.CONNECTORS_MANAGE.check(actor);
    requireUser(actor);
    ConnectorRegistry.Registration reg = registry.require(provider);
    TokenVault vault = ConnectorTx.requireVault(this.vault);
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
          ConnectorErrors.INVALID_STATE,
          "The OAuth state is not valid (" + refusal + "); start the connection again.");
    }
    if (code == null || code.isBlank()) {
      auditRefusal(actor, provider, "missing_code", now);
      throw OmniFlowException.badRequest(
          ConnectorErrors.INVALID_CODE, "The OAuth callback has no code.");
    }
    OAuthState s = Objects.requireNonNull(taken[0], "checked above");
    TokenSet tokens;
    try {
      tokens =
          calls.call(
              reg,
              "exchange_code",
              c ->
                  c.exchangeCode(
                      code,
                      Objects.requireNonNull(s.codeVerifier(), "unconsumed"),
                      s.redirectUri()));
    } catch (ConnectorException e) {
      auditRefusal(actor, provider, "code_exchange_" + e.kind().name().toLowerCase(), now);
      throw ConnectorCalls.fromConnector(provider, e, "exchange the authorization code");
    }
    if (tokens.accounts().isEmpty()) {
      auditRefusal(actor, provider, "no_accounts_granted", now);
      throw OmniFlowException.invalidInput(
          ConnectorErrors.NO_ACCOUNTS_GRANTED, "The provider granted access to no account.");
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
          Recorder.auditOnly(
              tx,
              now,
              ConnectorEvents.AUDIT_CONNECTOR_OAUTH_REFUSED,
              "connector",
              provider,
              details);
        });
  }

  private static ConnectorAccount saveConnected(
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
              Ids.next(),
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
    tx.connectorAccounts().saveTokens(ConnectorTx.seal(vault, after, tokens, now));
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            before == null
                ? ConnectorEvents.CONNECTOR_ACCOUNT_CONNECTED
                : ConnectorEvents.CONNECTOR_ACCOUNT_RECONNECTED,
            before == null
                ? ConnectorEvents.AUDIT_CONNECTOR_ACCOUNT_CONNECT
                : ConnectorEvents.AUDIT_CONNECTOR_ACCOUNT_RECONNECT,
            "connector_account",
            after.accountRef(),
            Map.of("provider", provider, "account_ref", after.accountRef()),
            before == null ? null : ConnectorTx.snapshot(before),
            ConnectorTx.snapshot(after)));
    return after;
  }

  private static void requireUser(Actor actor) {
    if (actor.isSystem()) {
      throw OmniFlowException.forbidden(
          "OAuth is started and completed by a user, not the system.");
    }
  }

  private static <T> T callConnector(String provider, Supplier<T> call) {
    try {
      return call.get();
    } catch (ConnectorException e) {
      throw ConnectorCalls.fromConnector(provider, e, "build the authorization URL");
    }
  }

  /** The SHA-256 of an OAuth state, in hex: only this is stored. */
  public static String hash(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
