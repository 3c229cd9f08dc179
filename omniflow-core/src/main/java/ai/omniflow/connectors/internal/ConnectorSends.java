package ai.omniflow.connectors.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connectors.ConnectorAccount;
import ai.omniflow.connectors.ConnectorErrors;
import ai.omniflow.connectors.ConnectorRegistry;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The send use case: a text through an account, with its access token refreshed first when due. An
 * account whose token the provider refuses becomes {@code NEEDS_REAUTH} at once, and sends through
 * it are refused before any call; an account the provider rate limits gets no send on this node
 * until the wait it named (60 s if none) has passed. {@link ConnectorService} delegates to it
 * (decision 0033); the Javadoc of its methods is the spec. Not API. Thread-safe.
 */
public final class ConnectorSends {
  private final Store store;
  private final ConnectorRegistry registry;
  private final Clock clock;
  private final TokenRefresh tokens;
  private final ConnectorHealthChecks health;
  private final ConnectorCalls calls;

  /** The wait after a rate limit that named none. */
  static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(60);

  /** The longest wait a rate limit imposes on this node's sends. */
  static final Duration MAX_THROTTLE = Duration.ofDays(1);

  /**
   * Accounts the provider rate limited, until when: sends through them are refused before any call
   * while the wait lasts. Per node (another node learns the limit from its own first refusal);
   * bounded, and an entry outlives no wait.
   */
  private final Cache<UUID, Instant> throttledUntil =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(MAX_THROTTLE).build();

  public ConnectorSends(
      Store store,
      ConnectorRegistry registry,
      Clock clock,
      TokenRefresh tokens,
      ConnectorHealthChecks health,
      ConnectorCalls calls) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.health = Objects.requireNonNull(health, "health");
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /**
   * As {@link ConnectorService#sendText(Actor, String, Channel, String, String, String, Instant)}.
   */
  public SendResult sendText(
      Actor actor,
      String accountRef,
      Channel channel,
      String recipient,
      String text,
      @Nullable String idempotencyKey,
      @Nullable Instant lastInboundAt) {
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
          ConnectorErrors.ACCOUNT_NEEDS_REAUTH,
          "The account needs to be connected again before it can send.");
    }
    if (account.status() == HealthStatus.DISCONNECTED) {
      throw OmniFlowException.conflict(
          ConnectorErrors.ACCOUNT_DISCONNECTED, "The account is disconnected.");
    }
    ConnectorRegistry.Registration reg = registry.require(account.provider());
    Instant now = clock.instant();
    Instant until = throttledUntil.getIfPresent(account.id());
    if (until != null && now.isBefore(until)) {
      throw OmniFlowException.unavailable(
          ConnectorErrors.SEND_RATE_LIMITED,
          "The provider '"
              + account.provider()
              + "' rate limited this account; retry after "
              + Math.max(1, Duration.between(now, until).toSeconds())
              + " s.");
    }
    String token = tokens.accessToken(account, reg, now);
    try {
      return calls.call(
          reg,
          "send",
          c ->
              c.send(
                  message(account, channel, recipient, text, idempotencyKey, lastInboundAt),
                  token));
    } catch (ConnectorException e) {
      if (e.kind() == FailureKind.AUTH_EXPIRED) {
        health.refused(
            Actor.system(account.orgId()).withRequestId(actor.requestId()),
            account,
            "The provider refused the token on a send; connect the account again.");
        throw OmniFlowException.conflict(
            ConnectorErrors.ACCOUNT_NEEDS_REAUTH,
            "The provider refused the account's token; reconnect it.");
      }
      if (e.kind() == FailureKind.RATE_LIMITED) {
        Duration wait = e.retryAfter().orElse(DEFAULT_THROTTLE);
        throttledUntil.put(
            account.id(), now.plus(wait.compareTo(MAX_THROTTLE) > 0 ? MAX_THROTTLE : wait));
      }
      throw ConnectorCalls.fromConnector(account.provider(), e, "send the message");
    }
  }

  private static OutboundMessage message(
      ConnectorAccount account,
      Channel channel,
      String recipient,
      String text,
      @Nullable String idempotencyKey,
      @Nullable Instant lastInboundAt) {
    OutboundMessage message =
        new OutboundMessage(
            account.externalAccountId(),
            channel,
            recipient,
            new OutboundMessage.Text(text),
            idempotencyKey);
    return lastInboundAt == null ? message : message.withLastInboundAt(lastInboundAt);
  }
}
