package ai.omniflow.connector.twilio;

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
import ai.omniflow.connector.support.internal.Bounds;
import ai.omniflow.connector.support.internal.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** The Twilio SMS connector; see the package doc. Thread-safe. */
final class TwilioConnector implements Connector {
  /** Twilio's longest message body, in characters. */
  static final int MAX_TWILIO_BODY = 1600;

  /** How many idempotency keys are remembered; older ones may be delivered again. */
  static final int REMEMBERED_KEYS = 10_000;

  private static final Set<Integer> INVALID_RECIPIENT = Set.of(21211, 21408, 21612, 21614);
  private static final int AUTHENTICATE = 20003;
  private static final int TOO_MANY_REQUESTS = 20429;
  private static final int UNSUBSCRIBED = 21610;
  private static final Set<Integer> TRANSIENT = Set.of(20500, 20503);
  private static final Duration DEFAULT_RATE_WAIT = Duration.ofSeconds(5);
  private static final String API = "2010-04-01";

  private final ConnectorConfig config;
  private final HttpUrl base;
  private final JsonHttp http;
  private final TwilioWebhookParser parser;
  private final ObjectMapper json = new ObjectMapper();
  // The Messages API takes no idempotency key: a repeat with a key gets the first send's result,
  // and the cache's per-key computation makes concurrent repeats wait for the first.
  private final Cache<String, SendResult> sentByKey =
      Caffeine.newBuilder().maximumSize(REMEMBERED_KEYS).build();

  TwilioConnector(ConnectorConfig config) {
    this.config = config;
    this.base = HttpUrl.get(config.apiBaseUri().toString());
    this.http = new JsonHttp(TwilioConnectorFactory.PROVIDER_ID, config, TwilioException::of);
    this.parser = new TwilioWebhookParser(config.clock());
  }

  @Override
  public String providerId() {
    return TwilioConnectorFactory.PROVIDER_ID;
  }

