package ai.omniflow.connector.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.Connector;
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

/**
 * Fuzz targets for the mock connector's inbound webhooks, the one signature scheme and body parser
 * in the tree today: any header fails verification with {@code SIGNATURE_INVALID} unless it is the
 * body's signature, and any signed body parses or fails with {@code MALFORMED_PAYLOAD}, never
 * another exception. {@code scripts/fuzz.sh MockWebhookFuzzTest 300} fuzzes for longer.
 */
class MockWebhookFuzzTest {
  private static final String SECRET = "mock-app-secret";
  private static final Connector CONNECTOR =
      new MockConnectorFactory()
          .create(
              MockConnectorFactory.offlineConfig(
                  Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC)));
  private static final URI HOOK = URI.create("https://host.example/webhooks/mock");

  @FuzzTest(maxDuration = "10s")
  void anyHeaderButTheBodysSignatureIsRejected(FuzzedDataProvider data) {
    String header = data.consumeString(200);
    byte[] body = data.consumeRemainingAsBytes();
    WebhookRequest request =
        WebhookRequest.post(HOOK, Map.of(MockWebhookSignature.HEADER, header), body);

    if (header.equals(MockWebhookSignature.sign(body, SECRET))) {
      CONNECTOR.verifySignature(request);
    } else {
      assertThatThrownBy(() -> CONNECTOR.verifySignature(request))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(FailureKind.SIGNATURE_INVALID));
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anySignedBodyParsesOrIsMalformed(byte[] body) {
    WebhookRequest request =
        WebhookRequest.post(
            HOOK,
            Map.of(MockWebhookSignature.HEADER, MockWebhookSignature.sign(body, SECRET)),
            body);
    CONNECTOR.verifySignature(request);
    try {
      assertThat(CONNECTOR.parse(request)).isNotNull();
    } catch (ConnectorException e) {
      assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_PAYLOAD);
      assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(200);
    }
  }
}
