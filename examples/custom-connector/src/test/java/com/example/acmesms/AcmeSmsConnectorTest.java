package com.example.acmesms;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connector.tck.ConnectorCompatibilityKit;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Certifies the Acme SMS connector: extending the kit is the whole test. The hooks below tell the
 * kit what Acme's webhooks and answers look like; the kit decides what they must mean.
 */
class AcmeSmsConnectorTest extends ConnectorCompatibilityKit {

  // ---------------------------------------------------------------- what is under test

  @Override
  protected ConnectorFactory factory() {
    return new AcmeSmsConnectorFactory();
  }

  @Override
  protected ConnectorConfig config(URI apiBaseUri, Clock clock) {
    return ConnectorConfig.builder()
        .appId("app_42")
        .appSecret("whsec_test_5b7d0c1e")
        .apiBaseUri(apiBaseUri)
        .clock(clock)
        .build();
  }

  @Override
  protected String sampleAccountId() {
    return "num_1";
  }

  // ---------------------------------------------------------------- webhooks

  @Override
  protected byte[] webhookBody(InboundEvent.Kind kind, int seed) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("event_id", "evt_" + kind.name().toLowerCase() + "_" + seed);
    f.put("number_id", "num_1");
    f.put("created", "2026-11-2" + seed + "T10:15:30Z");
    switch (kind) {
      case MESSAGE -> {
        f.put("type", "message.received");
        f.put("message_id", "msg_in_" + seed);
        f.put("from", "+1555010000" + seed);
        f.put("body", "Do you have a table for 4 tonight?");
      }
      case DELIVERY_STATUS -> {
        f.put("type", "message.status");
        f.put("message_id", "msg_out_" + seed);
        f.put("status", "delivered");
      }
      default -> throw new IllegalArgumentException("Acme sends no " + kind);
    }
    return AcmeSmsConnector.form(f).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected Map<String, String> signatureHeaders(URI uri, byte[] body, String secret) {
    return Map.of(
        AcmeWebhookSignature.HEADER, AcmeWebhookSignature.sign(body, secret, clock().instant()));
  }

  @Override
  protected String webhookContentType() {
    return "application/x-www-form-urlencoded";
  }

  @Override
  protected boolean hasWebhookHandshake() {
    return false;
  }

  // ---------------------------------------------------------------- Acme's answers

  @Override
  protected List<MockResponse> apiKeyAccepted(String accountId, String accountName) {
    return List.of(
        form(200, Map.of("number_id", accountId, "phone", "+15555550100", "label", accountName)));
  }

  @Override
  protected MockResponse sendAccepted(String providerMessageId) {
    return form(201, Map.of("message_id", providerMessageId, "status", "queued"));
  }

  @Override
  protected Optional<MockResponse> sendFailure(FailureKind kind) {
    if (kind == FailureKind.INVALID_RECIPIENT) {
      return Optional.of(form(400, Map.of("error", "invalid_number")));
    }
    return genericFailure(kind); // 401, 429 + Retry-After, 503; Acme has no messaging window
  }

  @Override
  protected MockResponse probeHealthy() {
    return form(200, Map.of("number_id", "num_1", "status", "active"));
  }

  @Override
  protected Optional<MockResponse> probeResponse(HealthStatus status) {
    if (status == HealthStatus.DISCONNECTED) {
      return Optional.of(form(404, Map.of("error", "not_found")));
    }
    return super.probeResponse(status);
  }

  private static MockResponse form(int code, Map<String, String> body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/x-www-form-urlencoded")
        .body(AcmeSmsConnector.form(body))
        .build();
  }

  // ---------------------------------------------------------------- Acme's own rules

  @Test
  @DisplayName("refuses a correctly signed webhook that is more than five minutes old")
  void refusesReplayedWebhook() {
    byte[] body = webhookBody(InboundEvent.Kind.MESSAGE, 1);
    String stale =
        AcmeWebhookSignature.sign(
            body, connectorConfig().appSecret(), clock().instant().minus(Duration.ofMinutes(6)));
    WebhookRequest request =
        WebhookRequest.post(
            URI.create("https://omniflow.example/webhooks/acme-sms"),
            Map.of(AcmeWebhookSignature.HEADER, stale),
            body);
    assertThatThrownBy(() -> connector().verifySignature(request))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.kind())
                    .isEqualTo(FailureKind.SIGNATURE_INVALID));
  }
}