  // ---------------------------------------------------------------- auth: account credentials

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
        "twilio connects with account credentials (connectWithApiKey), not OAuth");
  }

  /** Checks the credentials by listing the account's phone numbers, which become its accounts. */
  @Override
  public TokenSet connectWithApiKey(String apiKey) {
    Login login = login(apiKey);
    HttpUrl url =
        account(login)
            .addPathSegment("IncomingPhoneNumbers.json")
            .addQueryParameter("PageSize", "50")
            .build();
    JsonHttp.Answer answer = http.idempotent(get(url, login), "listing phone numbers");
    if (!answer.successful()) {
      throw failure(answer, "listing phone numbers");
    }
    List<ConnectedAccount> accounts = new ArrayList<>();
    for (JsonNode number :
        http.readObject(answer, "listing phone numbers").path("incoming_phone_numbers")) {
      if (accounts.size() >= Bounds.MAX_ACCOUNTS) {
        break; // the rest are not connected; core takes at most this many per grant
      }
      String phone = number.path("phone_number").asText("");
      if (phone.isBlank() || phone.length() > Bounds.MAX_ID) {
        continue;
      }
      String name = number.path("friendly_name").asText("");
      accounts.add(
          new ConnectedAccount(
              phone, name.isBlank() ? phone : Bounds.cut(name, Bounds.MAX_ID), List.of()));
    }
    return new TokenSet(apiKey, null, null, List.of(), accounts);
  }

  // ---------------------------------------------------------------- webhooks

  /** Twilio has no subscription handshake. */
  @Override
  public Optional<String> verifyHandshake(Map<String, String> queryParams) {
    return Optional.empty();
  }

  /**
   * Checks {@code X-Twilio-Signature} over the request's full URL and its sorted form parameters
   * with the config's auth token ({@code appSecret}). The URL is tried as given and with its
   * default port added or removed, as Twilio's own validators do.
   */
  @Override
  public void verifySignature(WebhookRequest request) {
    String header = request.header(TwilioSignature.HEADER).orElse(null);
    if (header == null) {
      throw signatureInvalid("twilio webhook has no " + TwilioSignature.HEADER + " header");
    }
    if (header.length() > 64) {
      throw signatureInvalid("twilio webhook signature is malformed");
    }
    List<Map.Entry<String, String>> params;
    try {
      params = TwilioWebhookParser.form(request.rawBody());
    } catch (TwilioException e) {
      throw signatureInvalid("twilio webhook body cannot be signed: it is not a form");
    }
    for (String url : urlVariants(request.uri())) {
      if (TwilioSignature.matches(url, params, config.appSecret(), header)) {
        return;
      }
    }
    throw signatureInvalid("twilio webhook signature does not match its URL and parameters");
  }

  private static Set<String> urlVariants(URI uri) {
    Set<String> urls = new LinkedHashSet<>();
    urls.add(uri.toString());
    String host = uri.getRawAuthority();
    if (uri.getScheme() == null || host == null || uri.getHost() == null) {
      return urls;
    }
    int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    String rest =
        (uri.getRawPath() == null ? "" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String bare =
        host.endsWith(":" + defaultPort) ? host.substring(0, host.lastIndexOf(':')) : host;
    if (uri.getPort() == defaultPort) {
      urls.add(uri.getScheme() + "://" + bare + rest);
    } else if (uri.getPort() == -1) {
      urls.add(uri.getScheme() + "://" + host + ":" + defaultPort + rest);
    }
    return urls;
  }

  private static TwilioException signatureInvalid(String message) {
    return TwilioException.of(FailureKind.SIGNATURE_INVALID, "signature_invalid", null, message);
  }

  @Override
  public List<InboundEvent> parse(WebhookRequest request) {
    return parser.parse(request);
  }

  /** Parses the form (no network call) and forgets the events. */
  @Override
  public void checkWebhookShape(WebhookRequest request) {
    parser.parse(request);
  }

  // ---------------------------------------------------------------- outbound

  /**
   * Sends an SMS from the number (or Messaging Service, {@code MG…}) {@link
   * OutboundMessage#externalAccountId()} through the Messages API, with Basic credentials made from
   * {@code accessToken}. Never retried here.
   */
  @Override
  public SendResult send(OutboundMessage message, String accessToken) {
    if (!(message.content() instanceof OutboundMessage.Text text)) {
      throw new UnsupportedOperationException("twilio sends text; templates are not declared");
    }
    Login login = login(accessToken);
    Bounds.id(message.externalAccountId(), "externalAccountId");
    Bounds.id(message.recipient(), "recipient");
    if (text.body().length() > MAX_TWILIO_BODY) {
      throw TwilioException.of(
          FailureKind.PERMANENT,
          TwilioException.TEXT_TOO_LONG,
          null,
          "twilio message body must be at most " + MAX_TWILIO_BODY + " characters");
    }
    String key = message.idempotencyKey();
    if (key == null) {
      return deliver(message, text.body(), login);
    }
    return sentByKey.get(key, k -> deliver(message, text.body(), login));
  }

  private SendResult deliver(OutboundMessage message, String body, Login login) {
    FormBody.Builder form = new FormBody.Builder().add("To", message.recipient());
    String sender = message.externalAccountId();
    if (sender.startsWith("MG")) {
      form.add("MessagingServiceSid", sender);
    } else {
      form.add("From", sender);
    }
    form.add("Body", body);
    Request request =
        new Request.Builder()
            .url(account(login).addPathSegment("Messages.json").build())
            .header("Authorization", login.basic())
            .post(form.build())
            .build();
    JsonHttp.Answer answer = http.once(request, "send");
    if (!answer.successful()) {
      throw failure(answer, "send");
    }
    return http.sent(http.readObject(answer, "send").path("sid").asText(""), "message sid");
  }

  // ---------------------------------------------------------------- health

  /**
   * Looks the number up among the account's incoming numbers (a Messaging Service's account is read
   * instead): a cheap authenticated GET. Never throws for answers.
   */
  @Override
  public HealthReport probe(String externalAccountId, String accessToken) {
    Bounds.id(externalAccountId, "externalAccountId");
    Login login = login(accessToken);
    Instant now = config.clock().instant();
    boolean service = externalAccountId.startsWith("MG");
    HttpUrl url =
        service
            ? base.newBuilder()
                .addPathSegment(API)
                .addPathSegment("Accounts")
                .addPathSegment(login.accountSid() + ".json")
                .build()
            : account(login)
                .addPathSegment("IncomingPhoneNumbers.json")
                .addQueryParameter("PhoneNumber", externalAccountId)
                .build();
    JsonHttp.Answer answer;
    try {
      answer = http.idempotent(get(url, login), "probe");
    } catch (ConnectorException e) {
      return new HealthReport(HealthStatus.DEGRADED, e.getMessage(), now);
    }
    if (answer.successful()) {
      JsonNode body;
      try {
        body = http.readObject(answer, "probe");
      } catch (ConnectorException e) {
        return new HealthReport(HealthStatus.DEGRADED, e.getMessage(), now);
      }
      if (service) {
        String status = body.path("status").asText("");
        return switch (status) {
          case "active" -> new HealthReport(HealthStatus.HEALTHY, "twilio account is active", now);
          case "closed" ->
              new HealthReport(HealthStatus.DISCONNECTED, "twilio account is closed", now);
          default -> new HealthReport(HealthStatus.DEGRADED, "twilio account is not active", now);
        };
      }
      return body.path("incoming_phone_numbers").isEmpty()
          ? new HealthReport(
              HealthStatus.DISCONNECTED, "twilio account no longer has the number", now)
          : new HealthReport(HealthStatus.HEALTHY, "twilio number answers", now);
    }
    int code = errorCode(answer);
    String said = "twilio answered " + answer.code() + (code < 0 ? "" : ", error " + code);
    if (answer.code() == 401 || code == AUTHENTICATE) {
      return new HealthReport(HealthStatus.NEEDS_REAUTH, said, now);
    }
    if (answer.code() == 404) {
      return new HealthReport(HealthStatus.DISCONNECTED, said, now);
    }
    return new HealthReport(HealthStatus.DEGRADED, said, now);
  }

  // ---------------------------------------------------------------- failures

  /** Twilio's error, classified; the message names codes, never Twilio's text. */
  private TwilioException failure(JsonHttp.Answer answer, String what) {
    int code = errorCode(answer);
    Integer twilioCode = code < 0 ? null : code;
    String message =
        "twilio refused "
            + what
            + " (HTTP "
            + answer.code()
            + (code < 0 ? "" : ", error " + code)
            + ")";
    if (code == AUTHENTICATE || answer.code() == 401) {
      return TwilioException.of(
          FailureKind.AUTH_EXPIRED, TwilioException.AUTH_EXPIRED, twilioCode, message);
    }
    if (code == TOO_MANY_REQUESTS || answer.code() == 429) {
      return TwilioException.rateLimited(
          twilioCode, message, answer.retryAfter().orElse(DEFAULT_RATE_WAIT));
    }
    if (code == UNSUBSCRIBED) {
      return TwilioException.of(
          FailureKind.PERMANENT, TwilioException.RECIPIENT_UNSUBSCRIBED, twilioCode, message);
    }
    if (INVALID_RECIPIENT.contains(code)) {
      return TwilioException.of(
          FailureKind.INVALID_RECIPIENT, TwilioException.INVALID_RECIPIENT, twilioCode, message);
    }
    if (answer.code() >= 500 || TRANSIENT.contains(code)) {
      return TwilioException.of(FailureKind.TRANSIENT, "transient", twilioCode, message);
    }
    return TwilioException.of(FailureKind.PERMANENT, "permanent", twilioCode, message);
  }

  private int errorCode(JsonHttp.Answer answer) {
    try {
      JsonNode code = json.readTree(answer.body()).path("code");
      return code.canConvertToInt() ? code.asInt(-1) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- credentials and HTTP

  /**
   * Who calls: {@code AccountSid:AuthToken} (or {@code ApiKeySid:secret}, for the config's account)
   * as the org pasted it, or a bare auth token of the config's account ({@code appId}).
   */
  private record Login(String accountSid, String user, String secret) {
    String basic() {
      return Credentials.basic(user, secret);
    }

    @Override
    public String toString() {
      return "Login[account=" + accountSid + "]";
    }
  }

  private Login login(String credentials) {
    if (credentials == null || credentials.isBlank()) {
      throw new IllegalArgumentException("the twilio credentials must not be blank");
    }
    if (credentials.length() > 512 || credentials.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException(
          "the twilio credentials must be at most 512 printable characters");
    }
    int colon = credentials.indexOf(':');
    if (colon < 0) {
      return new Login(config.appId(), config.appId(), credentials);
    }
    String user = credentials.substring(0, colon);
    String secret = credentials.substring(colon + 1);
    if (user.isEmpty() || secret.isEmpty()) {
      throw new IllegalArgumentException("the twilio credentials must be SID:secret");
    }
    return new Login(user.startsWith("AC") ? user : config.appId(), user, secret);
  }

  private HttpUrl.Builder account(Login login) {
    return base.newBuilder()
        .addPathSegment(API)
        .addPathSegment("Accounts")
        .addPathSegment(login.accountSid());
  }

  private static Request get(HttpUrl url, Login login) {
    return new Request.Builder().url(url).header("Authorization", login.basic()).get().build();
  }

  /** Shows the provider, the API's host and the account; never a credential. */
  @Override
  public String toString() {
    return "TwilioConnector[api=" + base.host() + ", account=" + config.appId() + "]";
  }
}
