package ai.omniflow.connector.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.Pkce;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What the kit's suites share: the kit they run in, the secrets made up in the running test, what
 * the connector sent the platform, and the messages, grants and checks more than one suite uses.
 *
 * <p>Each suite is the body of one {@code @Nested} group of {@link ConnectorCompatibilityKit}
 * ({@code class OAuth extends OAuthSuite}), so a connector's test still only extends the kit. A
 * suite calls what the kit and its implementer supply through {@link #kit} ({@code
 * kit.connector()}, {@code kit.webhookBody(kind, 1)}) and its own fixtures unqualified. JUnit makes
 * a fresh suite, with a fresh kit, for every test. Not thread-safe.
 */
abstract class KitSuite {
  private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The kit this suite runs in: the hooks, and the platform and connector of the running test. */
  final ConnectorCompatibilityKit kit;

  /** Every token, code or verifier made up in this test, to look for where none belongs. */
  private final List<String> madeUpSecrets = new ArrayList<>();

  /** How many of the platform's recorded requests {@link #allRequestsSaid()} has read. */
  private int taken;

  KitSuite(ConnectorCompatibilityKit kit) {
    this.kit = kit;
  }

  // ================================================================ made-up secrets

  /** A made-up secret value with a recognizable prefix, remembered for the secrecy checks. */
  final String madeUp(String kind) {
    return remembered("kit-" + kind + "-" + HexFormat.of().formatHex(randomBytes(12)));
  }

  /** A fresh PKCE code verifier, remembered for the secrecy checks. */
  final String madeUpVerifier() {
    return remembered(Pkce.newCodeVerifier());
  }

  /** The secrets made up in this test so far. */
  final List<String> madeUpSecrets() {
    return List.copyOf(madeUpSecrets);
  }

  private String remembered(String secret) {
    madeUpSecrets.add(secret);
    return secret;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  // ================================================================ what the kit hands over

  final AuthorizationRequest authorizationRequest() {
    List<String> scopes =
        kit.connectorConfig().scopes().isEmpty()
            ? List.of("kit.read")
            : kit.connectorConfig().scopes();
    URI redirect =
        kit.factory().authMethod() == AuthMethod.OAUTH
            ? kit.connectorConfig().requireRedirectUri()
            : URI.create("https://omniflow.example/callback");
    return new AuthorizationRequest(madeUp("state"), madeUpVerifier(), redirect, scopes);
  }

  final TokenGrant grant() {
    return new TokenGrant(
        madeUp("at"),
        madeUp("rt"),
        Duration.ofHours(1),
        kit.connectorConfig().scopes(),
        kit.sampleAccountId(),
        "Kit account");
  }

  final OutboundMessage text() {
    return OutboundMessage.text(
        kit.sampleAccountId(), kit.outboundChannel(), kit.sampleRecipient(), "Hello from the kit");
  }

  final OutboundMessage template() {
    return OutboundMessage.template(
        kit.sampleAccountId(),
        kit.outboundChannel(),
        kit.sampleRecipient(),
        new OutboundMessage.Template("kit_template", "en_US", List.of("Ana", "10:30")));
  }

  /** The body of one webhook of a kind the connector receives; skips the test if it has none. */
  final byte[] anyWebhookBody() {
    assumeTrue(!kit.webhookKinds().isEmpty(), "the connector receives no webhooks");
    return kit.webhookBody(kit.webhookKinds().iterator().next(), 1);
  }

  // ================================================================ what the platform answers

  final void assumeCapability(Capability capability) {
    assumeTrue(kit.factory().supports(capability), "the connector does not declare " + capability);
  }

  final MockResponse requiredSendFailure(FailureKind kind) {
    return kit.sendFailure(kind)
        .orElseThrow(
            () -> new AssertionError("override sendFailure(" + kind + ") to script the platform"));
  }

  final void enqueueDroppedConnections() {
    // An HTTP client may retry an idempotent request once; every try meets a dropped connection.
    for (int i = 0; i < 3; i++) {
      kit.server()
          .enqueue(
              new MockResponse.Builder()
                  .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                  .build());
    }
  }

  static void assertFailure(ThrowingCallable call, Consumer<ConnectorException> check) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ConnectorException.class, e -> check.accept(e));
  }

  // ================================================================ what the connector said

  /** Everything the connector sent the platform since the last call: URLs, headers, bodies. */
  final String allRequestsSaid() throws InterruptedException {
    StringBuilder said = new StringBuilder();
    for (; taken < kit.server().getRequestCount(); taken++) {
      RecordedRequest request =
          kit.server().takeRequest(TAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (request == null) {
        break;
      }
      said.append(request.getMethod()).append(' ').append(request.getUrl()).append('\n');
      said.append(decodedOrRaw(request.getUrl().toString())).append('\n');
      // Headers.toString() redacts credentials; the kit wants to see them reach the platform.
      for (String name : request.getHeaders().names()) {
        said.append(name).append(": ").append(request.getHeaders().values(name)).append('\n');
        if (name.equalsIgnoreCase("Authorization")) {
          // HTTP Basic (RFC 7617) carries the credential base64-encoded; show it decoded too.
          request.getHeaders().values(name).stream()
              .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
              .forEach(value -> said.append(basicCredentials(value.substring(6))).append('\n'));
        }
      }
      var recordedBody = request.getBody();
      if (recordedBody != null) {
        String body = recordedBody.utf8();
        said.append(body).append('\n').append(decodedOrRaw(body)).append('\n');
      }
    }
    return said.toString();
  }

  private static String basicCredentials(String encoded) {
    try {
      return new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return encoded;
    }
  }

  private static String decodedOrRaw(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notFormEncoded) {
      return text;
    }
  }
}
