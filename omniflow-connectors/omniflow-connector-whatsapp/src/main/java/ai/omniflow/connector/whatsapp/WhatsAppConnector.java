package ai.omniflow.connector.whatsapp;

import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.OutboundMessage;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.TokenSet;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connector.support.internal.Bounds;
import ai.omniflow.connector.support.internal.GraphClient;
import ai.omniflow.connector.support.internal.GraphError;
import ai.omniflow.connector.support.internal.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;

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
  private static final int RE_ENGAGEMENT = 131047;
  private static final int MAX_WABAS = 20;
  private static final Duration DEFAULT_THROTTLE_WAIT = Duration.ofSeconds(60);
  private static final Duration PAIR_RATE_WAIT = Duration.ofSeconds(6);

  private final ConnectorConfig config;
  private final GraphClient graph;
  private final ObjectMapper json = new ObjectMapper();
  private final WhatsAppWebhookParser parser = new WhatsAppWebhookParser();
  // Graph has no idempotency key for sends: a repeat with a key gets the first send's result, and
  // the cache's per-key computation makes concurrent repeats wait for the first.
  private final Cache<String, SendResult> sentByKey =
      Caffeine.newBuilder().maximumSize(REMEMBERED_KEYS).build();

  WhatsAppConnector(ConnectorConfig config) {
    this.config = config;
    this.graph =
        new GraphClient(WhatsAppConnectorFactory.PROVIDER_ID, config, WhatsAppException::of);
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
    Bounds.token(apiKey, "apiKey");
    HttpUrl debug =
        graph.url().addPathSegment("debug_token").addQueryParameter("input_token", apiKey).build();
    JsonHttp.Answer answer =
        graph.idempotent(GraphClient.get(debug, graph.appToken()), "checking the token");
    if (!answer.successful()) {
      throw failure(answer, "checking the token");
    }
    JsonNode data = graph.readObject(answer, "checking the token").path("data");
    if (!data.path("is_valid").asBoolean(false)) {
      throw WhatsAppException.of(
          FailureKind.AUTH_EXPIRED,
          WhatsAppException.AUTH_EXPIRED,
          null,
          "whatsapp says the token is not valid");
    }
    List<String> scopes = GraphClient.scopes(data);
    List<String> wabas = new ArrayList<>();
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
          graph
              .url()
              .addPathSegment(waba)
              .addPathSegment("phone_numbers")
              .addQueryParameter("fields", "id,display_phone_number,verified_name")
              .addQueryParameter("appsecret_proof", graph.proof(apiKey))
              .build();
      JsonHttp.Answer listed =
          graph.idempotent(GraphClient.get(numbers, apiKey), "listing phone numbers");
      if (!listed.successful()) {
        throw failure(listed, "listing phone numbers");
      }
      for (JsonNode number : graph.readObject(listed, "listing phone numbers").path("data")) {
        String id = number.path("id").asText("");
        if (accounts.size() >= Bounds.MAX_ACCOUNTS) {
          break; // the rest are not connected; core takes at most this many per grant
        }
        if (id.isBlank() || id.length() > Bounds.MAX_ID) {
          continue;
        }
        String name = number.path("verified_name").asText("");
        String display = number.path("display_phone_number").asText("");
        String shown = (name + " " + display).trim();
        accounts.add(
            new ConnectedAccount(
                id, shown.isEmpty() ? id : Bounds.cut(shown, Bounds.MAX_ID), List.copyOf(scopes)));
      }
    }
    Instant expiresAt = Bounds.epochSeconds(data.path("expires_at").asLong(0));
    return new TokenSet(apiKey, null, expiresAt, scopes, accounts);
  }

  // ---------------------------------------------------------------- webhooks

  @Override
  public Optional<String> verifyHandshake(Map<String, String> queryParams) {
    return graph.verifyHandshake(queryParams);
  }

  @Override
  public void verifySignature(WebhookRequest request) {
    graph.verifySignature(request);
  }

  @Override
  public List<InboundEvent> parse(WebhookRequest request) {
    return parser.parse(request.rawBody());
  }

  /** Parses the body (no network call) and forgets the events. */
  @Override
  public void checkWebhookShape(WebhookRequest request) {
    parser.parse(request.rawBody());
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
    Bounds.token(accessToken, "accessToken");
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
        graph
            .url()
            .addPathSegment(phoneNumberId)
            .addPathSegment("messages")
            .addQueryParameter("appsecret_proof", graph.proof(accessToken))
            .build();
    Request request = GraphClient.post(url, body.toString(), accessToken);
    JsonHttp.Answer answer = graph.once(request, "send");
    if (!answer.successful()) {
      throw failure(answer, "send");
    }
    return graph.sent(
        graph.readObject(answer, "send").path("messages").path(0).path("id").asText(""));
  }

  // ---------------------------------------------------------------- health

  /** Reads the phone number object: a cheap authenticated GET. Never throws for answers. */
  @Override
  public HealthReport probe(String externalAccountId, String accessToken) {
    Bounds.id(externalAccountId, "externalAccountId");
    Bounds.token(accessToken, "accessToken");
    Instant now = config.clock().instant();
    HttpUrl url =
        graph
            .url()
            .addPathSegment(externalAccountId)
            .addQueryParameter("fields", "id,display_phone_number,verified_name,quality_rating")
            .addQueryParameter("appsecret_proof", graph.proof(accessToken))
            .build();
    return graph.probe(
        url,
        accessToken,
        now,
        answer ->
            "RED".equals(qualityRating(answer))
                ? new HealthReport(
                    HealthStatus.DEGRADED, "whatsapp number quality rating is RED", now)
                : new HealthReport(HealthStatus.HEALTHY, "whatsapp number answers", now));
  }

  private String qualityRating(JsonHttp.Answer answer) {
    try {
      return json.readTree(answer.body()).path("quality_rating").asText("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  // ---------------------------------------------------------------- failures

  /** The Graph API's error, classified; the message names codes, never the platform's text. */
  private WhatsAppException failure(JsonHttp.Answer answer, String what) {
    GraphError error = GraphError.of(answer);
    int code = error.code();
    String message =
        "whatsapp refused " + what + " (HTTP " + answer.code() + error.describe() + ")";
    Integer graphCode = error.codeOrNull();
    if (code == GraphClient.TOKEN_INVALID || (answer.code() == 401 && code < 0)) {
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

  /** Shows the provider and the API's host; never a secret. */
  @Override
  public String toString() {
    return "WhatsAppConnector[api=" + graph.host() + "]";
  }
}
