package ai.omniflow.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.Pkce;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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
 */
public abstract class ConnectorCompatibilityKit {

  /** The instant the kit's clock stands at. */
  protected static final Instant KIT_NOW = Instant.parse("2030-01-02T03:04:05Z");

  private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private @Nullable MockWebServer server;
  private int taken;
  private @Nullable ConnectorConfig connectorConfig;
  private @Nullable Connector connector;
  private final Clock clock = Clock.fixed(KIT_NOW, ZoneOffset.UTC);

  /** Every token, code or verifier the kit made up in this test, to look for where none belongs. */
  private final List<String> madeUpSecrets = new ArrayList<>();

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

  @Nested
  @DisplayName("The factory")
  class Description {

    @Test
    @DisplayName("has a lower-case provider id, a display name and at least one capability")
    void describesItself() {
      ConnectorFactory factory = factory();
      assertThat(factory.providerId()).matches(ConnectorFactory.PROVIDER_ID);
      assertThat(factory.displayName()).isNotBlank();
      assertThat(factory.capabilities()).isNotEmpty();
      assertThat(factory.authMethod()).isNotNull();
    }

    @Test
    @DisplayName("makes connectors that carry its provider id")
    void connectorCarriesProviderId() {
      assertThat(connector().providerId()).isEqualTo(factory().providerId());
    }
  }

  @Nested
  @DisplayName("OAuth")
  class OAuth {

    @BeforeEach
    void onlyForOAuth() {
      assumeTrue(factory().authMethod() == AuthMethod.OAUTH, "the connector uses API keys");
    }

    @Test
    @DisplayName(
        "puts client id, state, an S256 challenge, the scopes and the exact redirect URI"
            + " in the authorization URL")
    void authorizationUrlCarriesEverything() {
      AuthorizationRequest request = authorizationRequest();
      URI url = connector().authorizationUrl(request);
      Map<String, String> query = query(url);
      assertThat(url.isAbsolute()).as("authorization URL is absolute: %s", url).isTrue();
      assertThat(query).containsEntry("state", request.state());
      assertThat(query).containsEntry("code_challenge", request.codeChallenge());
      assertThat(query).containsEntry("code_challenge_method", "S256");
      assertThat(query).containsEntry("redirect_uri", request.redirectUri().toString());
      assertThat(query).containsEntry("client_id", connectorConfig().appId());
      assertThat(query).containsEntry("response_type", "code");
      assertThat(query.getOrDefault("scope", "").split("[ ,]+")).containsAll(request.scopes());
    }

    @Test
    @DisplayName("never puts the code verifier or the app secret in the authorization URL")
    void authorizationUrlHoldsNoSecret() {
      AuthorizationRequest request = authorizationRequest();
      String url = connector().authorizationUrl(request).toString();
      assertThat(url).doesNotContain(request.codeVerifier());
      assertThat(url).doesNotContain(connectorConfig().appSecret());
      assertThat(server().getRequestCount()).as("no network call").isZero();
    }

    @Test
    @DisplayName("exchanges a code with its verifier for tokens, their expiry and the accounts")
    void exchangesCode() throws Exception {
      TokenGrant grant = grant();
      tokenResponses(grant).forEach(server()::enqueue);
      String code = madeUp("code");
      String verifier = madeUpVerifier();
      URI redirect = connectorConfig().requireRedirectUri();

      TokenSet tokens = connector().exchangeCode(code, verifier, redirect);

      assertThat(tokens.accessToken()).isEqualTo(grant.accessToken());
      assertThat(tokens.refreshToken()).isEqualTo(grant.refreshToken());
      assertThat(tokens.expiresAt()).isEqualTo(KIT_NOW.plus(grant.expiresIn()));
      assertThat(tokens.accounts())
          .extracting(ConnectedAccount::externalAccountId)
          .contains(grant.accountId());
      String sent = allRequestsSaid();
      assertThat(sent).as("the code reaches the platform").contains(code);
      assertThat(sent).as("the PKCE verifier reaches the platform").contains(verifier);
      assertThat(sent)
          .as("the exact redirect URI reaches the platform")
          .contains(redirect.toString());
    }

