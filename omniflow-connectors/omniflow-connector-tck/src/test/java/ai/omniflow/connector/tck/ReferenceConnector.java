package ai.omniflow.connector.tck;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small, honest connector that the kit's own tests run the kit against, so that they can show the
 * kit passes it and fails its broken variants. It speaks form-encoded bodies everywhere, which
 * keeps it free of a JSON library; it is not a template for real connectors (see
 * examples/custom-connector for that).
 */
final class ReferenceConnector implements Connector {
  static final String SIGNATURE_HEADER = "X-Reference-Signature";

  static final class Factory implements ConnectorFactory {
    @Override
    public String providerId() {
      return "reference";
    }

    @Override
    public String displayName() {
      return "Reference (kit self-test)";
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of(Capability.values());
    }

    @Override
    public AuthMethod authMethod() {
      return AuthMethod.OAUTH;
    }

    @Override
    public Connector create(ConnectorConfig config) {
      return new ReferenceConnector(config);
    }
  }

  private final ConnectorConfig config;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ReferenceConnector(ConnectorConfig config) {
    this.config = config;
  }

  @Override
  public String providerId() {
    return "reference";
  }

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    return config
        .apiBaseUri()
        .resolve(
            "oauth/authorize?"
                + form(
                    Map.of(
                        "response_type", "code",
                        "client_id", config.appId(),
                        "redirect_uri", request.redirectUri().toString(),
                        "state", request.state(),
                        "scope", request.scopeParameter(),
                        "code_challenge", request.codeChallenge(),
                        "code_challenge_method", "S256")));
  }

  @Override
  public TokenSet exchangeCode(String code, String codeVerifier, URI redirectUri) {
    return tokens(
        Map.of(
            "grant_type",
            "authorization_code",
            "code",
            code,
            "code_verifier",
            codeVerifier,
            "redirect_uri",
            redirectUri.toString(),
            "client_id",
            config.appId(),
            "client_secret",
            config.appSecret()));
  }

  @Override
  public TokenSet refresh(String refreshToken) {
    return tokens(
        Map.of(
            "grant_type",
            "refresh_token",
            "refresh_token",
            refreshToken,
            "client_id",
            config.appId(),
            "client_secret",
            config.appSecret()));
  }

  private TokenSet tokens(Map<String, String> params) {
    HttpResponse<String> response = post("oauth/token", params, null);
    if (response.statusCode() == 400 || response.statusCode() == 401) {
      throw new ConnectorException(FailureKind.AUTH_EXPIRED, "grant rejected");
    }
    check(response);
    Map<String, String> body = parseForm(response.body());
    try {
      return new TokenSet(
          body.get("access_token"),
          body.get("refresh_token"),
          config.clock().instant().plusSeconds(Long.parseLong(body.get("expires_in"))),
          List.of(body.getOrDefault("scope", "").split(" ")).stream()
              .filter(s -> !s.isBlank())
              .toList(),
          List.of(
              new ConnectedAccount(body.get("account_id"), body.get("account_name"), List.of())));
    } catch (RuntimeException e) {
      throw new ConnectorException(FailureKind.MALFORMED_PAYLOAD, "token answer incomplete");
    }
  }

  @Override
  public void revoke(String token) {
    check(post("oauth/revoke", Map.of("token", token), null));
  }

  @Override
  public Optional<String> verifyHandshake(Map<String, String> query) {
    String expected = config.webhookVerifyToken();
    String given = query.get("hub.verify_token");
    if (expected == null
        || given == null
        || !"subscribe".equals(query.get("hub.mode"))
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return Optional.ofNullable(query.get("hub.challenge"));
  }

  @Override
  public void verifySignature(WebhookRequest request) {
    String given =
        request
            .header(SIGNATURE_HEADER)
            .orElseThrow(
                () -> new ConnectorException(FailureKind.SIGNATURE_INVALID, "no signature"));
    byte[] expected = sign(request.rawBody(), config.appSecret()).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      throw new ConnectorException(FailureKind.SIGNATURE_INVALID, "signature does not match");
    }
  }

  static String sign(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<InboundEvent> parse(WebhookRequest request) {
    try {
      Map<String, String> f = parseForm(new String(request.rawBody(), StandardCharsets.UTF_8));
      String account = f.get("account");
      Instant at = Instant.parse(f.get("at"));
      String id = f.get("id");
      String key = f.get("kind") + ":" + id;
      Referral referral = new Referral(f.get("campaign"), f.get("ad"), f.get("post"));
      InboundEvent event =
          switch (f.get("kind")) {
            case "message" ->
                new InboundEvent.Message(
                    key,
                    account,
                    Channel.SMS,
                    id,
                    Sender.ofHandle(f.get("from")),
                    f.get("text"),
                    at,
                    referral);
            case "comment" ->
                new InboundEvent.Comment(
                    key,
                    account,
                    Channel.FACEBOOK_COMMENT,
                    id,
                    null,
                    Sender.ofHandle(f.get("from")),
                    f.get("text"),
                    at,
                    referral);
            case "lead" -> {
              Map<String, String> fields = new LinkedHashMap<>();
              f.forEach(
                  (k, v) -> {
                    if (k.startsWith("field.")) {
                      fields.put(k.substring(6), v);
                    }
                  });
              yield new InboundEvent.LeadForm(
                  key,
                  account,
                  id,
                  f.get("form"),
                  new Sender(null, fields.get("name"), fields.get("phone"), null),
                  fields,
                  at,
                  referral);
            }
            case "status" ->
                new InboundEvent.DeliveryUpdate(
                    key + ":" + f.get("status"),
                    account,
                    Channel.SMS,
                    id,
                    DeliveryStatus.valueOf(f.get("status").toUpperCase(java.util.Locale.ROOT)),
                    null,
                    at);
            default -> throw new IllegalArgumentException("unknown kind");
          };
      return List.of(event);
    } catch (RuntimeException e) {
      throw new ConnectorException(FailureKind.MALFORMED_PAYLOAD, "unreadable webhook body");
    }
  }

  @Override
  public SendResult send(OutboundMessage message, String accessToken) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("from", message.externalAccountId());
    params.put("to", message.recipient());
    if (message.content() instanceof OutboundMessage.Text text) {
      params.put("text", text.body());
    } else if (message.content() instanceof OutboundMessage.Template template) {
      params.put("template", template.name());
      params.put("language", template.language());
      params.put("params", String.join("|", template.parameters()));
    }
    HttpResponse<String> response = post("messages", params, accessToken);
    check(response);
    String id = parseForm(response.body()).get("id");
    if (id == null || id.isBlank()) {
      throw new ConnectorException(FailureKind.MALFORMED_PAYLOAD, "no message id in answer");
    }
    return new SendResult(id);
  }

  @Override
  public HealthReport probe(String externalAccountId, String accessToken) {
    Instant now = config.clock().instant();
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(config.apiBaseUri().resolve("accounts/" + externalAccountId))
                  .header("Authorization", "Bearer " + accessToken)
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return switch (response.statusCode()) {
        case 200 -> new HealthReport(HealthStatus.HEALTHY, "ok", now);
        case 401 -> new HealthReport(HealthStatus.NEEDS_REAUTH, "token rejected (401)", now);
        case 404 -> new HealthReport(HealthStatus.DISCONNECTED, "account gone (404)", now);
        default ->
            new HealthReport(
                HealthStatus.DEGRADED, "platform answered " + response.statusCode(), now);
      };
    } catch (IOException e) {
      return new HealthReport(HealthStatus.DEGRADED, "platform unreachable", now);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new HealthReport(HealthStatus.DEGRADED, "interrupted", now);
    }
  }

  private HttpResponse<String> post(String path, Map<String, String> params, String bearer) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(config.apiBaseUri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(params)));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConnectorException(FailureKind.TRANSIENT, "platform unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException(FailureKind.TRANSIENT, "interrupted", e);
    }
  }

  private static void check(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status / 100 == 2) {
      return;
    }
    String error = parseForm(response.body()).getOrDefault("error", "");
    if (status == 401) {
      throw new ConnectorException(FailureKind.AUTH_EXPIRED, "token rejected (401)");
    }
    if (status == 429) {
      Duration retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .map(s -> Duration.ofSeconds(Long.parseLong(s.trim())))
              .orElse(null);
      throw ConnectorException.rateLimited("rate limited (429)", retryAfter);
    }
    if (status >= 500) {
      throw new ConnectorException(FailureKind.TRANSIENT, "platform error (" + status + ")");
    }
    if (error.equals("invalid_recipient")) {
      throw new ConnectorException(FailureKind.INVALID_RECIPIENT, "recipient unknown");
    }
    if (error.equals("window_closed")) {
      throw new ConnectorException(FailureKind.POLICY_WINDOW_CLOSED, "window closed");
    }
    throw new ConnectorException(FailureKind.PERMANENT, "platform refused (" + status + ")");
  }

  static String form(Map<String, String> params) {
    StringJoiner joined = new StringJoiner("&");
    params.forEach(
        (k, v) ->
            joined.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return joined.toString();
  }

  static Map<String, String> parseForm(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    Arrays.stream(body.trim().split("&"))
        .filter(pair -> pair.contains("="))
        .forEach(
            pair -> {
              int eq = pair.indexOf('=');
              params.put(
                  URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                  URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            });
    return params;
  }
}
