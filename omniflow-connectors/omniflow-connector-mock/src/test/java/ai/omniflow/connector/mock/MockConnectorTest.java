package ai.omniflow.connector.mock;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.tck.ConnectorCompatibilityKit;
import ai.omniflow.connector.tck.TokenGrant;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;

/** The mock connector, against a MockWebServer, passes the compatibility kit. */
class MockConnectorTest extends ConnectorCompatibilityKit {

  @Override
  protected ConnectorFactory factory() {
    return new MockConnectorFactory();
  }

  @Override
  protected ConnectorConfig config(URI apiBaseUri, Clock clock) {
    return ConnectorConfig.builder()
        .appId("mock-app")
        .appSecret("mock-test-secret-5f2a")
        .webhookVerifyToken("mock-test-verify-9c1e")
        .apiBaseUri(apiBaseUri)
        .redirectUri(URI.create("https://omniflow.example/connectors/mock/callback"))
        .scopes(List.of("messages", "leads"))
        .clock(clock)
        .build();
  }

  @Override
  protected String sampleAccountId() {
    return "mock-page-1";
  }

  @Override
  protected Channel outboundChannel() {
    return Channel.WHATSAPP;
  }

  @Override
  protected byte[] webhookBody(InboundEvent.Kind kind, int seed) {
    String event =
        switch (kind) {
          case MESSAGE ->
              """
              {"type": "message", "id": "msg-%1$d", "channel": "instagram_dm",
               "from": {"id": "ig-user-%1$d", "name": "Ana Lima"},
               "text": "Is the flat on Rua Augusta still free?",
               "timestamp": "2026-11-2%1$dT10:15:30Z",
               "referral": {"campaign_id": "c-1", "ad_id": "ad-%1$d"}}
              """;
          case COMMENT ->
              """
              {"type": "comment", "id": "cmt-%1$d", "channel": "facebook_comment",
               "post_id": "post-1", "parent_id": null,
               "from": {"id": "fb-user-%1$d", "name": "Ben"}, "text": "Price?",
               "timestamp": "2026-11-2%1$dT10:16:00Z"}
              """;
          case LEAD_FORM ->
              """
              {"type": "lead_form", "id": "lead-%1$d", "form_id": "form-1",
               "fields": {"full_name": "Ana Lima", "phone_number": "+4915112345678",
                          "email": "ana@example.com", "budget": "400000"},
               "timestamp": "2026-11-2%1$dT10:17:00Z",
               "referral": {"campaign_id": "c-1", "ad_id": "ad-1"}}
              """;
          case DELIVERY_STATUS ->
              """
              {"type": "delivery_status", "message_id": "mock-msg-%1$d", "channel": "whatsapp",
               "status": "delivered", "timestamp": "2026-11-2%1$dT10:18:00Z"}
              """;
        };
    String body = "{\"account_id\": \"mock-page-1\", \"events\": [" + event.formatted(seed) + "]}";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected Map<String, String> signatureHeaders(URI uri, byte[] body, String secret) {
    return Map.of(MockWebhookSignature.HEADER, MockWebhookSignature.sign(body, secret));
  }

  @Override
  protected List<MockResponse> tokenResponses(TokenGrant grant) {
    return List.of(
        json(
            200,
            """
            {"access_token": "%s", "refresh_token": "%s", "expires_in": %d, "scope": "%s",
             "accounts": [{"id": "%s", "name": "%s"}]}
            """
                .formatted(
                    grant.accessToken(),
                    grant.refreshToken(),
                    grant.expiresIn().toSeconds(),
                    String.join(" ", grant.scopes()),
                    grant.accountId(),
                    grant.accountName())));
  }

  @Override
  protected MockResponse sendAccepted(String providerMessageId) {
    return json(200, "{\"id\": \"" + providerMessageId + "\"}");
  }

  @Override
  protected Optional<MockResponse> sendFailure(FailureKind kind) {
    return switch (kind) {
      case INVALID_RECIPIENT ->
          Optional.of(json(400, "{\"error\": {\"code\": \"invalid_recipient\"}}"));
      case POLICY_WINDOW_CLOSED ->
          Optional.of(json(403, "{\"error\": {\"code\": \"window_closed\"}}"));
      default -> genericFailure(kind);
    };
  }

  @Override
  protected MockResponse probeHealthy() {
    return json(200, "{\"id\": \"mock-page-1\", \"name\": \"Mock Page\"}");
  }

  @Override
  protected Optional<MockResponse> probeResponse(HealthStatus status) {
    if (status == HealthStatus.DISCONNECTED) {
      return Optional.of(json(404, "{\"error\": {\"code\": \"not_found\"}}"));
    }
    return super.probeResponse(status);
  }
}