    @Test
    @DisplayName("refreshes an access token with the refresh token")
    void refreshes() throws Exception {
      TokenGrant grant = grant();
      refreshResponses(grant).forEach(server()::enqueue);
      String refreshToken = madeUp("rt");

      TokenSet tokens = connector().refresh(refreshToken);

      assertThat(tokens.accessToken()).isEqualTo(grant.accessToken());
      assertThat(tokens.expiresAt()).isEqualTo(KIT_NOW.plus(grant.expiresIn()));
      assertThat(allRequestsSaid()).contains(refreshToken);
    }

    @Test
    @DisplayName("revokes a token at the platform")
    void revokes() throws Exception {
      server().enqueue(revokeAccepted());
      String token = madeUp("at");
      assertThatCode(() -> connector().revoke(token)).doesNotThrowAnyException();
      assertThat(server().getRequestCount()).isPositive();
      assertThat(allRequestsSaid()).contains(token);
    }

    @Test
    @DisplayName("reports a rejected code as a failure that is not worth retrying")
    void rejectedCode() {
      server().enqueue(grantRejected());
      assertFailure(
          () ->
              connector()
                  .exchangeCode(
                      madeUp("code"), madeUpVerifier(), connectorConfig().requireRedirectUri()),
          e -> assertThat(e.kind()).isIn(FailureKind.AUTH_EXPIRED, FailureKind.PERMANENT));
    }

    @Test
    @DisplayName("reports a rejected refresh token as AUTH_EXPIRED")
    void rejectedRefresh() {
      server().enqueue(grantRejected());
      assertFailure(
          () -> connector().refresh(madeUp("rt")),
          e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_EXPIRED));
    }

