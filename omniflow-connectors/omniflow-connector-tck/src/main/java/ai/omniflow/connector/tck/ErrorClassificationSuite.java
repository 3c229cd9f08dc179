package ai.omniflow.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.WebhookRequest;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "Error classification": malformed payloads, calls the connector does not declare,
 * and which failures are retryable.
 */
abstract class ErrorClassificationSuite extends KitSuite {

  ErrorClassificationSuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("reports an unparseable webhook body as MALFORMED_PAYLOAD")
  void malformedPayload() {
    assumeTrue(!kit.webhookKinds().isEmpty(), "the connector receives no webhooks");
    WebhookRequest request = kit.signedWebhook(kit.malformedWebhookBody());
    assertFailure(
        () -> kit.connector().receive(request),
        e -> assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_PAYLOAD));
  }

  @Test
  @DisplayName("refuses a template when it does not declare TEMPLATES")
  void templatesUndeclared() {
    assumeFalse(kit.factory().supports(Capability.TEMPLATES), "the connector sends templates");
    assertThatThrownBy(() -> kit.connector().send(template(), madeUp("at")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(kit.server().getRequestCount()).isZero();
  }

  @Test
  @DisplayName("refuses free text when it does not declare OUTBOUND_TEXT")
  void textUndeclared() {
    assumeFalse(kit.factory().supports(Capability.OUTBOUND_TEXT), "the connector sends text");
    assertThatThrownBy(() -> kit.connector().send(text(), madeUp("at")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(kit.server().getRequestCount()).isZero();
  }

  @Test
  @DisplayName("refuses OAuth calls when it uses API keys")
  void oauthUndeclared() {
    assumeTrue(kit.factory().authMethod() == AuthMethod.API_KEY, "the connector uses OAuth");
    assertThatThrownBy(() -> kit.connector().authorizationUrl(authorizationRequest()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> kit.connector().refresh("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("marks exactly rate limits and transient failures as retryable")
  void retryability() {
    assumeCapability(Capability.OUTBOUND_TEXT);
    for (FailureKind kind : List.of(FailureKind.AUTH_EXPIRED, FailureKind.TRANSIENT)) {
      kit.server().enqueue(requiredSendFailure(kind));
      assertFailure(
          () -> kit.connector().send(text(), madeUp("at")),
          e -> assertThat(e.isRetryable()).isEqualTo(kind.isRetryable()));
    }
  }
}
