package ai.omniflow.connector.mock;

import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The mock connector; see the package doc for both of its modes. Thread-safe. */
final class MockConnector implements Connector {
  private static final Duration OFFLINE_TOKEN_LIFETIME = Duration.ofHours(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");

  /** How many idempotency keys are remembered; older ones may be delivered again. */
  static final int REMEMBERED_KEYS = 10_000;

  private final ConnectorConfig config;
  private final boolean offline;
  private final ObjectMapper json = new ObjectMapper();
  private final MockWebhookParser parser = new MockWebhookParser(json);
  private final AtomicLong sent = new AtomicLong();
  // A send repeated with a key is answered with the first send's result, never delivered again;
  // the cache's per-key computation also makes concurrent repeats wait for the first.
  private final Cache<String, SendResult> sentByKey =
      Caffeine.newBuilder().maximumSize(REMEMBERED_KEYS).build();
  private final HttpClient http;

  MockConnector(ConnectorConfig config) {
    this.config = config;
    this.offline = config.flag(MockConnectorFactory.OFFLINE);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String providerId() {
    return MockConnectorFactory.PROVIDER_ID;
  }

  // ---------------------------------------------------------------- OAuth

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", config.appId());
    query.put("redirect_uri", request.redirectUri().toString());
    query.put("state", request.state());
    query.put("scope", request.scopeParameter());
    query.put("code_challenge", request.codeChallenge());
    query.put("code_challenge_method", "S256");
    return config.apiBaseUri().resolve("oauth/authorize?" + form(query));
  }

  @Override
  public TokenSet exchangeCode(String code, String codeVerifier, URI redirectUri) {
    requireNonBlank(code, "code");
    requireNonBlank(codeVerifier, "codeVerifier");
    if (offline) {
      if (code.startsWith("denied")) {
        throw new ConnectorException(FailureKind.AUTH_EXPIRED, "mock platform denied the code");
      }
      return offlineTokens(derive("access", code), derive("refresh", code), true);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("grant_type", "authorization_code");
    params.put("code", code);
    params.put("code_verifier", codeVerifier);
    params.put("redirect_uri", redirectUri.toString());
    return tokenRequest(params);
  }

  @Override
  public TokenSet refresh(String refreshToken) {
    requireNonBlank(refreshToken, "refreshToken");
    if (offline) {
      if (!refreshToken.startsWith("mock-rt-")) {
        throw new ConnectorException(
            FailureKind.AUTH_EXPIRED, "mock platform rejected the refresh token");
      }
      return offlineTokens(derive("access", refreshToken), refreshToken.substring(8), false);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("grant_type", "refresh_token");
    params.put("refresh_token", refreshToken);
    return tokenRequest(params);
  }

  @Override
  public void revoke(String token) {
    requireNonBlank(token, "token");
    if (offline) {
      return;
    }
    HttpResponse<String> response =
        call(formPost("oauth/revoke", Map.of("token", token)).build(), "revoke");
    if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
      throw failure(response, "revoke");
    }
  }

  private TokenSet offlineTokens(String access, String refresh, boolean withAccounts) {
    List<ConnectedAccount> accounts =
        withAccounts
            ? List.of(
                new ConnectedAccount("mock-page-1", "Mock Page", config.scopes()),
                new ConnectedAccount("mock-ig-1", "Mock Instagram", config.scopes()))
            : List.of();
    return new TokenSet(
        "mock-at-" + access,
        "mock-rt-" + refresh,
        config.clock().instant().plus(OFFLINE_TOKEN_LIFETIME),
        config.scopes(),
        accounts);
  }

  private String derive(String purpose, String input) {
    byte[] mac =
        MockWebhookSignature.hmac(
            (purpose + ":" + input).getBytes(StandardCharsets.UTF_8), config.appSecret());
    return HexFormat.of().formatHex(mac, 0, 16);
  }

  private TokenSet tokenRequest(Map<String, String> params) {
    params.put("client_id", config.appId());
    params.put("client_secret", config.appSecret());
    HttpResponse<String> response = call(formPost("oauth/token", params).build(), "token request");
    int status = response.statusCode();
    if (status == 400 || status == 401) {
      throw new ConnectorException(
          FailureKind.AUTH_EXPIRED,
          "mock platform rejected the grant (" + status + " " + errorCode(response) + ")");
    }
    if (status / 100 != 2) {
      throw failure(response, "token request");
    }
    try {
      JsonNode body = json.readTree(response.body());
      String access = body.path("access_token").asText("");
      String refresh =
          body.path("refresh_token").isMissingNode() ? null : body.path("refresh_token").asText();
      Instant expiresAt =
          body.hasNonNull("expires_in")
              ? config.clock().instant().plusSeconds(body.get("expires_in").asLong())
              : null;
      List<String> scopes =
          Arrays.stream(body.path("scope").asText("").split("[ ,]+"))
              .filter(s -> !s.isBlank())
              .toList();
      List<ConnectedAccount> accounts = new ArrayList<>();
      for (JsonNode account : body.path("accounts")) {
        accounts.add(
            new ConnectedAccount(
                account.path("id").asText(""), account.path("name").asText(""), scopes));
      }
      return new TokenSet(access, refresh, expiresAt, scopes, accounts);
    } catch (IOException | RuntimeException e) {
      // Never the body: it holds tokens.
      throw new ConnectorException(
          FailureKind.MALFORMED_PAYLOAD, "mock platform's token answer is unreadable");
    }
  }

  // ---------------------------------------------------------------- webhooks

  @Override
  public Optional<String> verifyHandshake(Map<String, String> queryParams) {
    String expected = config.webhookVerifyToken();
    String given = queryParams.get("hub.verify_token");
    String challenge = queryParams.get("hub.challenge");
    if (expected == null
        || given == null
        || challenge == null
        || !"subscribe".equals(queryParams.get("hub.mode"))) {
      return Optional.empty();
    }
    boolean same =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    return same ? Optional.of(challenge) : Optional.empty();
  }

  @Override
  public void verifySignature(WebhookRequest request) {
    String header =
        request
            .header(MockWebhookSignature.HEADER)
            .orElseThrow(
                () ->
                    new ConnectorException(
                        FailureKind.SIGNATURE_INVALID,
                        "mock webhook has no " + MockWebhookSignature.HEADER + " header"));
    if (!MockWebhookSignature.matches(request.rawBody(), config.appSecret(), header)) {
      throw new ConnectorException(
          FailureKind.SIGNATURE_INVALID, "mock webhook signature does not match its body");
    }
  }

  @Override
  public List<InboundEvent> parse(WebhookRequest request) {
    return parser.parse(request.rawBody());
  }

  // ---------------------------------------------------------------- outbound

  @Override
  public SendResult send(OutboundMessage message, String accessToken) {
    requireNonBlank(accessToken, "accessToken");
    String key = message.idempotencyKey();
    if (key == null) {
      return deliver(message, accessToken);
    }
    return sentByKey.get(key, k -> deliver(message, accessToken));
  }

  private SendResult deliver(OutboundMessage message, String accessToken) {
    if (offline) {
      return offlineSend(message, accessToken);
    }
    ObjectNode body = json.createObjectNode();
    body.put("channel", message.channel().id());
    body.put("to", message.recipient());
    if (message.content() instanceof OutboundMessage.Text text) {
      body.put("text", text.body());
    } else if (message.content() instanceof OutboundMessage.Template template) {
      ObjectNode t = body.putObject("template");
      t.put("name", template.name());
      t.put("language", template.language());
      template.parameters().forEach(t.putArray("parameters")::add);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                config
                    .apiBaseUri()
                    .resolve(
                        "v1/accounts/" + pathSegment(message.externalAccountId()) + "/messages"))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + accessToken)
            .header("Content-Type", "application/json");
    if (message.idempotencyKey() != null) {
      request.header("Idempotency-Key", message.idempotencyKey());
    }
    HttpResponse<String> response =
        call(request.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), "send");
    if (response.statusCode() / 100 != 2) {
      throw failure(response, "send");
    }
    try {
      String id = json.readTree(response.body()).path("id").asText("");
      return new SendResult(id);
    } catch (IOException | RuntimeException e) {
      throw new ConnectorException(
          FailureKind.MALFORMED_PAYLOAD, "mock platform's send answer has no message id");
    }
  }

