package ai.omniflow.connector.whatsapp;

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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/** The WhatsApp Cloud API connector; see the package doc. Thread-safe. */
final class WhatsAppConnector implements Connector {
  /** How long after the customer's last message free text may be sent. */
  static final Duration CUSTOMER_SERVICE_WINDOW = Duration.ofHours(24);

  /** WhatsApp's longest text body, in characters. */
  static final int MAX_WHATSAPP_TEXT = 4096;

  /** How many idempotency keys are remembered; older ones may be delivered again. */
  static final int REMEMBERED_KEYS = 10_000;

  /** The Graph API's throttling codes: application, account, business-use-case and pair limits. */
  static final Set<Integer> THROTTLING = Set.of(4, 17, 32, 613, 80007, 130429, 131048, 131056);

  private static final Set<Integer> INVALID_RECIPIENT = Set.of(131021, 131026, 131030);
  private static final Set<Integer> TRANSIENT = Set.of(1, 2, 131000, 131016);
  private static final int TOKEN_INVALID = 190;
  private static final int RE_ENGAGEMENT = 131047;
  private static final int MAX_WABAS = 20;
  private static final Duration DEFAULT_THROTTLE_WAIT = Duration.ofSeconds(60);
  private static final Duration PAIR_RATE_WAIT = Duration.ofSeconds(6);
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  private final ConnectorConfig config;
  private final HttpUrl base;
  private final GraphHttp http;
  private final ObjectMapper json = new ObjectMapper();
  private final WhatsAppWebhookParser parser = new WhatsAppWebhookParser();
  // Graph has no idempotency key for sends: a repeat with a key gets the first send's result, and
  // the cache's per-key computation makes concurrent repeats wait for the first.
  private final Cache<String, SendResult> sentByKey =
      Caffeine.newBuilder().maximumSize(REMEMBERED_KEYS).build();

  WhatsAppConnector(ConnectorConfig config) {
    this.config = config;
    HttpUrl parsed = HttpUrl.get(config.apiBaseUri().toString());
    this.base = parsed;
    this.http = new GraphHttp(config);
  }

  @Override
  public String providerId() {
    return WhatsAppConnectorFactory.PROVIDER_ID;
  }

