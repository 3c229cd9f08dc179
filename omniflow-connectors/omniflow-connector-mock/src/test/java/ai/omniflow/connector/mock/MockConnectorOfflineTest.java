package ai.omniflow.connector.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorDiscovery;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.Pkce;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The offline mode answers every call in-process, as the package doc promises. Its config points at
 * a {@code .invalid} host, so any network call would fail these tests with TRANSIENT.
 */
class MockConnectorOfflineTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Connector connector =
      new MockConnectorFactory().create(MockConnectorFactory.offlineConfig(clock));

  @Test
  void theOAuthFlowCompletesWithoutAServerAndIsDeterministic() {
    String verifier = Pkce.newCodeVerifier();
    URI consent =
        connector.authorizationUrl(
            new AuthorizationRequest(
                "st-1",
                verifier,
                URI.create("http://localhost:8080/connectors/mock/callback"),
                List.of("messages")));
    assertThat(consent.toString()).contains("state=st-1", "code_challenge_method=S256");

    TokenSet tokens =
        connector.exchangeCode(
            "code-1", verifier, URI.create("http://localhost:8080/connectors/mock/callback"));
    assertThat(tokens.accessToken()).startsWith("mock-at-");
    assertThat(tokens.refreshToken()).startsWith("mock-rt-");
    assertThat(tokens.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(tokens.accounts())
        .extracting(ConnectedAccount::externalAccountId)
        .containsExactly("mock-page-1", "mock-ig-1");
    assertThat(connector.exchangeCode("code-1", verifier, URI.create("http://x/cb")))
        .isEqualTo(tokens);

    TokenSet refreshed = connector.refresh(tokens.refreshToken());
    assertThat(refreshed.accessToken()).startsWith("mock-at-").isNotEqualTo(tokens.accessToken());
    connector.revoke(refreshed.accessToken());
  }

  @Test
  void aDeniedCodeAndAForeignRefreshTokenAreAuthFailures() {
    assertKind(
        () -> connector.exchangeCode("denied-1", Pkce.newCodeVerifier(), URI.create("http://x/cb")),
        FailureKind.AUTH_EXPIRED);
    assertKind(() -> connector.refresh("not-ours"), FailureKind.AUTH_EXPIRED);
  }

  @Test
  void sendsAreNumberedAndRecipientsChooseTheFailure() {
    assertThat(connector.send(text("+4915112345678"), "mock-at-1").providerMessageId())
        .isEqualTo("mock-msg-1");
    assertThat(connector.send(text("+4915112345678"), "mock-at-1").providerMessageId())
        .isEqualTo("mock-msg-2");
    assertKind(() -> connector.send(text("invalid-1"), "mock-at-1"), FailureKind.INVALID_RECIPIENT);
    assertKind(
        () -> connector.send(text("window-closed-1"), "mock-at-1"),
        FailureKind.POLICY_WINDOW_CLOSED);
    assertThatThrownBy(() -> connector.send(text("rate-limited-1"), "mock-at-1"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
    assertKind(() -> connector.send(text("+4915112345678"), "expired-1"), FailureKind.AUTH_EXPIRED);
    OutboundMessage template =
        OutboundMessage.template(
            "mock-page-1",
            Channel.WHATSAPP,
            "window-closed-1",
            new OutboundMessage.Template("reminder", "en_US", List.of()));
    assertThat(connector.send(template, "mock-at-1").providerMessageId()).isEqualTo("mock-msg-3");
  }

  @Test
  void probesAnswerFromTheTokenAndAccount() {
    assertThat(connector.probe("mock-page-1", "mock-at-1").status())
        .isEqualTo(HealthStatus.HEALTHY);
    assertThat(connector.probe("mock-page-1", "expired-1").status())
        .isEqualTo(HealthStatus.NEEDS_REAUTH);
    assertThat(connector.probe("gone-1", "mock-at-1").status())
        .isEqualTo(HealthStatus.DISCONNECTED);
    assertThat(connector.probe("mock-page-1", "mock-at-1").checkedAt()).isEqualTo(NOW);
  }

  @Test
  void aSimulatedWebhookSignedWithTheOfflineSecretIsReceived() {
    byte[] body =
        """
        {"account_id": "mock-page-1", "events": [
          {"type": "message", "id": "m-1", "channel": "whatsapp", "from": {"phone": "+4915112345678"},
           "text": "Hi", "timestamp": "2026-11-25T09:59:00Z"},
          {"type": "typing", "id": "t-1"}
        ]}
        """
            .getBytes(StandardCharsets.UTF_8);
    WebhookRequest request =
        WebhookRequest.post(
            URI.create("http://localhost:8080/webhooks/mock"),
            Map.of(
                MockWebhookSignature.HEADER,
                MockWebhookSignature.sign(
                    body, MockConnectorFactory.offlineConfig(clock).appSecret())),
            body);
    List<InboundEvent> events = connector.receive(request);
    assertThat(events).singleElement().isInstanceOf(InboundEvent.Message.class);
    assertThat(events.get(0).dedupeKey()).isEqualTo("message:m-1");
  }

  @Test
  void discoveryFindsTheMockFactory() {
    assertThat(ConnectorDiscovery.discover(getClass().getClassLoader()))
        .extracting(ConnectorFactory::providerId)
        .contains("mock");
  }

  @Test
  void aSendRepeatedWithTheSameIdempotencyKeyIsDeliveredOnceEvenWhenConcurrent() throws Exception {
    OutboundMessage keyed = text("+4915112345678").withIdempotencyKey("draft-42");
    List<java.util.concurrent.Future<String>> answers;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      answers =
          pool.invokeAll(
              java.util.Collections.nCopies(
                  16, () -> connector.send(keyed, "mock-at-1").providerMessageId()));
    } finally {
      pool.shutdown();
    }
    for (var answer : answers) {
      assertThat(answer.get()).isEqualTo("mock-msg-1");
    }
    assertThat(connector.send(text("+4915112345678"), "mock-at-1").providerMessageId())
        .as("a send without the key is a new message")
        .isEqualTo("mock-msg-2");
    assertThat(
            connector
                .send(text("+4915112345678").withIdempotencyKey("draft-43"), "mock-at-1")
                .providerMessageId())
        .isEqualTo("mock-msg-3");
  }

  private static OutboundMessage text(String to) {
    return OutboundMessage.text("mock-page-1", Channel.WHATSAPP, to, "Hello");
  }

  private static void assertKind(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, FailureKind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