  private SendResult offlineSend(OutboundMessage message, String accessToken) {
    String to = message.recipient();
    if (accessToken.startsWith("expired")) {
      throw new ConnectorException(FailureKind.AUTH_EXPIRED, "mock access token expired");
    }
    if (to.startsWith("invalid")) {
      throw new ConnectorException(FailureKind.INVALID_RECIPIENT, "mock recipient unknown");
    }
    if (to.startsWith("rate-limited")) {
      throw ConnectorException.rateLimited("mock rate limit", Duration.ofSeconds(30));
    }
    if (to.startsWith("window-closed") && message.content() instanceof OutboundMessage.Text) {
      throw new ConnectorException(
          FailureKind.POLICY_WINDOW_CLOSED, "mock messaging window closed; send a template");
    }
    return new SendResult("mock-msg-" + sent.incrementAndGet());
  }

  // ---------------------------------------------------------------- health

  @Override
  public HealthReport probe(String externalAccountId, String accessToken) {
    requireNonBlank(externalAccountId, "externalAccountId");
    requireNonBlank(accessToken, "accessToken");
    Instant now = config.clock().instant();
    if (offline) {
      if (accessToken.startsWith("expired")) {
        return new HealthReport(HealthStatus.NEEDS_REAUTH, "mock access token expired", now);
      }
      if (externalAccountId.startsWith("gone")) {
        return new HealthReport(HealthStatus.DISCONNECTED, "mock account removed", now);
      }
      return new HealthReport(HealthStatus.HEALTHY, "offline mock: always reachable", now);
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                config.apiBaseUri().resolve("v1/accounts/" + pathSegment(externalAccountId)))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + accessToken)
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = call(request, "probe");
    } catch (ConnectorException e) {
      return new HealthReport(HealthStatus.DEGRADED, e.getMessage(), now);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return new HealthReport(HealthStatus.HEALTHY, "mock account answers", now);
    }
    if (status == 401 || status == 403) {
      return new HealthReport(
          HealthStatus.NEEDS_REAUTH, "mock platform rejected the token (" + status + ")", now);
    }
    if (status == 404 || status == 410) {
      return new HealthReport(
          HealthStatus.DISCONNECTED,
          "mock platform no longer has the account (" + status + ")",
          now);
    }
    return new HealthReport(HealthStatus.DEGRADED, "mock platform answered " + status, now);
  }

  // ---------------------------------------------------------------- HTTP

  private HttpRequest.Builder formPost(String path, Map<String, String> params) {
    return HttpRequest.newBuilder(config.apiBaseUri().resolve(path))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params)));
  }

  private HttpResponse<String> call(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The exception's message may name the URL; ours names only what failed and why, in kind.
      throw new ConnectorException(
          FailureKind.TRANSIENT,
          "mock platform unreachable during " + what + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException(FailureKind.TRANSIENT, what + " interrupted");
    }
  }

  private ConnectorException failure(HttpResponse<String> response, String what) {
    int status = response.statusCode();
    String code = errorCode(response);
    String message = "mock platform refused " + what + " (" + status + " " + code + ")";
    if (status == 401) {
      return new ConnectorException(FailureKind.AUTH_EXPIRED, message);
    }
    if (status == 429) {
      return ConnectorException.rateLimited(message, retryAfter(response));
    }
    if (status >= 500) {
      return new ConnectorException(FailureKind.TRANSIENT, message);
    }
    return switch (code) {
      case "invalid_recipient" -> new ConnectorException(FailureKind.INVALID_RECIPIENT, message);
      case "window_closed" -> new ConnectorException(FailureKind.POLICY_WINDOW_CLOSED, message);
      case "token_expired" -> new ConnectorException(FailureKind.AUTH_EXPIRED, message);
      default -> new ConnectorException(FailureKind.PERMANENT, message);
    };
  }

  /** The platform's error code, if it is a plain code; never free text that could echo input. */
  private String errorCode(HttpResponse<String> response) {
    try {
      JsonNode error = json.readTree(response.body()).path("error");
      String code = error.isObject() ? error.path("code").asText("") : error.asText("");
      return ERROR_CODE.matcher(code).matches() ? code : "no_code";
    } catch (IOException | RuntimeException e) {
      return "no_code";
    }
  }

  private @Nullable Duration retryAfter(HttpResponse<String> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return null;
    }
    String value = header.get().trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(config.clock().instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }

  private static String form(Map<String, String> params) {
    StringJoiner joined = new StringJoiner("&");
    params.forEach(
        (k, v) ->
            joined.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return joined.toString();
  }

  private static String pathSegment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void requireNonBlank(String value, String name) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return "MockConnector[" + (offline ? "offline" : config.apiBaseUri()) + "]";
  }
}
