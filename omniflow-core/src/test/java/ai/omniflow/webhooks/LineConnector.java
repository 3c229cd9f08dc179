package ai.omniflow.webhooks;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connector for core's webhook tests whose "platform" posts lines of text: {@code #lines} first,
 * then {@code msg <account> <id> <sender> <text>} per message; a line {@code boom} dates the
 * delivery's messages 60 days back, which ingest refuses, while {@link #failures} is above zero; a
 * line {@code broken} makes parsing itself fail. Signed by the header {@code X-Test-Signature: ok}.
 */
final class LineConnector implements Connector {
  static final String PROVIDER = "lines";
  final AtomicInteger failures = new AtomicInteger();
  final AtomicInteger parses = new AtomicInteger();
  private final Clock clock;

  LineConnector(Clock clock) {
    this.clock = clock;
  }

  ConnectorFactory factory() {
    LineConnector self = this;
    return new ConnectorFactory() {
      @Override
      public String providerId() {
        return PROVIDER;
      }

      @Override
      public String displayName() {
        return "Lines";
      }

      @Override
      public Set<Capability> capabilities() {
        return EnumSet.of(Capability.INBOUND_DMS);
      }

      @Override
      public AuthMethod authMethod() {
        return AuthMethod.API_KEY;
      }

      @Override
      public Connector create(ConnectorConfig config) {
        return self;
      }
    };
  }

  ConnectorConfig config() {
    return ConnectorConfig.builder()
        .appId("app-1")
        .appSecret("line-secret")
        .apiBaseUri(URI.create("https://platform.invalid/"))
        .webhookVerifyToken("hook-token")
        .clock(clock)
        .build();
  }

  static WebhookRequest post(String body, boolean signed) {
    return WebhookRequest.post(
        URI.create("https://host.example/webhooks/lines"),
        signed ? Map.of("X-Test-Signature", "ok") : Map.of(),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String providerId() {
    return PROVIDER;
  }

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    throw new UnsupportedOperationException("no OAuth");
  }

  @Override
  public TokenSet exchangeCode(String code, String codeVerifier, URI redirectUri) {
    throw new UnsupportedOperationException("no OAuth");
  }

  @Override
  public TokenSet refresh(String refreshToken) {
    throw new UnsupportedOperationException("no OAuth");
  }

  @Override
  public void revoke(String token) {
    throw new UnsupportedOperationException("no OAuth");
  }

  @Override
  public Optional<String> verifyHandshake(Map<String, String> q) {
    return "subscribe".equals(q.get("hub.mode")) && "hook-token".equals(q.get("hub.verify_token"))
        ? Optional.ofNullable(q.get("hub.challenge"))
        : Optional.empty();
  }

  @Override
  public void verifySignature(WebhookRequest request) {
    if (!request.header("X-Test-Signature").filter("ok"::equals).isPresent()) {
      throw new ConnectorException(FailureKind.SIGNATURE_INVALID, "unsigned");
    }
  }

  @Override
  public void checkWebhookShape(WebhookRequest request) {
    if (!new String(request.rawBody(), StandardCharsets.UTF_8).startsWith("#lines")) {
      throw new ConnectorException(FailureKind.MALFORMED_PAYLOAD, "not lines");
    }
  }

  @Override
  public List<InboundEvent> parse(WebhookRequest request) {
    parses.incrementAndGet();
    List<InboundEvent> events = new ArrayList<>();
    String body = new String(request.rawBody(), StandardCharsets.UTF_8);
    Instant at =
        body.contains("\nboom") && failures.get() > 0
            ? clock.instant().minus(java.time.Duration.ofDays(60))
            : clock.instant().minusSeconds(60);
    for (String line : body.split("\n")) {
      String[] p = line.split(" ", 5);
      if (p[0].equals("broken")) {
        throw new ConnectorException(FailureKind.TRANSIENT, "the platform is down");
      }
      if (p[0].equals("msg") && p.length == 5) {
        events.add(
            new InboundEvent.Message(
                p[2],
                p[1],
                Channel.FACEBOOK_DM,
                p[2],
                new Sender(p[3], null, null, null),
                p[4],
                at,
                Referral.NONE));
      }
    }
    return events;
  }

  @Override
  public SendResult send(OutboundMessage message, String accessToken) {
    throw new UnsupportedOperationException("inbound only");
  }

  @Override
  public HealthReport probe(String externalAccountId, String accessToken) {
    throw new UnsupportedOperationException("inbound only");
  }
}
