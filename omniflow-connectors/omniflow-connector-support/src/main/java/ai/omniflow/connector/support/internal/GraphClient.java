package ai.omniflow.connector.support.internal;

import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import ai.omniflow.connector.spi.SendResult;
import ai.omniflow.connector.spi.WebhookRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The Graph API core that the Meta and WhatsApp connectors share: the bounded {@link JsonHttp}
 * client, {@code appsecret_proof} on every user-token call, Graph error payloads, the webhook
 * handshake and {@code X-Hub-Signature-256}, and the health probe's verdict on a refusal. How each
 * platform classifies its error codes stays in its connector. Thread-safe.
 */
public final class GraphClient {
  /** The header Graph puts business-use-case throttling in; kept on every answer. */
  public static final String USAGE_HEADER = "X-Business-Use-Case-Usage";

  /** Graph's code for an expired or revoked access token. */
  public static final int TOKEN_INVALID = 190;

  /** The most permissions read from a {@code debug_token} answer. */
  public static final int MAX_SCOPES = 100;

  private static final Pattern SCOPE = Pattern.compile("[a-z_]{1,64}");
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  private final String provider;
  private final ConnectorConfig config;
  private final Failures failures;
  private final HttpUrl base;
  private final JsonHttp http;

  /**
   * A client for {@code provider} (lower-case, named in every message) on {@code config}'s API base
   * URI and app secret.
   *
   * @throws IllegalArgumentException if a timeout or attempts setting is out of range
   */
  public GraphClient(String provider, ConnectorConfig config, Failures failures) {
    this.provider = provider;
    this.config = config;
    this.failures = failures;
    this.base = HttpUrl.get(config.apiBaseUri().toString());
    this.http = new JsonHttp(provider, config, failures, USAGE_HEADER);
  }

  /** The API base, to add path segments to. */
  public HttpUrl.Builder url() {
    return base.newBuilder();
  }

  /** The API's host, for {@code toString()}. */
  public String host() {
    return base.host();
  }

  /** Calls once: sends and single-use exchanges. */
  public JsonHttp.Answer once(Request request, String what) {
    return http.once(request, what);
  }

  /** Calls with retries: reads and other idempotent calls. */
  public JsonHttp.Answer idempotent(Request request, String what) {
    return http.idempotent(request, what);
  }

  /** The answer as a JSON object, else {@code malformed_payload}. */
  public JsonNode readObject(JsonHttp.Answer answer, String what) {
    return http.readObject(answer, what);
  }

  /** The result of a send whose answer named {@code id}, else {@code malformed_payload}. */
  public SendResult sent(String id) {
    return http.sent(id, "message id");
  }

  /**
   * {@code appsecret_proof}: the hex HMAC-SHA256 of the token keyed with the app secret, which
   * Graph asks on every call made with a user or page token.
   */
  public String proof(String accessToken) {
    return HexFormat.of()
        .formatHex(
            HubSignature.hmac(accessToken.getBytes(StandardCharsets.UTF_8), config.appSecret()));
  }

  /** The app access token {@code appId|appSecret}, for {@code debug_token}. */
  public String appToken() {
    return config.appId() + "|" + config.appSecret();
  }

  /** A GET with a bearer token. */
  public static Request get(HttpUrl url, String bearer) {
    return new Request.Builder().url(url).header("Authorization", "Bearer " + bearer).get().build();
  }

  /** A POST of a JSON body with a bearer token. */
  public static Request post(HttpUrl url, String json, String bearer) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + bearer)
        .post(RequestBody.create(json, JSON_TYPE))
        .build();
  }

  /**
   * The permissions a {@code debug_token} answer's {@code data.scopes} grants: names of 1 to 64
   * lower-case letters and underscores, each once, at most {@link #MAX_SCOPES}; anything else is
   * skipped.
   */
  public static List<String> scopes(JsonNode debugData) {
    Set<String> scopes = new LinkedHashSet<>();
    for (JsonNode scope : debugData.path("scopes")) {
      String name = scope.asText("");
      if (scopes.size() < MAX_SCOPES && SCOPE.matcher(name).matches()) {
        scopes.add(name);
      }
    }
    return List.copyOf(scopes);
  }

  // ---------------------------------------------------------------- webhooks

  /**
   * The {@code GET} subscription handshake: the challenge when {@code hub.mode} is {@code
   * subscribe}, the challenge is 1 to {@link Bounds#MAX_ID} characters and {@code hub.verify_token}
   * equals the config's verify token (compared in constant time); else empty.
   */
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

  /**
   * Checks {@link HubSignature#HEADER} over the raw body with the app secret.
   *
   * @throws ConnectorException {@code signature_invalid} when the header is missing or does not
   *     match
   */
  public void verifySignature(WebhookRequest request) {
    String header = request.header(HubSignature.HEADER).orElse(null);
    if (header == null) {
      throw signatureInvalid(provider + " webhook has no " + HubSignature.HEADER + " header");
    }
    if (!HubSignature.matches(request.rawBody(), config.appSecret(), header)) {
      throw signatureInvalid(provider + " webhook signature does not match its body");
    }
  }

  private ConnectorException signatureInvalid(String message) {
    return failures.of(FailureKind.SIGNATURE_INVALID, "signature_invalid", null, message);
  }

  // ---------------------------------------------------------------- health

  /**
   * A health probe: an idempotent GET of {@code url} with the token. An answer that does not come
   * (I/O, too large) is {@code DEGRADED} with the failure's message, a refusal is {@link
   * #refusedProbe}, and a success is what {@code answered} makes of it. Never throws for answers.
   */
  public HealthReport probe(
      HttpUrl url,
      String accessToken,
      Instant now,
      Function<JsonHttp.Answer, HealthReport> answered) {
    JsonHttp.Answer answer;
    try {
      answer = http.idempotent(get(url, accessToken), "probe");
    } catch (ConnectorException e) {
      return new HealthReport(HealthStatus.DEGRADED, e.getMessage(), now);
    }
    return answer.successful() ? answered.apply(answer) : refusedProbe(answer, now);
  }

  /**
   * What a probe's refusal says about the account: {@code NEEDS_REAUTH} for HTTP 401 or Graph error
   * 190, {@code DISCONNECTED} for HTTP 404 or Graph error 100/33 (no such object), else {@code
   * DEGRADED}. The detail names codes only.
   */
  public HealthReport refusedProbe(JsonHttp.Answer answer, Instant now) {
    GraphError error = GraphError.of(answer);
    String said = provider + " answered " + answer.code() + error.describe();
    if (answer.code() == 401 || error.code() == TOKEN_INVALID) {
      return new HealthReport(HealthStatus.NEEDS_REAUTH, said, now);
    }
    if (answer.code() == 404 || (error.code() == 100 && error.subcode() == 33)) {
      return new HealthReport(HealthStatus.DISCONNECTED, said, now);
    }
    return new HealthReport(HealthStatus.DEGRADED, said, now);
  }

  /** Shows the provider and the API's host; never a secret. */
  @Override
  public String toString() {
    return "GraphClient[" + provider + ", api=" + base.host() + "]";
  }
}
