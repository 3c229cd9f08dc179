package ai.omniflow.connector.twilio;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Fuzz targets for Twilio's SMS webhooks (issue 9): any {@code X-Twilio-Signature} but the one
 * Twilio's documented scheme gives (computed independently by {@link
 * TwilioConnectorTest#expectedSignature}) is refused, whatever the body; and any signed form, of
 * any fields and values, parses or fails with a short {@link ConnectorException}, never another
 * exception. {@code scripts/fuzz.sh TwilioWebhookFuzzTest 300} fuzzes for longer.
 */
class TwilioWebhookFuzzTest {
  private static final String TOKEN = "twilio-fuzz-auth-token-not-real";
  private static final Instant NOW = Instant.parse("2025-06-20T15:41:07Z");
  private static final Connector CONNECTOR =
      new TwilioConnectorFactory()
          .create(
              ConnectorConfig.builder()
                  .appId(TwilioConnectorTest.ACCOUNT)
                  .appSecret(TOKEN)
                  .apiBaseUri(URI.create("http://127.0.0.1:1/"))
                  .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                  .build());
  private static final URI HOOK = URI.create("https://host.example/webhooks/twilio");
  private static final String DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.atOffset(ZoneOffset.UTC));
  private static final List<String> FIELDS =
      List.of(
          "MessageSid",
          "AccountSid",
          "From",
          "To",
          "Body",
          "NumMedia",
          "MediaUrl0",
          "MediaContentType0",
          "SmsStatus",
          "MessageStatus",
          "ErrorCode",
          "OptOutType");

  @FuzzTest(maxDuration = "10s")
  void anyHeaderButTheFormsSignatureIsRejected(FuzzedDataProvider data) {
    String header = data.consumeString(60);
    byte[] body = data.consumeRemainingAsBytes();
    WebhookRequest request =
        WebhookRequest.post(HOOK, Map.of("X-Twilio-Signature", header, "Date", DATE), body);
    String expected;
    try {
      expected = TwilioConnectorTest.expectedSignature(HOOK.toString(), body, TOKEN);
    } catch (IllegalArgumentException notAForm) {
      expected = null;
    }
    if (header.equals(expected)) {
      CONNECTOR.verifySignature(request);
    } else {
      assertThatThrownBy(() -> CONNECTOR.verifySignature(request))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e ->
                  assertThat(e.kind())
                      .isIn(FailureKind.SIGNATURE_INVALID, FailureKind.MALFORMED_PAYLOAD));
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anySignedFormParsesOrFailsAsAConnectorError(FuzzedDataProvider data) {
    StringBuilder form = new StringBuilder();
    int fields = data.consumeInt(0, 16);
    for (int i = 0; i < fields; i++) {
      String name = data.consumeBoolean() ? data.pickValue(FIELDS) : data.consumeString(20);
      String value = data.consumeString(400);
      if (form.length() > 0) {
        form.append('&');
      }
      form.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
    WebhookRequest request =
        WebhookRequest.post(
            HOOK,
            Map.of(
                "X-Twilio-Signature",
                TwilioConnectorTest.expectedSignature(HOOK.toString(), body, TOKEN),
                "Date",
                DATE),
            body);
    try {
      CONNECTOR.verifySignature(request);
      assertThat(CONNECTOR.parse(request)).isNotNull();
    } catch (ConnectorException e) {
      assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(300);
    }
  }
}
