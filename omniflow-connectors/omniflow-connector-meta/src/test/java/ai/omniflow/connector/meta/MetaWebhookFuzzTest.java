package ai.omniflow.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.WebhookRequest;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzz targets for Meta's webhooks (issue 9): any {@code X-Hub-Signature-256} but the body's own
 * HMAC is refused with {@code SIGNATURE_INVALID}, and any signed body parses or fails with a {@link
 * ConnectorException} whose message is short, never another exception. The Graph API is an
 * unreachable port, so a lead-ad change fails as a connector error too. {@code scripts/fuzz.sh
 * MetaWebhookFuzzTest 300} fuzzes for longer.
 */
class MetaWebhookFuzzTest {
  private static final String SECRET = "meta-fuzz-app-secret-not-real";
  private static final Connector CONNECTOR =
      new MetaConnectorFactory(pageId -> Optional.of("meta-fuzz-page-token-not-real"))
          .create(
              ConnectorConfig.builder()
                  .appId("1234567890")
                  .appSecret(SECRET)
                  .webhookVerifyToken("meta-fuzz-verify-token")
                  .apiBaseUri(URI.create("http://127.0.0.1:1/"))
                  .redirectUri(URI.create("https://crm.example/oauth/meta/callback"))
                  .scopes(MetaConnectorFactory.SCOPES)
                  .clock(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC))
                  .build());
  private static final URI HOOK = URI.create("https://host.example/webhooks/meta");

  @FuzzTest(maxDuration = "10s")
  void anyHeaderButTheBodysSignatureIsRejected(FuzzedDataProvider data) {
    String header = data.consumeString(200);
    byte[] body = data.consumeRemainingAsBytes();
    WebhookRequest request = WebhookRequest.post(HOOK, Map.of("X-Hub-Signature-256", header), body);

    if (header.equals("sha256=" + MetaConnectorTest.hmacSha256Hex(SECRET, body))) {
      CONNECTOR.verifySignature(request);
    } else {
      assertThatThrownBy(() -> CONNECTOR.verifySignature(request))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(FailureKind.SIGNATURE_INVALID));
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anySignedBodyParsesOrFailsAsAConnectorError(byte[] body) {
    WebhookRequest request =
        WebhookRequest.post(
            HOOK,
            Map.of(
                "X-Hub-Signature-256", "sha256=" + MetaConnectorTest.hmacSha256Hex(SECRET, body)),
            body);
    CONNECTOR.verifySignature(request);
    try {
      assertThat(CONNECTOR.parse(request)).isNotNull();
    } catch (ConnectorException e) {
      assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(300);
    }
  }
}
