package ai.omniflow.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.SendResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "Outbound send": accepted texts and templates give the platform's message id, and
 * each failing answer its {@link FailureKind}.
 */
abstract class OutboundSendSuite extends KitSuite {

  OutboundSendSuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("returns the platform's message id for an accepted text")
  void sendsText() throws Exception {
    assumeCapability(Capability.OUTBOUND_TEXT);
    kit.server().enqueue(kit.sendAccepted("kit-msg-1"));
    String token = madeUp("at");
    SendResult result = kit.connector().send(text(), token);
    assertThat(result.providerMessageId()).isEqualTo("kit-msg-1");
    String sent = allRequestsSaid();
    assertThat(sent).as("the text reaches the platform").contains("Hello from the kit");
    assertThat(sent)
        .as("the recipient reaches the platform")
        .satisfiesAnyOf(
            s -> assertThat(s).contains(kit.sampleRecipient()),
            s ->
                assertThat(s)
                    .contains(URLEncoder.encode(kit.sampleRecipient(), StandardCharsets.UTF_8)));
    assertThat(sent).as("the access token reaches the platform").contains(token);
  }

  @Test
  @DisplayName("returns the platform's message id for an accepted template")
  void sendsTemplate() throws Exception {
    assumeCapability(Capability.TEMPLATES);
    kit.server().enqueue(kit.sendAccepted("kit-msg-2"));
    SendResult result = kit.connector().send(template(), madeUp("at"));
    assertThat(result.providerMessageId()).isEqualTo("kit-msg-2");
    assertThat(allRequestsSaid())
        .as("the template's name reaches the platform")
        .contains("kit_template");
  }

  @Test
  @DisplayName("reports a 401 as AUTH_EXPIRED")
  void authExpired() {
    assertSendFails(FailureKind.AUTH_EXPIRED, true);
  }

  @Test
  @DisplayName("reports a 429 as RATE_LIMITED with the Retry-After it was given")
  void rateLimited() {
    assumeCapability(Capability.OUTBOUND_TEXT);
    kit.server().enqueue(requiredSendFailure(FailureKind.RATE_LIMITED));
    assertFailure(
        () -> kit.connector().send(text(), madeUp("at")),
        e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        });
  }

  @Test
  @DisplayName("reports an unknown recipient as INVALID_RECIPIENT")
  void invalidRecipient() {
    assertSendFails(FailureKind.INVALID_RECIPIENT, true);
  }

  @Test
  @DisplayName("reports a closed messaging window as POLICY_WINDOW_CLOSED")
  void windowClosed() {
    assertSendFails(FailureKind.POLICY_WINDOW_CLOSED, false);
  }

  @Test
  @DisplayName("reports a 5xx as TRANSIENT")
  void serverError() {
    assertSendFails(FailureKind.TRANSIENT, true);
  }

  @Test
  @DisplayName("reports a dropped connection as TRANSIENT")
  void droppedConnection() {
    assumeCapability(Capability.OUTBOUND_TEXT);
    enqueueDroppedConnections();
    assertFailure(
        () -> kit.connector().send(text(), madeUp("at")),
        e -> assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT));
  }

  private void assertSendFails(FailureKind kind, boolean required) {
    assumeCapability(Capability.OUTBOUND_TEXT);
    Optional<MockResponse> answer = kit.sendFailure(kind);
    if (!required) {
      assumeTrue(answer.isPresent(), "the platform has no " + kind + " answer");
    }
    kit.server().enqueue(answer.orElseGet(() -> requiredSendFailure(kind)));
    assertFailure(
        () -> kit.connector().send(text(), madeUp("at")),
        e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
