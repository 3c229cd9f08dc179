package ai.omniflow.connector.tck;

import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Tag;

/**
 * The kit run against {@link ReferenceConnector}. Not a test of its own (no {@code Test} suffix,
 * and tagged {@code kit-run}, which surefire excludes): {@link ConnectorCompatibilityKitTest}
 * launches it and its broken variants and judges the outcome.
 */
@Tag("kit-run")
class ReferenceKitRun extends ConnectorCompatibilityKit {

  @Override
  protected ConnectorFactory factory() {
    return new ReferenceConnector.Factory();
  }

  @Override
  protected ConnectorConfig config(URI apiBaseUri, Clock clock) {
    return ConnectorConfig.builder()
        .appId("ref-app")
        .appSecret("ref-app-secret-0123456789")
        .webhookVerifyToken("ref-verify-token-0123")
        .apiBaseUri(apiBaseUri)
        .redirectUri(URI.create("https://omniflow.example/connectors/reference/callback"))
        .scopes(List.of("messages.read", "messages.write"))
        .clock(clock)
        .build();
  }

  @Override
  protected String sampleAccountId() {
    return "acct-7";
  }

  @Override
  protected String webhookContentType() {
    return "application/x-www-form-urlencoded";
  }

  @Override
  protected byte[] webhookBody(InboundEvent.Kind kind, int seed) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("account", "acct-7");
    f.put("at", "2026-11-2" + seed + "T10:15:30Z");
    switch (kind) {
      case MESSAGE -> {
        f.put("kind", "message");
        f.put("id", "m" + seed);
        f.put("from", "+1555000000" + seed);
        f.put("text", "Is the flat still free? #" + seed);
        f.put("ad", "ad-9");
      }
      case COMMENT -> {
        f.put("kind", "comment");
        f.put("id", "c" + seed);
        f.put("from", "user" + seed);
        f.put("text", "Price?");
        f.put("post", "post-3");
      }
      case LEAD_FORM -> {
        f.put("kind", "lead");
        f.put("id", "l" + seed);
        f.put("form", "form-1");
        f.put("campaign", "camp-1");
        f.put("field.name", "Ana Lima");
        f.put("field.phone", "+4915112345678");
      }
      case DELIVERY_STATUS -> {
        f.put("kind", "status");
        f.put("id", "kit-msg-" + seed);
        f.put("status", "delivered");
      }
    }
    return ReferenceConnector.form(f).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected Map<String, String> signatureHeaders(URI uri, byte[] body, String secret) {
    return Map.of(ReferenceConnector.SIGNATURE_HEADER, ReferenceConnector.sign(body, secret));
  }

  @Override
  protected List<MockResponse> tokenResponses(TokenGrant grant) {
    return List.of(
        form(
            200,
            Map.of(
                "access_token", grant.accessToken(),
                "refresh_token", grant.refreshToken(),
                "expires_in", Long.toString(grant.expiresIn().toSeconds()),
                "scope", String.join(" ", grant.scopes()),
                "account_id", grant.accountId(),
                "account_name", grant.accountName())));
  }

  @Override
  protected MockResponse grantRejected() {
    return form(400, Map.of("error", "invalid_grant"));
  }

  @Override
  protected MockResponse sendAccepted(String providerMessageId) {
    return form(200, Map.of("id", providerMessageId));
  }

  @Override
  protected Optional<MockResponse> sendFailure(FailureKind kind) {
    return switch (kind) {
      case INVALID_RECIPIENT -> Optional.of(form(400, Map.of("error", "invalid_recipient")));
      case POLICY_WINDOW_CLOSED -> Optional.of(form(400, Map.of("error", "window_closed")));
      default -> genericFailure(kind);
    };
  }

  @Override
  protected MockResponse probeHealthy() {
    return form(200, Map.of("id", "acct-7"));
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
        .body(ReferenceConnector.form(body))
        .build();
  }
}
