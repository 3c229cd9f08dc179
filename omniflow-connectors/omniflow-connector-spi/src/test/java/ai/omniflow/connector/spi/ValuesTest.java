package ai.omniflow.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  @Test
  void aConfigsToStringShowsNoSecretAndNoSettingValue() {
    ConnectorConfig config =
        ConnectorConfig.builder()
            .appId("app-1")
            .appSecret("s3cr3t-app")
            .webhookVerifyToken("v3rify-me")
            .apiBaseUri(URI.create("https://api.example.com/"))
            .redirectUri(URI.create("https://app.example.com/cb"))
            .scopes(List.of("read", "write"))
            .setting("api_key", "k3y-value")
            .build();
    assertThat(config.toString())
        .contains("app-1", "api_key", "https://api.example.com/")
        .doesNotContain("s3cr3t-app", "v3rify-me", "k3y-value");
    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(config.setting("api_key")).contains("k3y-value");
  }

  @Test
  void aConfigWithoutAnAppSecretNamesTheField() {
    assertThatThrownBy(
            () ->
                ConnectorConfig.builder()
                    .appId("app")
                    .apiBaseUri(URI.create("https://api.example.com/"))
                    .build())
        .hasMessageContaining("appSecret");
    assertThatThrownBy(
            () ->
                ConnectorConfig.builder()
                    .appId("app")
                    .appSecret("x")
                    .apiBaseUri(URI.create("relative/path"))
                    .build())
        .hasMessageContaining("apiBaseUri");
  }

  @Test
  void aTokenSetsToStringShowsNoToken() {
    TokenSet tokens =
        new TokenSet(
            "acc-123",
            "ref-456",
            Instant.parse("2026-11-25T12:00:00Z"),
            List.of("read"),
            List.of(new ConnectedAccount("page-1", "Page", List.of())));
    assertThat(tokens.toString()).doesNotContain("acc-123", "ref-456").contains("page-1");
    assertThat(tokens.expiresWithin(Duration.ofMinutes(5), Instant.parse("2026-11-25T11:56:00Z")))
        .isTrue();
    assertThat(tokens.expiresWithin(Duration.ofMinutes(5), Instant.parse("2026-11-25T11:54:00Z")))
        .isFalse();
  }

  @Test
  void anAuthorizationRequestHidesItsVerifierAndComputesTheChallenge() {
    AuthorizationRequest request =
        new AuthorizationRequest(
            "state-1", VERIFIER, URI.create("https://app.example.com/cb"), List.of("a", "b"));
    assertThat(request.toString()).doesNotContain(VERIFIER).contains("state-1");
    assertThat(request.codeChallenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    assertThat(request.scopeParameter()).isEqualTo("a b");
    assertThatThrownBy(
            () ->
                new AuthorizationRequest(
                    "s", "plain", URI.create("https://app.example.com/cb"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void webhookHeadersAreLookedUpIgnoringCaseAndTheBodyCannotBeChangedFromOutside() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    WebhookRequest request =
        WebhookRequest.post(
            URI.create("https://host/webhooks/mock?hub.mode=subscribe&x=a%20b"),
            Map.of("X-Mock-Signature", "sha256=00"),
            body);
    body[0] = 'X';
    assertThat(request.header("x-mock-signature")).contains("sha256=00");
    assertThat(request.rawBody()[0]).isEqualTo((byte) '{');
    request.rawBody()[0] = 'Y';
    assertThat(request.rawBody()[0]).isEqualTo((byte) '{');
    assertThat(request.queryParameters()).containsEntry("hub.mode", "subscribe");
    assertThat(request.queryParameters()).containsEntry("x", "a b");
    assertThat(request.toString()).doesNotContain("{\"a\"");
  }

  @Test
  void recordsCopyTheirCollections() {
    List<String> params = new ArrayList<>(List.of("Ana"));
    OutboundMessage.Template template = new OutboundMessage.Template("hello", "en_US", params);
    params.add("extra");
    assertThat(template.parameters()).containsExactly("Ana");
  }

  @Test
  void aCommentMustNameItsPostAndUseACommentChannel() {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    assertThatThrownBy(
            () ->
                new InboundEvent.Comment(
                    "k",
                    "acct",
                    Channel.INSTAGRAM_COMMENT,
                    "c1",
                    null,
                    Sender.ofHandle("u"),
                    "hi",
                    now,
                    Referral.NONE))
        .hasMessageContaining("post");
    assertThatThrownBy(
            () ->
                new InboundEvent.Comment(
                    "k",
                    "acct",
                    Channel.SMS,
                    "c1",
                    null,
                    Sender.ofHandle("u"),
                    "hi",
                    now,
                    new Referral(null, null, "p1")))
        .hasMessageContaining("channel");
  }

  @Test
  void channelIdsAreTheGlossarysWords() {
    assertThat(List.of(Channel.values()))
        .extracting(Channel::id)
        .containsExactly(
            "instagram_dm",
            "instagram_comment",
            "facebook_dm",
            "facebook_comment",
            "lead_form",
            "whatsapp",
            "sms",
            "email");
    assertThat(Channel.fromId("whatsapp")).isEqualTo(Channel.WHATSAPP);
    assertThatThrownBy(() -> Channel.fromId("telegram"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRateLimitCarriesItsRetryAfterAndIsRetryable() {
    ConnectorException e = ConnectorException.rateLimited("429", Duration.ofSeconds(30));
    assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(e.isRetryable()).isTrue();
    assertThat(new ConnectorException(FailureKind.PERMANENT, "no").isRetryable()).isFalse();
  }

  @Test
  void anOutboundMessageCarriesTheRecipientsLastInboundTimeThroughItsCopies() {
    Instant wrote = Instant.parse("2030-01-01T10:00:00Z");
    OutboundMessage plain = OutboundMessage.text("acct", Channel.WHATSAPP, "+4915112345678", "Hi");
    assertThat(plain.lastInboundAt()).isNull();

    OutboundMessage known = plain.withLastInboundAt(wrote).withIdempotencyKey("draft-1");

    assertThat(known.lastInboundAt()).isEqualTo(wrote);
    assertThat(known.idempotencyKey()).isEqualTo("draft-1");
    assertThat(new OutboundMessage("acct", Channel.SMS, "+1", plain.content(), "k").lastInboundAt())
        .isNull();
  }
}
