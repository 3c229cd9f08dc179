package ai.omniflow.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The compatibility kit every {@link Connector} passes. A connector's whole test is:
 *
 * <pre>{@code
 * class AcmeSmsConnectorTest extends ConnectorCompatibilityKit {
 *   protected ConnectorFactory factory() { return new AcmeSmsConnectorFactory(); }
 *   protected ConnectorConfig config(URI apiBaseUri, Clock clock) { ... apiBaseUri ... clock ... }
 *   protected String sampleAccountId() { return "acct-1"; }
 *   protected byte[] webhookBody(InboundEvent.Kind kind, int seed) { ... }
 *   protected Map<String, String> signatureHeaders(URI uri, byte[] body, String secret) { ... }
 *   protected List<MockResponse> tokenResponses(TokenGrant grant) { ... }
 *   protected MockResponse sendAccepted(String providerMessageId) { ... }
 *   protected Optional<MockResponse> sendFailure(FailureKind kind) { ... }
 *   protected MockResponse probeHealthy() { ... }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh {@link MockWebServer} standing in for the platform, a fixed {@link
 * Clock}, and a connector made by {@link #factory()} from {@link #config(URI, Clock)}. The kit
 * scripts the platform's answers through the hooks (the implementer knows what its platform says;
 * the kit knows what each answer must mean) and then checks the connector's behaviour. Tests of
 * capabilities the factory does not declare are skipped with JUnit assumptions, so a connector
 * without {@link Capability#TEMPLATES} shows its template tests as skipped, not passed.
 *
 * <p>The kit makes up every token, code and verifier it hands the connector, so that the {@link
 * Secrecy} tests can look for them in every exception message, {@code toString()}, health detail
 * and parsed event.
 *
 * <p>The tests come in {@code @Nested} groups, one per concern: the factory, OAuth, API keys,
 * webhook verification, dedupe keys, normalization, outbound send, health, error classification and
 * secrecy. Each group is declared here, so it runs in every class that extends the kit, and its
 * tests are written in a suite class of this package ({@code OAuthSuite}, {@code SecrecySuite}, …),
 * which calls the hooks of the kit it runs in. An implementer sees none of that: the hooks and
 * helpers below are the whole API.
 */
public abstract class ConnectorCompatibilityKit {

  /** The instant the kit's clock stands at. */
  protected static final Instant KIT_NOW = Instant.parse("2030-01-02T03:04:05Z");

  private @Nullable MockWebServer server;
  private @Nullable ConnectorConfig connectorConfig;
  private @Nullable Connector connector;
  private final Clock clock = Clock.fixed(KIT_NOW, ZoneOffset.UTC);

  // ================================================================ hooks: what is under test

  /** The factory under test. */
  protected abstract ConnectorFactory factory();

  /**
   * The config to test with: its {@code apiBaseUri} must be {@code apiBaseUri} (the kit's
   * MockWebServer, ending in {@code /}), its clock {@code clock}. OAuth connectors need a {@code
   * redirectUri}; connectors with a webhook handshake need a {@code webhookVerifyToken}.
   */
  protected abstract ConnectorConfig config(URI apiBaseUri, Clock clock);

  // ================================================================ hooks: webhooks

  /** The platform id of the connected account that every fixture and scripted answer uses. */
  protected abstract String sampleAccountId();

  /**
   * A webhook body holding one event of {@code kind} for {@link #sampleAccountId()}, as the
   * platform's documentation gives it. Different {@code seed}s (1, 2, 3) must describe different
   * events (different platform ids); the same seed always the same bytes. Only kinds in {@link
   * #webhookKinds()} are asked for.
   */
  protected abstract byte[] webhookBody(InboundEvent.Kind kind, int seed);

  /**
   * The headers that sign {@code body} for delivery to {@code uri} with {@code secret}, as the
   * platform computes them (e.g. {@code X-Hub-Signature-256: sha256=<hex hmac>}).
   */
  protected abstract Map<String, String> signatureHeaders(URI uri, byte[] body, String secret);

  /** The event kinds the connector's webhooks carry; by default derived from its capabilities. */
  protected Set<InboundEvent.Kind> webhookKinds() {
    Set<InboundEvent.Kind> kinds = EnumSet.noneOf(InboundEvent.Kind.class);
    if (factory().supports(Capability.INBOUND_DMS)) {
      kinds.add(InboundEvent.Kind.MESSAGE);
    }
    if (factory().supports(Capability.COMMENTS)) {
      kinds.add(InboundEvent.Kind.COMMENT);
    }
    if (factory().supports(Capability.LEAD_FORMS)) {
      kinds.add(InboundEvent.Kind.LEAD_FORM);
    }
    if (factory().supports(Capability.OUTBOUND_TEXT) || factory().supports(Capability.TEMPLATES)) {
      kinds.add(InboundEvent.Kind.DELIVERY_STATUS);
    }
    return kinds;
  }

  /** The secret webhooks are signed with; the config's app secret by default. */
  protected String webhookSigningSecret(ConnectorConfig config) {
    return config.appSecret();
  }

  /** Where the platform delivers webhooks; a made-up host's {@code /webhooks/<provider>}. */
  protected URI webhookUri() {
    return URI.create("https://omniflow.example/webhooks/" + factory().providerId());
  }

  /** The content type of webhook bodies; JSON by default. */
  protected String webhookContentType() {
    return "application/json";
  }

  /** A body the connector cannot parse; the kit signs it properly. */
  protected byte[] malformedWebhookBody() {
    return "{\"this is\": not a webhook".getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the platform verifies webhook subscriptions with a handshake; true by default. */
  protected boolean hasWebhookHandshake() {
    return true;
  }

  /** The handshake's query parameters; Meta's {@code hub.*} style by default. */
  protected Map<String, String> handshakeQuery(String verifyToken, String challenge) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("hub.mode", "subscribe");
    query.put("hub.verify_token", verifyToken);
    query.put("hub.challenge", challenge);
    return query;
  }

  // ================================================================ hooks: OAuth and API keys

  /**
   * The platform's answers, in order, to a code exchange that grants {@code grant}: e.g. the token
   * endpoint's JSON, then the endpoint that lists the accounts. Needed for {@link
   * AuthMethod#OAUTH}.
   */
  protected List<MockResponse> tokenResponses(TokenGrant grant) {
    throw new AssertionError("an OAuth connector's test must override tokenResponses(TokenGrant)");
  }

  /**
   * The platform's answers to a refresh that grants {@code grant}; as for an exchange by default.
   */
  protected List<MockResponse> refreshResponses(TokenGrant grant) {
    return tokenResponses(grant);
  }

  /** The platform's answer to a successful revoke; an empty 200 by default. */
  protected MockResponse revokeAccepted() {
    return json(200, "{}");
  }

  /** The platform's answer to a code or refresh token it rejects; OAuth's 400 invalid_grant. */
  protected MockResponse grantRejected() {
    return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"code is invalid\"}");
  }

  /**
   * The platform's answers when {@link Connector#connectWithApiKey} checks a good key reaching
   * {@code accountId} named {@code accountName}. Needed for {@link AuthMethod#API_KEY}.
   */
  protected List<MockResponse> apiKeyAccepted(String accountId, String accountName) {
    throw new AssertionError("an API-key connector's test must override apiKeyAccepted(...)");
  }

  // ================================================================ hooks: outbound and health

  /** The channel the kit sends on; the first DM channel fitting the connector by default. */
  protected Channel outboundChannel() {
    return Channel.SMS;
  }

  /** A recipient the platform accepts on {@link #outboundChannel()}. */
  protected String sampleRecipient() {
    return "+15555550123";
  }

  /** The platform's answer to an accepted send, naming {@code providerMessageId}. */
  protected abstract MockResponse sendAccepted(String providerMessageId);

  /**
   * The platform's answer to a send that fails with {@code kind}, or empty if the platform has no
   * such failure (the test is then skipped). The kit asks for {@link FailureKind#AUTH_EXPIRED},
   * {@link FailureKind#RATE_LIMITED} (whose answer must say {@code Retry-After: 30} seconds),
   * {@link FailureKind#INVALID_RECIPIENT} (required), {@link FailureKind#POLICY_WINDOW_CLOSED} and
   * {@link FailureKind#TRANSIENT}. The default gives a bare 401, a 429 with {@code Retry-After: 30}
   * and a 503, and nothing for the others.
   */
  protected Optional<MockResponse> sendFailure(FailureKind kind) {
    return genericFailure(kind);
  }

  /** The platform's answer to a health probe of a healthy {@link #sampleAccountId()}. */
  protected abstract MockResponse probeHealthy();

  /**
   * The platform's answer to a probe that should report {@code status}, or empty if the platform
   * cannot say so (the test is skipped). By default a 401 for {@link HealthStatus#NEEDS_REAUTH}, a
   * 503 for {@link HealthStatus#DEGRADED} and nothing for {@link HealthStatus#DISCONNECTED}.
   */
  protected Optional<MockResponse> probeResponse(HealthStatus status) {
    return switch (status) {
      case HEALTHY -> Optional.of(probeHealthy());
      case NEEDS_REAUTH -> genericFailure(FailureKind.AUTH_EXPIRED);
      case DEGRADED -> genericFailure(FailureKind.TRANSIENT);
      case DISCONNECTED -> Optional.empty();
    };
  }

  // ================================================================ helpers for implementers

  /** A response with a JSON body. */
  protected static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** The kit's defaults for failures every HTTP platform shares. */
  protected static Optional<MockResponse> genericFailure(FailureKind kind) {
    return switch (kind) {
      case AUTH_EXPIRED -> Optional.of(json(401, "{\"error\":\"unauthorized\"}"));
      case RATE_LIMITED ->
          Optional.of(
              new MockResponse.Builder()
                  .code(429)
                  .setHeader("Retry-After", "30")
                  .setHeader("Content-Type", "application/json")
                  .body("{\"error\":\"rate limited\"}")
                  .build());
      case TRANSIENT -> Optional.of(json(503, "{\"error\":\"unavailable\"}"));
      default -> Optional.empty();
    };
  }

  /** The platform stand-in of the running test. */
  protected final MockWebServer server() {
    return requireSet(server);
  }

  /** The connector under test in the running test. */
  protected final Connector connector() {
    return requireSet(connector);
  }

  /** The config the connector under test was made from. */
  protected final ConnectorConfig connectorConfig() {
    return requireSet(connectorConfig);
  }

  /** The kit's fixed clock. */
  protected final Clock clock() {
    return clock;
  }

  /** {@code body} signed for {@link #webhookUri()} with the signing secret, as a request. */
  protected final WebhookRequest signedWebhook(byte[] body) {
    return webhookWith(body, signatureHeaders(webhookUri(), body, signingSecret()));
  }

  // ================================================================ lifecycle

  @BeforeEach
  final void startPlatformAndConnector() throws Exception {
    MockWebServer mws = new MockWebServer();
    QueueDispatcher dispatcher = new QueueDispatcher();
    // An unexpected request gets an answer instead of hanging the test.
    dispatcher.setFailFast(
        json(418, "{\"error\":\"the kit scripted no answer for this request\"}"));
    mws.setDispatcher(dispatcher);
    mws.start();
    server = mws;
    URI base = mws.url("/").uri();
    connectorConfig = config(base, clock);
    assertThat(connectorConfig.apiBaseUri())
        .as("config(apiBaseUri, clock) must use the kit's apiBaseUri")
        .isEqualTo(base);
    assertThat(connectorConfig.clock())
        .as("config(apiBaseUri, clock) must use the kit's clock")
        .isSameAs(clock);
    connector = factory().create(connectorConfig);
  }

  @AfterEach
  final void stopPlatform() {
    if (server != null) {
      server.close();
    }
  }

  // ================================================================ the tests

  // Each group's tests are in its suite class (OAuthSuite, ...); declaring the groups here, as
  // inner classes of the kit, is what makes JUnit run them in every class that extends the kit.

  @Nested
  @DisplayName("The factory")
  class Description extends FactorySuite {
    Description() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("OAuth")
  class OAuth extends OAuthSuite {
    OAuth() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("API keys")
  class ApiKeys extends ApiKeySuite {
    ApiKeys() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Webhook verification")
  class WebhookVerification extends WebhookVerificationSuite {
    WebhookVerification() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Dedupe keys")
  class DedupeKeys extends DedupeKeySuite {
    DedupeKeys() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Normalization")
  class Normalization extends NormalizationSuite {
    Normalization() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Outbound send")
  class OutboundSend extends OutboundSendSuite {
    OutboundSend() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Health")
  class Health extends HealthSuite {
    Health() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Error classification")
  class ErrorClassification extends ErrorClassificationSuite {
    ErrorClassification() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Secrecy")
  class Secrecy extends SecrecySuite {
    Secrecy() {
      super(ConnectorCompatibilityKit.this);
    }
  }

  // ================================================================ internals

  /** The secret webhooks are signed with in the running test. */
  String signingSecret() {
    return webhookSigningSecret(connectorConfig());
  }

  /** A webhook of {@code body} with the content type and the {@code signature} headers. */
  WebhookRequest webhookWith(byte[] body, Map<String, String> signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", webhookContentType());
    headers.putAll(signature);
    return WebhookRequest.post(webhookUri(), headers, body);
  }

  private static <T> T requireSet(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("only available while a kit test runs");
    }
    return value;
  }
}
