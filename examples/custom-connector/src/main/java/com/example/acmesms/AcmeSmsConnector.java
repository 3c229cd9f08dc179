package com.example.acmesms;

import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Speaks to Acme SMS (see the package doc). Holds no per-account state: each call gets the
 * account's API key. Thread-safe: {@link HttpClient} is, and nothing else changes.
 *
 * <p>Three rules every connector follows, marked below: failures become {@link ConnectorException}
 * with the right {@link FailureKind}; no key or secret goes into an exception message (we say what
 * failed and the platform's error code, never its free text, which can echo our input); time comes
 * from the config's clock.
 */
final class AcmeSmsConnector implements Connector {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ConnectorConfig config;
  private final HttpClient http;

  AcmeSmsConnector(ConnectorConfig config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String providerId() {
    return "acme-sms";
  }

  // ---------------------------------------------------------------- auth: API keys, not OAuth

  @Override
  public TokenSet connectWithApiKey(String apiKey) {
    HttpResponse<String> response = call(get("v2/me", apiKey), "key check");
    if (response.statusCode() != 200) {
      throw failure(response, "key check");
    }
    Map<String, String> me = parseForm(response.body());
    String numberId = me.get("number_id");
    if (numberId == null || numberId.isBlank()) {
      throw new ConnectorException(FailureKind.MALFORMED_PAYLOAD, "acme v2/me named no number");
    }
    String name = me.getOrDefault("label", me.getOrDefault("phone", numberId));
    // The key is the access token; it does not expire and cannot be refreshed.
    return new TokenSet(
        apiKey, null, null, List.of(), List.of(new ConnectedAccount(numberId, name, List.of())));
  }

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    throw new UnsupportedOperationException("acme-sms uses API keys, not OAuth");
  }

  @Override
  public TokenSet exchangeCode(String code, String codeVerifier, URI redirectUri) {
    throw new UnsupportedOperationException("acme-sms uses API keys, not OAuth");
  }

  @Override
  public TokenSet refresh(String refreshToken) {
    throw new UnsupportedOperationException("acme-sms uses API keys, not OAuth");
  }

  @Override
  public void revoke(String token) {
    throw new UnsupportedOperationException("acme-sms keys are revoked in Acme's dashboard");
  }

  // ---------------------------------------------------------------- webhooks

  /** Acme has no subscription handshake. */
  @Override
  public Optional<String> verifyHandshake(Map<String, String> queryParams) {
    return Optional.empty();
  }

  @Override
  public void verifySignature(WebhookRequest request) {
    String header =
        request
            .header(AcmeWebhookSignature.HEADER)
            .orElseThrow(
                () ->
                    new ConnectorException(
                        FailureKind.SIGNATURE_INVALID, "acme webhook without a signature"));
    // Over the raw bytes, in constant time, and not too old: a replayed capture is refused.
    if (!AcmeWebhookSignature.verify(
        request.rawBody(), config.appSecret(), header, config.clock().instant())) {
      throw new ConnectorException(
          FailureKind.SIGNATURE_INVALID, "acme webhook signature does not match or is stale");
    }
  }

  @Override
  public List<InboundEvent> parse(WebhookRequest request) {
    try {
      Map<String, String> f = parseForm(new String(request.rawBody(), StandardCharsets.UTF_8));
      String type = required(f, "type");
      // Acme's event id is the same on every redelivery: the ideal dedupe key.
      String key = required(f, "event_id");
      String number = required(f, "number_id");
      Instant created = Instant.parse(required(f, "created"));
      return switch (type) {
        case "message.received" ->
            List.of(
                new InboundEvent.Message(
                    key,
                    number,
                    Channel.SMS,
                    required(f, "message_id"),
                    new Sender(required(f, "from"), null, f.get("from"), null),
                    f.getOrDefault("body", ""),
                    created,
                    Referral.NONE));
        case "message.status" ->
            List.of(
                new InboundEvent.DeliveryUpdate(
                    key,
                    number,
                    Channel.SMS,
                    required(f, "message_id"),
                    DeliveryStatus.valueOf(required(f, "status").toUpperCase(Locale.ROOT)),
                    f.get("error_code"),
                    created));
        default -> List.of(); // e.g. number.updated: nothing for OmniFlow
      };
    } catch (RuntimeException e) {
      throw new ConnectorException(
          FailureKind.MALFORMED_PAYLOAD,
          "acme webhook body unreadable (" + e.getClass().getSimpleName() + ")");
    }
  }

  // ---------------------------------------------------------------- outbound

  @Override
  public SendResult send(OutboundMessage message, String accessToken) {
    if (!(message.content() instanceof OutboundMessage.Text text)) {
      throw new UnsupportedOperationException(
          "acme-sms does not declare " + Capability.TEMPLATES + "; send text");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("from", message.externalAccountId());
    form.put("to", message.recipient());
    form.put("body", text.body());
    HttpRequest request =
        HttpRequest.newBuilder(config.apiBaseUri().resolve("v2/messages"))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + accessToken)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)))
            .build();
    HttpResponse<String> response = call(request, "send");
    if (response.statusCode() / 100 != 2) {
      throw failure(response, "send");
    }
    String id = parseForm(response.body()).get("message_id");
    if (id == null || id.isBlank()) {
      throw new ConnectorException(FailureKind.MALFORMED_PAYLOAD, "acme send answer has no id");
    }
    return new SendResult(id);
  }

  // ---------------------------------------------------------------- health

  @Override
  public HealthReport probe(String externalAccountId, String accessToken) {
    Instant now = config.clock().instant();
    HttpResponse<String> response;
    try {
      response = call(get("v2/numbers/" + segment(externalAccountId), accessToken), "probe");
    } catch (ConnectorException unreachable) {
      return new HealthReport(HealthStatus.DEGRADED, "acme unreachable", now);
    }
    return switch (response.statusCode()) {
      case 200 ->
          "suspended".equals(parseForm(response.body()).get("status"))
              ? new HealthReport(HealthStatus.DEGRADED, "acme number suspended", now)
              : new HealthReport(HealthStatus.HEALTHY, "acme number active", now);
      case 401, 403 -> new HealthReport(HealthStatus.NEEDS_REAUTH, "acme rejected the key", now);
      case 404, 410 -> new HealthReport(HealthStatus.DISCONNECTED, "acme number released", now);
      default ->
          new HealthReport(HealthStatus.DEGRADED, "acme answered " + response.statusCode(), now);
    };
  }

  // ---------------------------------------------------------------- HTTP and errors

  private HttpRequest get(String path, String apiKey) {
    return HttpRequest.newBuilder(config.apiBaseUri().resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + apiKey)
        .GET()
        .build();
  }

  private HttpResponse<String> call(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // I/O failures are worth retrying; the cause's message is left out on purpose.
      throw new ConnectorException(FailureKind.TRANSIENT, "acme unreachable during " + what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException(FailureKind.TRANSIENT, "acme " + what + " interrupted");
    }
  }

  private static ConnectorException failure(HttpResponse<String> response, String what) {
    int status = response.statusCode();
    String error = parseForm(response.body()).getOrDefault("error", "");
    String code = error.matches("[a-z_]{1,40}") ? error : "no_code";
    String message = "acme refused " + what + " (" + status + " " + code + ")";
    if (status == 401 || status == 403) {
      return new ConnectorException(FailureKind.AUTH_EXPIRED, message);
    }
    if (status == 429) {
      return ConnectorException.rateLimited(message, retryAfter(response));
    }
    if (status >= 500) {
      return new ConnectorException(FailureKind.TRANSIENT, message);
    }
    if (code.equals("invalid_number") || code.equals("opted_out")) {
      return new ConnectorException(FailureKind.INVALID_RECIPIENT, message);
    }
    return new ConnectorException(FailureKind.PERMANENT, message);
  }

  private static @Nullable Duration retryAfter(HttpResponse<String> response) {
    try {
      return response
          .headers()
          .firstValue("Retry-After")
          .map(s -> Duration.ofSeconds(Long.parseLong(s.trim())))
          .orElse(null);
    } catch (NumberFormatException notSeconds) {
      return null; // Acme always sends seconds; anything else means "unknown"
    }
  }

  private static String required(Map<String, String> form, String name) {
    String value = form.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value;
  }

  private static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
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
    for (String pair : body.trim().split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      try {
        params.putIfAbsent(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEscape) {
        // skip the pair; required fields are checked where they are needed
      }
    }
    return params;
  }

  @Override
  public String toString() {
    return "AcmeSmsConnector[" + config.apiBaseUri() + "]";
  }
}
