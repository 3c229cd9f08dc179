package ai.omniflow.connectors;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connector for core's tests whose platform answers are scripted: a fake for a platform we cannot
 * reach, as STYLE.md allows. Every token it issues is recorded so tests can scan for leaks.
 */
public final class ScriptedConnector implements Connector {
  final String provider;
  final Clock clock;
  public final List<String> issuedSecrets = new ArrayList<>();
  final List<String> revoked = new ArrayList<>();
  final List<String> sentWith = java.util.Collections.synchronizedList(new ArrayList<>());
  final List<String> sentKeys = java.util.Collections.synchronizedList(new ArrayList<>());
  final List<OutboundMessage> sentMessages =
      java.util.Collections.synchronizedList(new ArrayList<>());
  volatile Duration sendDelay = Duration.ZERO;

  /** Whether a refresh spends its refresh token: only the last one issued is accepted. */
  volatile boolean rotatesRefreshTokens;

  volatile Duration refreshDelay = Duration.ZERO;
  final AtomicInteger refreshCalls = new AtomicInteger();
  private volatile String lastRefresh = "";
  final AtomicInteger counter = new AtomicInteger();
  volatile List<ConnectedAccount> grants =
      List.of(new ConnectedAccount("page-1", "Bay Realty Page", List.of("pages_messaging")));
  volatile Duration tokenLifetime = Duration.ofHours(1);
  volatile ConnectorException exchangeFailure;
  public volatile ConnectorException sendFailure;
  volatile ConnectorException probeFailure;
  volatile HealthStatus probeStatus = HealthStatus.HEALTHY;

  public ScriptedConnector(String provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
  }

  public static ConnectorFactory factory(ScriptedConnector connector) {
    return new ConnectorFactory() {
      @Override
      public String providerId() {
        return connector.provider;
      }

      @Override
      public String displayName() {
        return "Scripted " + connector.provider;
      }

      @Override
      public Set<Capability> capabilities() {
        return EnumSet.of(Capability.INBOUND_DMS, Capability.OUTBOUND_TEXT);
      }

      @Override
      public AuthMethod authMethod() {
        return AuthMethod.OAUTH;
      }

      @Override
      public Connector create(ConnectorConfig config) {
        return connector;
      }
    };
  }

  public static ConnectorConfig config(Clock clock) {
    return ConnectorConfig.builder()
        .appId("app-1")
        .appSecret("app-secret-DO-NOT-LEAK")
        .apiBaseUri(URI.create("https://platform.invalid/"))
        .redirectUri(URI.create("https://host.example/oauth/callback"))
        .scopes(List.of("pages_messaging", "pages_read_engagement"))
        .clock(clock)
        .build();
  }

  private TokenSet issue() {
    int n = counter.incrementAndGet();
    String access = "ACCESS-" + provider + "-" + n + "-secret";
    String refresh = "REFRESH-" + provider + "-" + n + "-secret";
    lastRefresh = refresh;
    issuedSecrets.add(access);
    issuedSecrets.add(refresh);
    return new TokenSet(
        access, refresh, clock.instant().plus(tokenLifetime), List.of("pages_messaging"), grants);
  }

  /** The texts sent so far, in order ({@code null} for a template). */
  public List<String> sentTexts() {
    synchronized (sentMessages) {
      return sentMessages.stream()
          .map(m -> m.content() instanceof OutboundMessage.Text t ? t.body() : null)
          .toList();
    }
  }

  /** The idempotency keys of the sends so far, in order. */
  public List<String> sentKeys() {
    synchronized (sentKeys) {
      return List.copyOf(sentKeys);
    }
  }

  @Override
  public String providerId() {
    return provider;
  }

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    return URI.create(
        "https://platform.invalid/oauth?state="
            + request.state()
            + "&code_challenge="
            + request.codeChallenge()
            + "&code_challenge_method=S256&redirect_uri="
            + request.redirectUri());
  }

  @Override
  public TokenSet exchangeCode(String code, String codeVerifier, URI redirectUri) {
    issuedSecrets.add(code);
    issuedSecrets.add(codeVerifier);
    if (exchangeFailure != null) {
      throw exchangeFailure;
    }
    return issue();
  }

  @Override
  public TokenSet refresh(String refreshToken) {
    refreshCalls.incrementAndGet();
    if (!refreshDelay.isZero()) {
      try {
        Thread.sleep(refreshDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (rotatesRefreshTokens && !refreshToken.equals(lastRefresh)) {
        throw new ConnectorException(
            ai.omniflow.connector.spi.FailureKind.AUTH_EXPIRED, "refresh token already used");
      }
      return issue();
    }
  }

  @Override
  public void revoke(String token) {
    revoked.add(token);
  }

  @Override
  public Optional<String> verifyHandshake(Map<String, String> queryParams) {
    return Optional.empty();
  }

  @Override
  public void verifySignature(WebhookRequest request) {}

  @Override
  public List<InboundEvent> parse(WebhookRequest request) {
    return List.of();
  }

  @Override
  public SendResult send(OutboundMessage message, String accessToken) {
    sentWith.add(accessToken);
    sentKeys.add(String.valueOf(message.idempotencyKey()));
    sentMessages.add(message);
    if (!sendDelay.isZero()) {
      try {
        Thread.sleep(sendDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (sendFailure != null) {
      throw sendFailure;
    }
    return new SendResult("mid." + counter.incrementAndGet());
  }

  @Override
  public HealthReport probe(String externalAccountId, String accessToken) {
    if (probeFailure != null) {
      throw probeFailure;
    }
    return new HealthReport(probeStatus, "Probe says " + probeStatus + ".", clock.instant());
  }
}