    @Test
    @DisplayName("reports a platform error during the exchange as TRANSIENT")
    void exchangeServerError() {
      server().enqueue(json(503, "{\"error\":\"unavailable\"}"));
      assertFailure(
          () ->
              connector()
                  .exchangeCode(
                      madeUp("code"), madeUpVerifier(), connectorConfig().requireRedirectUri()),
          e -> assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT));
    }
  }

  @Nested
  @DisplayName("API keys")
  class ApiKeys {

    @BeforeEach
    void onlyForApiKeys() {
      assumeTrue(factory().authMethod() == AuthMethod.API_KEY, "the connector uses OAuth");
    }

    @Test
    @DisplayName("checks a key and names the accounts it reaches")
    void connects() {
      apiKeyAccepted(sampleAccountId(), "Kit account").forEach(server()::enqueue);
      String key = madeUp("key");
      TokenSet tokens = connector().connectWithApiKey(key);
      assertThat(tokens.accessToken()).isEqualTo(key);
      assertThat(tokens.accounts())
          .extracting(ConnectedAccount::externalAccountId)
          .contains(sampleAccountId());
    }

    @Test
    @DisplayName("reports a rejected key as AUTH_EXPIRED")
    void rejectsKey() {
      server().enqueue(genericFailure(FailureKind.AUTH_EXPIRED).orElseThrow());
      assertFailure(
          () -> connector().connectWithApiKey(madeUp("key")),
          e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTH_EXPIRED));
    }
  }

  @Nested
  @DisplayName("Webhook verification")
  class WebhookVerification {

    @Test
    @DisplayName("accepts a correctly signed webhook of every kind it receives")
    void acceptsSigned() {
      assumeTrue(!webhookKinds().isEmpty(), "the connector receives no webhooks");
      for (InboundEvent.Kind kind : webhookKinds()) {
        WebhookRequest request = signedWebhook(webhookBody(kind, 1));
        assertThatCode(() -> connector().verifySignature(request))
            .as("a %s webhook signed with the right secret", kind)
            .doesNotThrowAnyException();
        assertThat(connector().receive(request)).as("events of a %s webhook", kind).isNotEmpty();
      }
    }

    @Test
    @DisplayName("rejects a webhook whose body was changed after signing")
    void rejectsTamperedBody() {
      byte[] body = anyWebhookBody();
      Map<String, String> headers = signatureHeaders(webhookUri(), body, signingSecret());
      byte[] appended =
          (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
      assertSignatureInvalid(webhookWith(appended, headers), "a body with a byte appended");
      assertSignatureInvalid(
          webhookWith(flipOneCharacter(body), headers), "a body with a byte changed");
    }

    @Test
    @DisplayName("rejects a webhook signed with another secret")
    void rejectsWrongSecret() {
      byte[] body = anyWebhookBody();
      String wrong = signingSecret() + "-not";
      assertSignatureInvalid(
          webhookWith(body, signatureHeaders(webhookUri(), body, wrong)),
          "a signature made with another secret");
    }

    @Test
    @DisplayName("rejects a webhook without its signature header")
    void rejectsMissingSignature() {
      assertSignatureInvalid(webhookWith(anyWebhookBody(), Map.of()), "no signature header");
    }

    @Test
    @DisplayName("rejects a webhook whose signature header holds garbage")
    void rejectsGarbageSignature() {
      byte[] body = anyWebhookBody();
      Map<String, String> garbage = new LinkedHashMap<>();
      signatureHeaders(webhookUri(), body, signingSecret())
          .keySet()
          .forEach(name -> garbage.put(name, "sha256=zz"));
      assertSignatureInvalid(webhookWith(body, garbage), "a garbage signature");
    }

    @Test
    @DisplayName("echoes the handshake challenge for the right verify token")
    void handshakeEchoes() {
      assumeTrue(hasWebhookHandshake(), "the platform has no webhook handshake");
      String verifyToken = requireVerifyToken();
      assertThat(connector().verifyHandshake(handshakeQuery(verifyToken, "kit-challenge-42")))
          .contains("kit-challenge-42");
    }

    @Test
    @DisplayName("refuses a handshake with a wrong or missing verify token")
    void handshakeRefused() {
      assumeTrue(hasWebhookHandshake(), "the platform has no webhook handshake");
      String verifyToken = requireVerifyToken();
      assertThat(connector().verifyHandshake(handshakeQuery(verifyToken + "x", "c"))).isEmpty();
      assertThat(connector().verifyHandshake(handshakeQuery("", "c"))).isEmpty();
      assertThat(connector().verifyHandshake(Map.of())).isEmpty();
    }

    @Test
    @DisplayName("answers no handshake when the platform has none")
    void noHandshake() {
      assumeFalse(hasWebhookHandshake(), "the platform has a webhook handshake");
      assertThat(connector().verifyHandshake(handshakeQuery("anything", "c"))).isEmpty();
    }
  }

  @Nested
  @DisplayName("Dedupe keys")
  class DedupeKeys {

    @BeforeEach
    void onlyWithWebhooks() {
      assumeTrue(!webhookKinds().isEmpty(), "the connector receives no webhooks");
    }

    @Test
    @DisplayName("are the same when the same delivery is parsed twice")
    void sameDeliverySameKeys() {
      for (InboundEvent.Kind kind : webhookKinds()) {
        byte[] body = webhookBody(kind, 1);
        assertThat(keys(connector().receive(signedWebhook(body))))
            .as("keys of a redelivered %s webhook", kind)
            .isEqualTo(keys(connector().receive(signedWebhook(body))));
      }
    }

    @Test
    @DisplayName("are the same when another connector instance parses the redelivery")
    void sameAcrossInstances() {
      Connector other = factory().create(connectorConfig());
      for (InboundEvent.Kind kind : webhookKinds()) {
        byte[] body = webhookBody(kind, 2);
        assertThat(keys(other.receive(signedWebhook(body))))
            .as("keys of a %s webhook parsed by another instance (another node)", kind)
            .isEqualTo(keys(connector().receive(signedWebhook(body))));
      }
    }

    @Test
    @DisplayName("differ between different events")
    void differentEventsDifferentKeys() {
      List<String> all = new ArrayList<>();
      for (InboundEvent.Kind kind : webhookKinds()) {
        for (int seed = 1; seed <= 3; seed++) {
          all.addAll(keys(connector().receive(signedWebhook(webhookBody(kind, seed)))));
        }
      }
      assertThat(all).as("dedupe keys of distinct events").doesNotHaveDuplicates();
    }
  }

  @Nested
  @DisplayName("Normalization")
  class Normalization {

    @BeforeEach
    void onlyWithWebhooks() {
      assumeTrue(!webhookKinds().isEmpty(), "the connector receives no webhooks");
    }

    @Test
    @DisplayName(
        "gives every event its kind, its account, a glossary channel and the platform's" + " time")
    void everyEventIsComplete() {
      for (InboundEvent.Kind kind : webhookKinds()) {
        List<InboundEvent> events = connector().receive(signedWebhook(webhookBody(kind, 1)));
        assertThat(events).extracting(InboundEvent::kind).as("kinds").contains(kind);
        for (InboundEvent event : events) {
          assertThat(event.providerAccountId())
              .as("account of %s", event)
              .isEqualTo(sampleAccountId());
          assertThat(Channel.fromId(event.channel().id())).isEqualTo(event.channel());
          assertThat(event.dedupeKey()).isNotBlank();
          assertThat(event.occurredAt())
              .as("occurredAt is the platform's time, not the time of parsing")
              .isNotEqualTo(KIT_NOW)
              .isAfter(Instant.parse("2000-01-01T00:00:00Z"))
              .isBefore(Instant.parse("2100-01-01T00:00:00Z"));
        }
      }
    }

    @Test
    @DisplayName("gives the same bytes the same events")
    void deterministic() {
      for (InboundEvent.Kind kind : webhookKinds()) {
        byte[] body = webhookBody(kind, 3);
        assertThat(connector().parse(signedWebhook(body)))
            .isEqualTo(connector().parse(signedWebhook(body)));
      }
    }

    @Test
    @DisplayName("carries a message's sender, text and message id")
    void messages() {
      assumeTrue(webhookKinds().contains(InboundEvent.Kind.MESSAGE), "no messages");
      InboundEvent.Message message = first(InboundEvent.Message.class, InboundEvent.Kind.MESSAGE);
      assertThat(message.text()).isNotBlank();
      assertThat(message.providerMessageId()).isNotBlank();
      assertThat(message.channel())
          .isIn(
              Channel.INSTAGRAM_DM,
              Channel.FACEBOOK_DM,
              Channel.WHATSAPP,
              Channel.SMS,
              Channel.EMAIL);
    }

    @Test
    @DisplayName("carries a comment's post, comment id and text")
    void comments() {
      assumeTrue(webhookKinds().contains(InboundEvent.Kind.COMMENT), "no comments");
      InboundEvent.Comment comment = first(InboundEvent.Comment.class, InboundEvent.Kind.COMMENT);
      assertThat(comment.referral().postId()).isNotBlank();
      assertThat(comment.commentId()).isNotBlank();
      assertThat(comment.text()).isNotBlank();
    }

    @Test
    @DisplayName("carries a lead form's fields and its form id")
    void leadForms() {
      assumeTrue(webhookKinds().contains(InboundEvent.Kind.LEAD_FORM), "no lead forms");
      InboundEvent.LeadForm lead = first(InboundEvent.LeadForm.class, InboundEvent.Kind.LEAD_FORM);
      assertThat(lead.fields()).isNotEmpty();
      assertThat(lead.formId()).isNotBlank();
      assertThat(lead.channel()).isEqualTo(Channel.LEAD_FORM);
    }

    @Test
    @DisplayName("carries a delivery status with the message id that send returned")
    void deliveryStatuses() {
      assumeTrue(webhookKinds().contains(InboundEvent.Kind.DELIVERY_STATUS), "no statuses");
      InboundEvent.DeliveryUpdate update =
          first(InboundEvent.DeliveryUpdate.class, InboundEvent.Kind.DELIVERY_STATUS);
      assertThat(update.providerMessageId()).isNotBlank();
      assertThat(update.status()).isNotNull();
    }
  }

  @Nested
  @DisplayName("Outbound send")
  class OutboundSend {

    @Test
    @DisplayName("returns the platform's message id for an accepted text")
    void sendsText() throws Exception {
      assumeCapability(Capability.OUTBOUND_TEXT);
      server().enqueue(sendAccepted("kit-msg-1"));
      String token = madeUp("at");
      SendResult result = connector().send(text(), token);
      assertThat(result.providerMessageId()).isEqualTo("kit-msg-1");
      String sent = allRequestsSaid();
      assertThat(sent).as("the text reaches the platform").contains("Hello from the kit");
      assertThat(sent)
          .as("the recipient reaches the platform")
          .satisfiesAnyOf(
              s -> assertThat(s).contains(sampleRecipient()),
              s ->
                  assertThat(s)
                      .contains(URLEncoder.encode(sampleRecipient(), StandardCharsets.UTF_8)));
      assertThat(sent).as("the access token reaches the platform").contains(token);
    }

    @Test
    @DisplayName("returns the platform's message id for an accepted template")
    void sendsTemplate() throws Exception {
      assumeCapability(Capability.TEMPLATES);
      server().enqueue(sendAccepted("kit-msg-2"));
      SendResult result = connector().send(template(), madeUp("at"));
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
      server().enqueue(requiredSendFailure(FailureKind.RATE_LIMITED));
      assertFailure(
          () -> connector().send(text(), madeUp("at")),
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
          () -> connector().send(text(), madeUp("at")),
          e -> assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT));
    }
  }

  @Nested
  @DisplayName("Health")
  class Health {

    @Test
    @DisplayName("reports a working account as HEALTHY, checked at the clock's time")
    void healthy() {
      server().enqueue(probeHealthy());
      HealthReport report = connector().probe(sampleAccountId(), madeUp("at"));
      assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(report.checkedAt()).isEqualTo(KIT_NOW);
    }

    @Test
    @DisplayName("reports a rejected token as NEEDS_REAUTH")
    void needsReauth() {
      assertProbe(HealthStatus.NEEDS_REAUTH, true);
    }

    @Test
    @DisplayName("reports a platform error as DEGRADED")
    void degraded() {
      assertProbe(HealthStatus.DEGRADED, true);
    }

    @Test
    @DisplayName("reports an account the platform no longer has as DISCONNECTED")
    void disconnected() {
      assertProbe(HealthStatus.DISCONNECTED, false);
    }

    @Test
    @DisplayName("reports a dropped connection as DEGRADED instead of throwing")
    void droppedConnection() {
      enqueueDroppedConnections();
      HealthReport report = connector().probe(sampleAccountId(), madeUp("at"));
      assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(report.checkedAt()).isEqualTo(KIT_NOW);
    }
  }

  @Nested
  @DisplayName("Error classification")
  class ErrorClassification {

    @Test
    @DisplayName("reports an unparseable webhook body as MALFORMED_PAYLOAD")
    void malformedPayload() {
      assumeTrue(!webhookKinds().isEmpty(), "the connector receives no webhooks");
      WebhookRequest request = signedWebhook(malformedWebhookBody());
      assertFailure(
          () -> connector().receive(request),
          e -> assertThat(e.kind()).isEqualTo(FailureKind.MALFORMED_PAYLOAD));
    }

    @Test
    @DisplayName("refuses a template when it does not declare TEMPLATES")
    void templatesUndeclared() {
      assumeFalse(factory().supports(Capability.TEMPLATES), "the connector sends templates");
      assertThatThrownBy(() -> connector().send(template(), madeUp("at")))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(server().getRequestCount()).isZero();
    }

    @Test
    @DisplayName("refuses free text when it does not declare OUTBOUND_TEXT")
    void textUndeclared() {
      assumeFalse(factory().supports(Capability.OUTBOUND_TEXT), "the connector sends text");
      assertThatThrownBy(() -> connector().send(text(), madeUp("at")))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(server().getRequestCount()).isZero();
    }

    @Test
    @DisplayName("refuses OAuth calls when it uses API keys")
    void oauthUndeclared() {
      assumeTrue(factory().authMethod() == AuthMethod.API_KEY, "the connector uses OAuth");
      assertThatThrownBy(() -> connector().authorizationUrl(authorizationRequest()))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> connector().refresh("x"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("marks exactly rate limits and transient failures as retryable")
    void retryability() {
      assumeCapability(Capability.OUTBOUND_TEXT);
      for (FailureKind kind : List.of(FailureKind.AUTH_EXPIRED, FailureKind.TRANSIENT)) {
        server().enqueue(requiredSendFailure(kind));
        assertFailure(
            () -> connector().send(text(), madeUp("at")),
            e -> assertThat(e.isRetryable()).isEqualTo(kind.isRetryable()));
      }
    }
  }

  @Nested
  @DisplayName("Secrecy")
  class Secrecy {

    @Test
    @DisplayName("puts no token, code, verifier or secret in any failure's message")
    void noSecretInFailures() {
      List<Throwable> failures = new ArrayList<>();
      if (factory().authMethod() == AuthMethod.OAUTH) {
        server().enqueue(grantRejected());
        failures.add(
            caught(
                () ->
                    connector()
                        .exchangeCode(
                            madeUp("code"),
                            madeUpVerifier(),
                            connectorConfig().requireRedirectUri())));
        server().enqueue(grantRejected());
        failures.add(caught(() -> connector().refresh(madeUp("rt"))));
        server().enqueue(json(503, "{}"));
        failures.add(caught(() -> connector().revoke(madeUp("at"))));
      } else {
        server().enqueue(genericFailure(FailureKind.AUTH_EXPIRED).orElseThrow());
        failures.add(caught(() -> connector().connectWithApiKey(madeUp("key"))));
      }
      if (factory().supports(Capability.OUTBOUND_TEXT)) {
        for (FailureKind kind :
            List.of(
                FailureKind.AUTH_EXPIRED,
                FailureKind.RATE_LIMITED,
                FailureKind.INVALID_RECIPIENT,
                FailureKind.TRANSIENT)) {
          server().enqueue(requiredSendFailure(kind));
          failures.add(caught(() -> connector().send(text(), madeUp("at"))));
        }
        enqueueDroppedConnections();
        failures.add(caught(() -> connector().send(text(), madeUp("at"))));
      }
      if (!webhookKinds().isEmpty()) {
        byte[] body = anyWebhookBody();
        failures.add(caught(() -> connector().verifySignature(webhookWith(body, Map.of()))));
        failures.add(caught(() -> connector().receive(signedWebhook(malformedWebhookBody()))));
      }
      for (Throwable failure : failures) {
        assertHoldsNoSecret(everythingSaidBy(failure), "failure " + failure.getClass().getName());
      }
    }

    @Test
    @DisplayName(
        "puts no token or secret in the toString of the connector, its config or its" + " results")
    void noSecretInToString() {
      assertHoldsNoSecret(connector().toString(), "connector.toString()");
      assertHoldsNoSecret(connectorConfig().toString(), "config.toString()");
      if (factory().authMethod() == AuthMethod.OAUTH) {
        TokenGrant grant = grant();
        tokenResponses(grant).forEach(server()::enqueue);
        TokenSet tokens =
            connector()
                .exchangeCode(
                    madeUp("code"), madeUpVerifier(), connectorConfig().requireRedirectUri());
        assertHoldsNoSecret(tokens.toString(), "TokenSet.toString()");
        assertHoldsNoSecret(connector().toString(), "connector.toString() after an exchange");
      }
    }

    @Test
    @DisplayName("puts no token in a health report")
    void noSecretInHealth() {
      List<HealthReport> reports = new ArrayList<>();
      server().enqueue(probeHealthy());
      reports.add(connector().probe(sampleAccountId(), madeUp("at")));
      for (HealthStatus status : List.of(HealthStatus.NEEDS_REAUTH, HealthStatus.DEGRADED)) {
        probeResponse(status).ifPresent(server()::enqueue);
        reports.add(connector().probe(sampleAccountId(), madeUp("at")));
      }
      for (HealthReport report : reports) {
        assertHoldsNoSecret(report.toString(), "health report");
      }
    }

    @Test
    @DisplayName("puts no secret or signature in a parsed event")
    void noSecretInEvents() {
      assumeTrue(!webhookKinds().isEmpty(), "the connector receives no webhooks");
      for (InboundEvent.Kind kind : webhookKinds()) {
        byte[] body = webhookBody(kind, 1);
        Map<String, String> headers = signatureHeaders(webhookUri(), body, signingSecret());
        for (InboundEvent event : connector().receive(webhookWith(body, headers))) {
          assertHoldsNoSecret(event.toString(), "a " + kind + " event");
          for (String value : headers.values()) {
            assertThat(event.toString())
                .as("a %s event holds the signature", kind)
                .doesNotContain(value);
          }
        }
      }
    }
  }

  // ================================================================ internals

  private String signingSecret() {
    return webhookSigningSecret(connectorConfig());
  }

  private WebhookRequest webhookWith(byte[] body, Map<String, String> signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", webhookContentType());
    headers.putAll(signature);
    return WebhookRequest.post(webhookUri(), headers, body);
  }

  private byte[] anyWebhookBody() {
    assumeTrue(!webhookKinds().isEmpty(), "the connector receives no webhooks");
    return webhookBody(webhookKinds().iterator().next(), 1);
  }

  private void assertSignatureInvalid(WebhookRequest request, String what) {
    assertFailure(
        () -> connector().verifySignature(request),
        e -> assertThat(e.kind()).as(what).isEqualTo(FailureKind.SIGNATURE_INVALID));
    assertFailure(
        () -> connector().receive(request),
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
    String token = connectorConfig().webhookVerifyToken();
    if (token == null) {
      fail("a connector with a webhook handshake needs a webhookVerifyToken in config(...)");
    }
    return token;
  }

  private AuthorizationRequest authorizationRequest() {
    List<String> scopes =
        connectorConfig().scopes().isEmpty() ? List.of("kit.read") : connectorConfig().scopes();
    URI redirect =
        factory().authMethod() == AuthMethod.OAUTH
            ? connectorConfig().requireRedirectUri()
            : URI.create("https://omniflow.example/callback");
    return new AuthorizationRequest(madeUp("state"), madeUpVerifier(), redirect, scopes);
  }

  private TokenGrant grant() {
    return new TokenGrant(
        madeUp("at"),
        madeUp("rt"),
        Duration.ofHours(1),
        connectorConfig().scopes(),
        sampleAccountId(),
        "Kit account");
  }

  private OutboundMessage text() {
    return OutboundMessage.text(
        sampleAccountId(), outboundChannel(), sampleRecipient(), "Hello from the kit");
  }

  private OutboundMessage template() {
    return OutboundMessage.template(
        sampleAccountId(),
        outboundChannel(),
        sampleRecipient(),
        new OutboundMessage.Template("kit_template", "en_US", List.of("Ana", "10:30")));
  }

  private void assumeCapability(Capability capability) {
    assumeTrue(factory().supports(capability), "the connector does not declare " + capability);
  }

  private MockResponse requiredSendFailure(FailureKind kind) {
    return sendFailure(kind)
        .orElseThrow(
            () -> new AssertionError("override sendFailure(" + kind + ") to script the platform"));
  }

  private void assertSendFails(FailureKind kind, boolean required) {
    assumeCapability(Capability.OUTBOUND_TEXT);
    Optional<MockResponse> answer = sendFailure(kind);
    if (!required) {
      assumeTrue(answer.isPresent(), "the platform has no " + kind + " answer");
    }
    server().enqueue(answer.orElseGet(() -> requiredSendFailure(kind)));
    assertFailure(
        () -> connector().send(text(), madeUp("at")), e -> assertThat(e.kind()).isEqualTo(kind));
  }

  private void assertProbe(HealthStatus status, boolean required) {
    Optional<MockResponse> answer = probeResponse(status);
    if (!required) {
      assumeTrue(answer.isPresent(), "the platform cannot say " + status);
    }
    server()
        .enqueue(
            answer.orElseThrow(() -> new AssertionError("override probeResponse(" + status + ")")));
    HealthReport report = connector().probe(sampleAccountId(), madeUp("at"));
    assertThat(report.status()).isEqualTo(status);
    assertThat(report.checkedAt()).isEqualTo(KIT_NOW);
  }

  private void enqueueDroppedConnections() {
    // An HTTP client may retry an idempotent request once; every try meets a dropped connection.
    for (int i = 0; i < 3; i++) {
      server()
          .enqueue(
              new MockResponse.Builder()
                  .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                  .build());
    }
  }

  private <T extends InboundEvent> T first(Class<T> type, InboundEvent.Kind kind) {
    return connector().receive(signedWebhook(webhookBody(kind, 1))).stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("a " + kind + " webhook gave no " + type.getSimpleName()));
  }

  private static List<String> keys(List<InboundEvent> events) {
    return events.stream().map(InboundEvent::dedupeKey).toList();
  }

  private static void assertFailure(ThrowingCallable call, Consumer<ConnectorException> check) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ConnectorException.class, e -> check.accept(e));
  }

  private static Throwable caught(ThrowingCallable call) {
    try {
      call.call();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected the call to fail");
  }

  /** A made-up secret value with a recognizable prefix, remembered for the secrecy checks. */
  private String madeUp(String kind) {
    return remembered("kit-" + kind + "-" + HexFormat.of().formatHex(randomBytes(12)));
  }

  /** A fresh PKCE code verifier, remembered for the secrecy checks. */
  private String madeUpVerifier() {
    return remembered(Pkce.newCodeVerifier());
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

  private void assertHoldsNoSecret(String text, String where) {
    List<String> secrets = new ArrayList<>(madeUpSecrets);
    secrets.add(connectorConfig().appSecret());
    if (connectorConfig().webhookVerifyToken() != null) {
      secrets.add(connectorConfig().webhookVerifyToken());
    }
    secrets.add(signingSecret());
    for (String secret : secrets) {
      assertThat(text).as("%s must not contain a token or secret", where).doesNotContain(secret);
    }
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

  /** Everything the connector sent the platform since the last call: URLs, headers, bodies. */
  private String allRequestsSaid() throws InterruptedException {
    StringBuilder said = new StringBuilder();
    for (; taken < server().getRequestCount(); taken++) {
      RecordedRequest request =
          server().takeRequest(TAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static <T> T requireSet(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("only available while a kit test runs");
    }
    return value;
  }
}
