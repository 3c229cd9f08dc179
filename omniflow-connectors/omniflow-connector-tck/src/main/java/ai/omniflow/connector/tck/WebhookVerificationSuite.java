package ai.omniflow.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "Webhook verification": signatures over the raw bytes (right, tampered, wrong
 * secret, missing, garbage) and the subscription handshake.
 */
abstract class WebhookVerificationSuite extends KitSuite {

  WebhookVerificationSuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("accepts a correctly signed webhook of every kind it receives")
  void acceptsSigned() {
    assumeTrue(!kit.webhookKinds().isEmpty(), "the connector receives no webhooks");
    for (InboundEvent.Kind kind : kit.webhookKinds()) {
      WebhookRequest request = kit.signedWebhook(kit.webhookBody(kind, 1));
      assertThatCode(() -> kit.connector().verifySignature(request))
          .as("a %s webhook signed with the right secret", kind)
          .doesNotThrowAnyException();
      assertThat(kit.connector().receive(request)).as("events of a %s webhook", kind).isNotEmpty();
    }
  }

  @Test
  @DisplayName("rejects a webhook whose body was changed after signing")
  void rejectsTamperedBody() {
    byte[] body = anyWebhookBody();
    Map<String, String> headers = kit.signatureHeaders(kit.webhookUri(), body, kit.signingSecret());
    byte[] appended =
        (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
    assertSignatureInvalid(kit.webhookWith(appended, headers), "a body with a byte appended");
    assertSignatureInvalid(
        kit.webhookWith(flipOneCharacter(body), headers), "a body with a byte changed");
  }

  @Test
  @DisplayName("rejects a webhook signed with another secret")
  void rejectsWrongSecret() {
    byte[] body = anyWebhookBody();
    String wrong = kit.signingSecret() + "-not";
    assertSignatureInvalid(
        kit.webhookWith(body, kit.signatureHeaders(kit.webhookUri(), body, wrong)),
        "a signature made with another secret");
  }

  @Test
  @DisplayName("rejects a webhook without its signature header")
  void rejectsMissingSignature() {
    assertSignatureInvalid(kit.webhookWith(anyWebhookBody(), Map.of()), "no signature header");
  }

  @Test
  @DisplayName("rejects a webhook whose signature header holds garbage")
  void rejectsGarbageSignature() {
    byte[] body = anyWebhookBody();
    Map<String, String> garbage = new LinkedHashMap<>();
    kit.signatureHeaders(kit.webhookUri(), body, kit.signingSecret())
        .keySet()
        .forEach(name -> garbage.put(name, "sha256=zz"));
    assertSignatureInvalid(kit.webhookWith(body, garbage), "a garbage signature");
  }

  @Test
  @DisplayName("echoes the handshake challenge for the right verify token")
  void handshakeEchoes() {
    assumeTrue(kit.hasWebhookHandshake(), "the platform has no webhook handshake");
    String verifyToken = requireVerifyToken();
    assertThat(kit.connector().verifyHandshake(kit.handshakeQuery(verifyToken, "kit-challenge-42")))
        .contains("kit-challenge-42");
  }

  @Test
  @DisplayName("refuses a handshake with a wrong or missing verify token")
  void handshakeRefused() {
    assumeTrue(kit.hasWebhookHandshake(), "the platform has no webhook handshake");
    String verifyToken = requireVerifyToken();
    assertThat(kit.connector().verifyHandshake(kit.handshakeQuery(verifyToken + "x", "c")))
        .isEmpty();
    assertThat(kit.connector().verifyHandshake(kit.handshakeQuery("", "c"))).isEmpty();
    assertThat(kit.connector().verifyHandshake(Map.of())).isEmpty();
  }

  @Test
  @DisplayName("answers no handshake when the platform has none")
  void noHandshake() {
    assumeFalse(kit.hasWebhookHandshake(), "the platform has a webhook handshake");
    assertThat(kit.connector().verifyHandshake(kit.handshakeQuery("anything", "c"))).isEmpty();
  }

  private void assertSignatureInvalid(WebhookRequest request, String what) {
    assertFailure(
        () -> kit.connector().verifySignature(request),
        e -> assertThat(e.kind()).as(what).isEqualTo(FailureKind.SIGNATURE_INVALID));
    assertFailure(
        () -> kit.connector().receive(request),
        e -> assertThat(e.kind()).as(what + ", received").isEqualTo(FailureKind.SIGNATURE_INVALID));
  }

  private static byte[] flipOneCharacter(byte[] body) {
    byte[] copy = body.clone();
    for (int i = copy.length / 2; i < copy.length + copy.length / 2; i++) {
      int at = i % copy.length;
      byte b = copy[at];
      if (Character.isLetterOrDigit(b)) {
        copy[at] = (byte) (b == 'a' ? 'b' : b == '1' ? '2' : Character.isDigit(b) ? '1' : 'a');
        return copy;
      }
    }
    copy[copy.length / 2] ^= 1;
    return copy;
  }

  private String requireVerifyToken() {
    String token = kit.connectorConfig().webhookVerifyToken();
    if (token == null) {
      fail("a connector with a webhook handshake needs a webhookVerifyToken in config(...)");
    }
    return token;
  }
}
