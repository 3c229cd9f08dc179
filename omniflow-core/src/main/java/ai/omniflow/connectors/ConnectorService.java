package ai.omniflow.connectors;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connectors.internal.AccountDisconnection;
import ai.omniflow.connectors.internal.AccountReads;
import ai.omniflow.connectors.internal.ConnectorCalls;
import ai.omniflow.connectors.internal.ConnectorHealthChecks;
import ai.omniflow.connectors.internal.ConnectorSends;
import ai.omniflow.connectors.internal.OAuthFlow;
import ai.omniflow.connectors.internal.PlatformAccounts;
import ai.omniflow.connectors.internal.TokenRefresh;
import ai.omniflow.connectors.internal.TokenResealing;
import ai.omniflow.internal.Observations;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.vault.TokenVault;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
  // A facade: each use case is a class of one concern in connectors.internal (decision 0033).

  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(
        ConnectorService.class,
        w ->
            create(
                w.store(),
                w.connectorRegistry(),
                w.tokenVault(),
                w.clock(),
                w.part(ObservationRegistry.class)));
  }

  /** How long an OAuth state is accepted. */
  public static final Duration STATE_TTL = Duration.ofMinutes(10);

  /** The most used or expired OAuth states one {@link #start} deletes. */
  static final int PURGE_BATCH = OAuthFlow.PURGE_BATCH;

  /** Access tokens expiring sooner than this are refreshed before use. */
  public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private final ConnectorRegistry registry;
  private final OAuthFlow oauth;
  private final AccountReads reads;
  private final ConnectorHealthChecks health;
  private final ConnectorSends sends;
  private final AccountDisconnection disconnection;
  private final TokenResealing resealing;
  private final PlatformAccounts platform;

  ConnectorService(
      ConnectorRegistry registry,
      OAuthFlow oauth,
      AccountReads reads,
      ConnectorHealthChecks health,
      ConnectorSends sends,
      AccountDisconnection disconnection,
      TokenResealing resealing,
      PlatformAccounts platform) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.oauth = Objects.requireNonNull(oauth, "oauth");
    this.reads = Objects.requireNonNull(reads, "reads");
    this.health = Objects.requireNonNull(health, "health");
    this.sends = Objects.requireNonNull(sends, "sends");
    this.disconnection = Objects.requireNonNull(disconnection, "disconnection");
    this.resealing = Objects.requireNonNull(resealing, "resealing");
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  /**
   * Builds the use cases over one store, registry, vault and clock, sharing one token refresh (and
   * so its single flight) and one observed caller of connectors.
   *
   * @param observations where {@code omniflow.connector.call} goes, one observation per call to a
   *     connector, tagged with provider, operation and outcome
   */
  static ConnectorService create(
      Store store,
      ConnectorRegistry registry,
      @Nullable TokenVault vault,
      Clock clock,
      ObservationRegistry observations) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(clock, "clock");
    ConnectorCalls calls = new ConnectorCalls(new Observations(observations));
    TokenRefresh tokens = new TokenRefresh(store, vault, calls);
    ConnectorHealthChecks health = new ConnectorHealthChecks(store, registry, clock, tokens, calls);
    return new ConnectorService(
        registry,
        new OAuthFlow(store, registry, vault, clock, calls),
        new AccountReads(store),
        health,
        new ConnectorSends(store, registry, clock, tokens, health, calls),
        new AccountDisconnection(store, registry, vault, clock, calls),
        new TokenResealing(store, vault, clock),
        new PlatformAccounts(store, registry, clock, tokens, health));
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
    return oauth.start(actor, provider);
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
    return oauth.complete(actor, provider, code, state);
  }

  /** The org's accounts, oldest first. Never tokens. */
  public List<ConnectorAccount> accounts(Actor actor) {
    return reads.accounts(actor);
  }

  /**
   * @throws OmniFlowException {@code not_found} if the org has no such account of that provider
   */
  public ConnectorAccount account(Actor actor, String provider, String accountRef) {
    return reads.account(actor, provider, accountRef);
  }

  /** Every account's last known status, with an org summary. */
  public OrgConnectorHealth health(Actor actor) {
    return OrgConnectorHealth.of(reads.accounts(actor));
  }

  /**
   * Probes one account now and records its status; a changed status emits {@code
   * connector_account.status_changed}.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such account
   */
  public ConnectorAccount healthcheck(Actor actor, String provider, String accountRef) {
    return health.healthcheck(actor, provider, accountRef);
  }

  /**
   * Probes every account of the actor's org: what a scheduler calls, as {@link Actor#system}.
   * Accounts that need re-authorization are not probed (their token was refused; a probe would be
   * refused again) and are returned as they are.
   *
   * @return the accounts with their new status
   */
  public List<ConnectorAccount> healthcheckAll(Actor actor) {
    return health.healthcheckAll(actor);
  }

  /**
   * The account's access token, for a connector that must read from its platform while it parses a
   * webhook (Meta's Lead Ads: the page's token), refreshed first when due; {@link
   * ai.omniflow.webhooks.WebhookService#platformAccessToken} finds the account from the platform's
   * id and asks here. Empty when the account needs re-authorization or is disconnected (so nothing
   * calls the platform with a token it refused), is unknown, or has no usable token.
   *
   * @throws OmniFlowException {@code forbidden} unless the actor is {@link Actor#system}
   */
  public Optional<String> webhookAccessToken(Actor actor, String provider, String accountRef) {
    return platform.accessToken(actor, provider, accountRef);
  }

  /**
   * Records that the provider refused the account's token where core could not tell the account by
   * itself (a lead read while a webhook was parsed): the account becomes {@code NEEDS_REAUTH}
   * without a probe, with {@code connector_account.status_changed}, and sends and reads through it
   * stop until it is connected again.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such account; {@code forbidden}
   *     if the actor may not manage connectors
   */
  public ConnectorAccount refusedByProvider(Actor actor, String provider, String accountRef) {
    return platform.refused(actor, provider, accountRef);
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
    return sendText(actor, accountRef, channel, recipient, text, idempotencyKey, null);
  }

  /**
   * Sends a text as {@link #sendText(Actor, String, Channel, String, String, String)} does, telling
   * the connector when the recipient last wrote ({@link OutboundMessage#lastInboundAt()}), so that
   * a platform with a messaging window (WhatsApp, Messenger, Instagram) refuses free text outside
   * it before any call. {@link ai.omniflow.inbox.InboxService#send} passes the thread's last
   * inbound time.
   *
   * @param lastInboundAt when the recipient last wrote on this channel, or null if not known (the
   *     platform then decides)
   * @throws OmniFlowException as {@link #sendText(Actor, String, Channel, String, String, String)}
   */
  public SendResult sendText(
      Actor actor,
      String accountRef,
      Channel channel,
      String recipient,
      String text,
      @Nullable String idempotencyKey,
      @Nullable Instant lastInboundAt) {
    return sends.sendText(
        actor, accountRef, channel, recipient, text, idempotencyKey, lastInboundAt);
  }

  /**
   * Revokes the account's token at the provider (best effort), forgets its tokens and marks it
   * disconnected.
   *
   * @throws OmniFlowException {@code not_found} if the org has no such account
   */
  public ConnectorAccount disconnect(Actor actor, String provider, String accountRef) {
    return disconnection.disconnect(actor, provider, accountRef);
  }

  /**
   * Key rotation step 3: reseals every token of the org that is not under the primary key.
   *
   * @return how many accounts' tokens were resealed
   */
  public int resealTokens(Actor actor) {
    return resealing.resealTokens(actor);
  }

  /** The SHA-256 of an OAuth state, as stored. */
  static String hash(String value) {
    return OAuthFlow.hash(value);
  }
}
