package ai.omniflow.connector.tck;

import static ai.omniflow.connector.tck.ConnectorCompatibilityKit.genericFailure;
import static ai.omniflow.connector.tck.ConnectorCompatibilityKit.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.TokenSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "Secrecy": no token, code, verifier or secret the kit made up, and no signature,
 * in any failure, {@code toString()}, health report or parsed event.
 */
abstract class SecrecySuite extends KitSuite {

  SecrecySuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("puts no token, code, verifier or secret in any failure's message")
  void noSecretInFailures() {
    List<Throwable> failures = new ArrayList<>();
    if (kit.factory().authMethod() == AuthMethod.OAUTH) {
      kit.server().enqueue(kit.grantRejected());
      failures.add(
          caught(
              () ->
                  kit.connector()
                      .exchangeCode(
                          madeUp("code"),
                          madeUpVerifier(),
                          kit.connectorConfig().requireRedirectUri())));
      kit.server().enqueue(kit.grantRejected());
      failures.add(caught(() -> kit.connector().refresh(madeUp("rt"))));
      kit.server().enqueue(json(503, "{}"));
      failures.add(caught(() -> kit.connector().revoke(madeUp("at"))));
    } else {
      kit.server().enqueue(genericFailure(FailureKind.AUTH_EXPIRED).orElseThrow());
      failures.add(caught(() -> kit.connector().connectWithApiKey(madeUp("key"))));
    }
    if (kit.factory().supports(Capability.OUTBOUND_TEXT)) {
      for (FailureKind kind :
          List.of(
              FailureKind.AUTH_EXPIRED,
              FailureKind.RATE_LIMITED,
              FailureKind.INVALID_RECIPIENT,
              FailureKind.TRANSIENT)) {
        kit.server().enqueue(requiredSendFailure(kind));
        failures.add(caught(() -> kit.connector().send(text(), madeUp("at"))));
      }
      enqueueDroppedConnections();
      failures.add(caught(() -> kit.connector().send(text(), madeUp("at"))));
    }
    if (!kit.webhookKinds().isEmpty()) {
      byte[] body = anyWebhookBody();
      failures.add(caught(() -> kit.connector().verifySignature(kit.webhookWith(body, Map.of()))));
      failures.add(
          caught(() -> kit.connector().receive(kit.signedWebhook(kit.malformedWebhookBody()))));
    }
    for (Throwable failure : failures) {
      assertHoldsNoSecret(everythingSaidBy(failure), "failure " + failure.getClass().getName());
    }
  }

  @Test
  @DisplayName(
      "puts no token or secret in the toString of the connector, its config or its" + " results")
  void noSecretInToString() {
    assertHoldsNoSecret(kit.connector().toString(), "connector.toString()");
    assertHoldsNoSecret(kit.connectorConfig().toString(), "config.toString()");
    if (kit.factory().authMethod() == AuthMethod.OAUTH) {
      TokenGrant grant = grant();
      kit.tokenResponses(grant).forEach(kit.server()::enqueue);
      TokenSet tokens =
          kit.connector()
              .exchangeCode(
                  madeUp("code"), madeUpVerifier(), kit.connectorConfig().requireRedirectUri());
      assertHoldsNoSecret(tokens.toString(), "TokenSet.toString()");
      assertHoldsNoSecret(kit.connector().toString(), "connector.toString() after an exchange");
    }
  }

  @Test
  @DisplayName("puts no token in a health report")
  void noSecretInHealth() {
    List<HealthReport> reports = new ArrayList<>();
    kit.server().enqueue(kit.probeHealthy());
    reports.add(kit.connector().probe(kit.sampleAccountId(), madeUp("at")));
    for (HealthStatus status : List.of(HealthStatus.NEEDS_REAUTH, HealthStatus.DEGRADED)) {
      kit.probeResponse(status).ifPresent(kit.server()::enqueue);
      reports.add(kit.connector().probe(kit.sampleAccountId(), madeUp("at")));
    }
    for (HealthReport report : reports) {
      assertHoldsNoSecret(report.toString(), "health report");
    }
  }

  @Test
  @DisplayName("puts no secret or signature in a parsed event")
  void noSecretInEvents() {
    assumeTrue(!kit.webhookKinds().isEmpty(), "the connector receives no webhooks");
    for (InboundEvent.Kind kind : kit.webhookKinds()) {
      byte[] body = kit.webhookBody(kind, 1);
      Map<String, String> headers =
          kit.signatureHeaders(kit.webhookUri(), body, kit.signingSecret());
      for (InboundEvent event : kit.connector().receive(kit.webhookWith(body, headers))) {
        assertHoldsNoSecret(event.toString(), "a " + kind + " event");
        for (String value : headers.values()) {
          assertThat(event.toString())
              .as("a %s event holds the signature", kind)
              .doesNotContain(value);
        }
      }
    }
  }

  private void assertHoldsNoSecret(String text, String where) {
    List<String> secrets = new ArrayList<>(madeUpSecrets());
    secrets.add(kit.connectorConfig().appSecret());
    if (kit.connectorConfig().webhookVerifyToken() != null) {
      secrets.add(kit.connectorConfig().webhookVerifyToken());
    }
    secrets.add(kit.signingSecret());
    for (String secret : secrets) {
      assertThat(text).as("%s must not contain a token or secret", where).doesNotContain(secret);
    }
  }

  private static Throwable caught(ThrowingCallable call) {
    try {
      call.call();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected the call to fail");
  }

  private static String everythingSaidBy(Throwable failure) {
    StringBuilder said = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      said.append(t).append('\n');
      for (Throwable suppressed : t.getSuppressed()) {
        said.append(suppressed).append('\n');
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return said.toString();
  }
}