  // ---------------------------------------------------------------- auth: system-user tokens

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    throw oauthUnsupported();
  }

  @Override
  public TokenSet exchangeCode(String code, String codeVerifier, URI redirectUri) {
    throw oauthUnsupported();
  }

  @Override
  public TokenSet refresh(String refreshToken) {
    throw oauthUnsupported();
  }

  @Override
  public void revoke(String token) {
    throw oauthUnsupported();
  }

  private static UnsupportedOperationException oauthUnsupported() {
    return new UnsupportedOperationException(
        "whatsapp connects with a system-user access token (connectWithApiKey), not OAuth");
  }

  /**
   * Checks a system-user access token with {@code debug_token} and names every phone number of the
   * WhatsApp Business Accounts it was granted.
   */
  @Override
  public TokenSet connectWithApiKey(String apiKey) {
    requireToken(apiKey, "apiKey");
    HttpUrl debug =
        base.newBuilder()
            .addPathSegment("debug_token")
            .addQueryParameter("input_token", apiKey)
            .build();
    GraphHttp.Answer answer =
        http.idempotent(
            get(debug, config.appId() + "|" + config.appSecret()), "checking the token");
    if (!answer.successful()) {
      throw failure(answer, "checking the token");
    }
    JsonNode data = readJson(answer, "checking the token").path("data");
    if (!data.path("is_valid").asBoolean(false)) {
      throw WhatsAppException.of(
          FailureKind.AUTH_EXPIRED,
          WhatsAppException.AUTH_EXPIRED,
          null,
          "whatsapp says the token is not valid");
    }
    List<String> scopes = new ArrayList<>();
    List<String> wabas = new ArrayList<>();
    for (JsonNode scope : data.path("scopes")) {
      String name = scope.asText("");
      if (name.matches("[a-z_]{1,64}") && !scopes.contains(name)) {
        scopes.add(name);
      }
    }
    for (JsonNode granular : data.path("granular_scopes")) {
      if (!granular.path("scope").asText("").startsWith("whatsapp_business_")) {
        continue;
      }
      for (JsonNode target : granular.path("target_ids")) {
        String id = target.asText("");
        if (id.matches("[0-9]{1,64}") && !wabas.contains(id) && wabas.size() < MAX_WABAS) {
          wabas.add(id);
        }
      }
    }
    List<ConnectedAccount> accounts = new ArrayList<>();
    for (String waba : wabas) {
      HttpUrl numbers =
          base.newBuilder()
              .addPathSegment(waba)
              .addPathSegment("phone_numbers")
              .addQueryParameter("fields", "id,display_phone_number,verified_name")
              .addQueryParameter("appsecret_proof", proof(apiKey))
              .build();
      GraphHttp.Answer listed = http.idempotent(get(numbers, apiKey), "listing phone numbers");
      if (!listed.successful()) {
        throw failure(listed, "listing phone numbers");
      }
      for (JsonNode number : readJson(listed, "listing phone numbers").path("data")) {
        String id = number.path("id").asText("");
        if (id.isBlank() || id.length() > Bounds.MAX_ID) {
          continue;
        }
        String name = number.path("verified_name").asText("");
        String display = number.path("display_phone_number").asText("");
        String shown = (name + " " + display).trim();
        accounts.add(
            new ConnectedAccount(
                id, shown.isEmpty() ? id : cut(shown, Bounds.MAX_ID), List.copyOf(scopes)));
      }
    }
    Instant expiresAt = null;
    long expires = data.path("expires_at").asLong(0);
    if (expires > 0) {
      expiresAt = Instant.ofEpochSecond(expires);
    }
    return new TokenSet(apiKey, null, expiresAt, scopes, accounts);
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
        || challenge.isEmpty()
        || challenge.length() > Bounds.MAX_ID
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
    String header = request.header(HubSignature.HEADER).orElse(null);
    if (header == null) {
      throw signatureInvalid("whatsapp webhook has no " + HubSignature.HEADER + " header");
    }
    if (!HubSignature.matches(request.rawBody(), config.appSecret(), header)) {
      throw signatureInvalid("whatsapp webhook signature does not match its body");
    }
  }

  private static WhatsAppException signatureInvalid(String message) {
    return WhatsAppException.of(FailureKind.SIGNATURE_INVALID, "signature_invalid", null, message);
  }

  @Override
  public List<InboundEvent> parse(WebhookRequest request) {
    return parser.parse(request.rawBody());
  }

  // ---------------------------------------------------------------- outbound

  /**
   * Sends text or an approved template from the phone number {@link
   * OutboundMessage#externalAccountId()}. Free text to a recipient whose {@link
   * OutboundMessage#lastInboundAt()} is more than 24 hours before the clock's now is refused with
   * {@link WhatsAppException#WINDOW_CLOSED} before any HTTP call.
   */
  @Override
  public SendResult send(OutboundMessage message, String accessToken) {
    requireToken(accessToken, "accessToken");
    Bounds.id(message.externalAccountId(), "externalAccountId");
    Bounds.id(message.recipient(), "recipient");
    ObjectNode body = body(message);
    String key = message.idempotencyKey();
    if (key == null) {
      return deliver(message.externalAccountId(), body, accessToken);
    }
    return sentByKey.get(key, k -> deliver(message.externalAccountId(), body, accessToken));
  }

  private ObjectNode body(OutboundMessage message) {
    ObjectNode body = json.createObjectNode();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    body.put("to", message.recipient());
    if (message.content() instanceof OutboundMessage.Text text) {
      Instant lastInbound = message.lastInboundAt();
      if (lastInbound != null
          && config.clock().instant().isAfter(lastInbound.plus(CUSTOMER_SERVICE_WINDOW))) {
        throw WhatsAppException.of(
            FailureKind.POLICY_WINDOW_CLOSED,
            WhatsAppException.WINDOW_CLOSED,
            null,
            "whatsapp's 24-hour customer-service window is closed; only a template may be sent");
      }
      if (text.body().length() > MAX_WHATSAPP_TEXT) {
        throw WhatsAppException.of(
            FailureKind.PERMANENT,
            WhatsAppException.TEXT_TOO_LONG,
            null,
            "whatsapp text must be at most " + MAX_WHATSAPP_TEXT + " characters");
      }
      body.put("type", "text");
      ObjectNode t = body.putObject("text");
      t.put("preview_url", false);
      t.put("body", text.body());
    } else if (message.content() instanceof OutboundMessage.Template template) {
      Bounds.id(template.name(), "template name");
      Bounds.id(template.language(), "template language");
      if (template.parameters().size() > Bounds.MAX_PARAMETERS) {
        throw new IllegalArgumentException(
            "a template takes at most " + Bounds.MAX_PARAMETERS + " parameters");
      }
      body.put("type", "template");
      ObjectNode t = body.putObject("template");
      t.put("name", template.name());
      t.putObject("language").put("code", template.language());
      if (!template.parameters().isEmpty()) {
        ArrayNode parameters =
            t.putArray("components").addObject().put("type", "body").putArray("parameters");
        for (String parameter : template.parameters()) {
          if (parameter.length() > Bounds.MAX_TEXT) {
            throw new IllegalArgumentException(
                "a template parameter must be at most " + Bounds.MAX_TEXT + " characters");
          }
          parameters.addObject().put("type", "text").put("text", parameter);
        }
      }
    }
    return body;
  }

  private SendResult deliver(String phoneNumberId, ObjectNode body, String accessToken) {
    HttpUrl url =
        base.newBuilder()
            .addPathSegment(phoneNumberId)
            .addPathSegment("messages")
            .addQueryParameter("appsecret_proof", proof(accessToken))
            .build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + accessToken)
            .post(RequestBody.create(body.toString(), JSON_TYPE))
            .build();
    GraphHttp.Answer answer = http.once(request, "send");
    if (!answer.successful()) {
      throw failure(answer, "send");
    }
    String id = readJson(answer, "send").path("messages").path(0).path("id").asText("");
    if (id.isBlank() || id.length() > Bounds.MAX_ID) {
      throw WhatsAppException.of(
          FailureKind.MALFORMED_PAYLOAD,
          "malformed_payload",
          null,
          "whatsapp's send answer names no message id");
    }
    return new SendResult(id);
  }

  // ---------------------------------------------------------------- health

  /** Reads the phone number object: a cheap authenticated GET. Never throws for answers. */
  @Override
  public HealthReport probe(String externalAccountId, String accessToken) {
    Bounds.id(externalAccountId, "externalAccountId");
    requireToken(accessToken, "accessToken");
    Instant now = config.clock().instant();
    HttpUrl url =
        base.newBuilder()
            .addPathSegment(externalAccountId)
            .addQueryParameter("fields", "id,display_phone_number,verified_name,quality_rating")
            .addQueryParameter("appsecret_proof", proof(accessToken))
            .build();
    GraphHttp.Answer answer;
    try {
      answer = http.idempotent(get(url, accessToken), "probe");
    } catch (ConnectorException e) {
      return new HealthReport(HealthStatus.DEGRADED, e.getMessage(), now);
    }
    if (answer.successful()) {
      String quality = qualityRating(answer);
      return "RED".equals(quality)
          ? new HealthReport(HealthStatus.DEGRADED, "whatsapp number quality rating is RED", now)
          : new HealthReport(HealthStatus.HEALTHY, "whatsapp number answers", now);
    }
    GraphError error = GraphError.of(answer, json);
    String said = "whatsapp answered " + answer.code() + error.describe();
    if (answer.code() == 401 || error.code() == TOKEN_INVALID) {
      return new HealthReport(HealthStatus.NEEDS_REAUTH, said, now);
    }
    if (answer.code() == 404 || (error.code() == 100 && error.subcode() == 33)) {
      return new HealthReport(HealthStatus.DISCONNECTED, said, now);
    }
    return new HealthReport(HealthStatus.DEGRADED, said, now);
  }

  private String qualityRating(GraphHttp.Answer answer) {
    try {
      return json.readTree(answer.body()).path("quality_rating").asText("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  // ---------------------------------------------------------------- failures

  /** The Graph API's error, classified; the message names codes, never the platform's text. */
  private WhatsAppException failure(GraphHttp.Answer answer, String what) {
    GraphError error = GraphError.of(answer, json);
    int code = error.code();
    String message =
        "whatsapp refused " + what + " (HTTP " + answer.code() + error.describe() + ")";
    Integer graphCode = code < 0 ? null : code;
    if (code == TOKEN_INVALID || (answer.code() == 401 && code < 0)) {
      return WhatsAppException.of(
          FailureKind.AUTH_EXPIRED, WhatsAppException.AUTH_EXPIRED, graphCode, message);
    }
    if (THROTTLING.contains(code) || answer.code() == 429) {
      Duration wait =
          answer.retryAfter().orElse(code == 131056 ? PAIR_RATE_WAIT : DEFAULT_THROTTLE_WAIT);
      return WhatsAppException.rateLimited(graphCode, message, wait);
    }
    if (code == RE_ENGAGEMENT) {
      return WhatsAppException.of(
          FailureKind.POLICY_WINDOW_CLOSED, WhatsAppException.WINDOW_CLOSED, graphCode, message);
    }
    if (INVALID_RECIPIENT.contains(code)) {
      return WhatsAppException.of(
          FailureKind.INVALID_RECIPIENT, WhatsAppException.INVALID_RECIPIENT, graphCode, message);
    }
    if (answer.code() == 401) {
      return WhatsAppException.of(
          FailureKind.AUTH_EXPIRED, WhatsAppException.AUTH_EXPIRED, graphCode, message);
    }
    if (answer.code() >= 500 || TRANSIENT.contains(code)) {
      return WhatsAppException.of(FailureKind.TRANSIENT, "transient", graphCode, message);
    }
    return WhatsAppException.of(FailureKind.PERMANENT, "permanent", graphCode, message);
  }

  /** A Graph error's numeric code and subcode, or -1 where absent. */
  private record GraphError(int code, int subcode) {
    static GraphError of(GraphHttp.Answer answer, ObjectMapper json) {
      try {
        JsonNode error = json.readTree(answer.body()).path("error");
        return new GraphError(
            error.path("code").canConvertToInt() ? error.path("code").asInt(-1) : -1,
            error.path("error_subcode").canConvertToInt()
                ? error.path("error_subcode").asInt(-1)
                : -1);
      } catch (IOException | RuntimeException e) {
        return new GraphError(-1, -1);
      }
    }

    String describe() {
      if (code < 0) {
        return "";
      }
      return ", graph error " + code + (subcode < 0 ? "" : "/" + subcode);
    }
  }

  private JsonNode readJson(GraphHttp.Answer answer, String what) {
    try {
      JsonNode node = json.readTree(answer.body());
      if (node == null || !node.isObject()) {
        throw new IOException("not an object");
      }
      return node;
    } catch (IOException | RuntimeException e) {
      throw WhatsAppException.of(
          FailureKind.MALFORMED_PAYLOAD,
          "malformed_payload",
          null,
          "whatsapp's answer to " + what + " is not a JSON object");
    }
  }

  // ---------------------------------------------------------------- HTTP

  private static Request get(HttpUrl url, String bearer) {
    return new Request.Builder().url(url).header("Authorization", "Bearer " + bearer).get().build();
  }

  /** {@code appsecret_proof}: HMAC-SHA256 of the token with the app secret, as Graph asks. */
  private String proof(String accessToken) {
    return HexFormat.of()
        .formatHex(
            HubSignature.hmac(accessToken.getBytes(StandardCharsets.UTF_8), config.appSecret()));
  }

  private static void requireToken(@Nullable String token, String field) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (token.length() > 4096 || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException(field + " must be at most 4096 printable characters");
    }
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** Shows the provider and the API's host; never a secret. */
  @Override
  public String toString() {
    return "WhatsAppConnector[api=" + base.host() + "]";
  }
}
