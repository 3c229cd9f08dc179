package ai.omniflow.connector.meta;

import ai.omniflow.connector.spi.AuthorizationRequest;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectedAccount;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
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
import ai.omniflow.connector.support.internal.Bounds;
import ai.omniflow.connector.support.internal.GraphClient;
import ai.omniflow.connector.support.internal.GraphError;
import ai.omniflow.connector.support.internal.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/** The Meta connector; see the package doc. Thread-safe. */
final class MetaConnector implements Connector {
  /** How long after the customer's last message a standard reply may be sent. */
  static final Duration STANDARD_WINDOW = Duration.ofHours(24);

  /** How long after it a reply tagged {@code HUMAN_AGENT} may be sent. */
  static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

  /** The Send API's longest text, in characters. */
  static final int MAX_SEND_TEXT = 2000;

  /** How many idempotency keys are remembered; older ones may be delivered again. */
  static final int REMEMBERED_KEYS = 10_000;

  /** The recipient prefix that makes a DM a private reply to a comment. */
  static final String PRIVATE_REPLY_PREFIX = "comment:";

  private static final Set<Integer> THROTTLING = Set.of(4, 17, 32, 613);
  private static final int MAX_PAGES = 100;
  private static final int MAX_FIELDS = 100;
  private static final Duration DEFAULT_THROTTLE_WAIT = Duration.ofSeconds(60);

  private final ConnectorConfig config;
  private final PageTokens pageTokens;
  private final GraphClient graph;
  private final boolean humanAgent;
  private final String dialogUri;
  private final ObjectMapper json = new ObjectMapper();
  private final MetaWebhookParser parser = new MetaWebhookParser();
  // The Send API has no idempotency key: a repeat with a key gets the first send's result, and the
  // cache's per-key computation makes concurrent repeats wait for the first.
  private final Cache<String, SendResult> sentByKey =
      Caffeine.newBuilder().maximumSize(REMEMBERED_KEYS).build();

  MetaConnector(ConnectorConfig config, PageTokens pageTokens) {
    this.config = config;
    this.pageTokens = pageTokens;
    this.graph = new GraphClient(MetaConnectorFactory.PROVIDER_ID, config, MetaException::of);
    String flag = config.setting(MetaConnectorFactory.HUMAN_AGENT).orElse("true");
    if (!flag.equals("true") && !flag.equals("false")) {
      throw new IllegalArgumentException(
          "the meta setting " + MetaConnectorFactory.HUMAN_AGENT + " must be true or false");
    }
    this.humanAgent = Boolean.parseBoolean(flag);
    this.dialogUri =
        config
            .setting(MetaConnectorFactory.DIALOG_URI)
            .orElse("https://www.facebook.com/v21.0/dialog/oauth");
    if (HttpUrl.parse(dialogUri) == null) {
      throw new IllegalArgumentException(
          "the meta setting " + MetaConnectorFactory.DIALOG_URI + " must be an http(s) URL");
    }
  }

  @Override
  public String providerId() {
    return MetaConnectorFactory.PROVIDER_ID;
  }

  // ---------------------------------------------------------------- OAuth: Facebook Login

  @Override
  public URI authorizationUrl(AuthorizationRequest request) {
    HttpUrl url =
        HttpUrl.get(dialogUri)
            .newBuilder()
            .addQueryParameter("client_id", config.appId())
            .addQueryParameter("redirect_uri", request.redirectUri().toString())
            .addQueryParameter("state", request.state())
            .addQueryParameter("response_type", "code")
            .addQueryParameter("scope", String.join(",", request.scopes()))
            .addQueryParameter("code_challenge", request.codeChallenge())
            .addQueryParameter("code_challenge_method", "S256")
            .build();
    return url.uri();
  }

  /**
   * The code for a short-lived user token, that for a long-lived one ({@code fb_exchange_token},
   * about 60 days), its expiry from {@code debug_token}, and the pages from {@code /me/accounts}.
   * The set's access token is the first page's token; each page, and the Instagram account linked
   * to it, has its page's own token in {@link TokenSet#accountTokens()} (what core stores for the
   * account and sends and lead reads use); the refresh token is the long-lived user token, which
   * {@link #refresh} exchanges again before it expires.
   */
  @Override
  public TokenSet exchangeCode(String code, String codeVerifier, URI redirectUri) {
    Bounds.token(code, "code");
    Bounds.token(codeVerifier, "codeVerifier");
    HttpUrl url = graph.url().addPathSegment("oauth").addPathSegment("access_token").build();
    RequestBody form =
        new FormBody.Builder()
            .add("client_id", config.appId())
            .add("client_secret", config.appSecret())
            .add("code", code)
            .add("code_verifier", codeVerifier)
            .add("redirect_uri", redirectUri.toString())
            .build();
    // A code is single-use: the exchange is tried once.
    JsonHttp.Answer answer =
        graph.once(new Request.Builder().url(url).post(form).build(), "code exchange");
    String shortLived = grantedToken(answer, "code exchange");
    return longLived(shortLived, "long-lived exchange");
  }

  /**
   * Exchanges the long-lived user token again ({@code grant_type=fb_exchange_token}) and reads the
   * pages anew. Meta has no refresh token; a user token that has expired or been revoked is {@code
   * AUTH_EXPIRED} and the account must log in again.
   */
  @Override
  public TokenSet refresh(String refreshToken) {
    Bounds.token(refreshToken, "refreshToken");
    return longLived(refreshToken, "token refresh");
  }

  private TokenSet longLived(String userToken, String what) {
    RequestBody form =
        new FormBody.Builder()
            .add("grant_type", "fb_exchange_token")
            .add("client_id", config.appId())
            .add("client_secret", config.appSecret())
            .add("fb_exchange_token", userToken)
            .build();
    HttpUrl url = graph.url().addPathSegment("oauth").addPathSegment("access_token").build();
    JsonHttp.Answer answer = graph.once(new Request.Builder().url(url).post(form).build(), what);
    String longLived = grantedToken(answer, what);
    Instant expiresAt =
        Bounds.secondsAfter(
            config.clock().instant(), graph.readObject(answer, what).path("expires_in").asLong(0));
    List<String> scopes = List.of();
    HttpUrl debug =
        graph
            .url()
            .addPathSegment("debug_token")
            .addQueryParameter("input_token", longLived)
            .build();
    JsonHttp.Answer debugged =
        graph.idempotent(GraphClient.get(debug, graph.appToken()), "debug_token");
    if (debugged.successful()) {
      JsonNode data = graph.readObject(debugged, "debug_token").path("data");
      Instant at = Bounds.epochSeconds(data.path("expires_at").asLong(0));
      if (at != null) {
        expiresAt = at;
      }
      scopes = GraphClient.scopes(data);
    } else {
      throw failure(debugged, "debug_token");
    }
    HttpUrl pages =
        graph
            .url()
            .addPathSegment("me")
            .addPathSegment("accounts")
            .addQueryParameter(
                "fields", "id,name,access_token,instagram_business_account{id,username}")
            .addQueryParameter("limit", String.valueOf(MAX_PAGES))
            .addQueryParameter("appsecret_proof", graph.proof(longLived))
            .build();
    JsonHttp.Answer listed = graph.idempotent(GraphClient.get(pages, longLived), "listing pages");
    if (!listed.successful()) {
      throw failure(listed, "listing pages");
    }
    List<ConnectedAccount> accounts = new ArrayList<>();
    Map<String, String> pageTokens = new LinkedHashMap<>();
    String firstPageToken = null;
    for (JsonNode page : graph.readObject(listed, "listing pages").path("data")) {
      if (accounts.size() >= Bounds.MAX_ACCOUNTS - 1) {
        break; // a page and its Instagram account fit; core takes at most this many per grant
      }
      String id = MetaWebhookParser.id(page.path("id"));
      if (id == null || !id.matches("[0-9]{1,64}")) {
        continue;
      }
      String name = Bounds.cut(page.path("name").asText(""), Bounds.MAX_ID);
      accounts.add(new ConnectedAccount(id, name.isBlank() ? id : name, scopes));
      String pageToken = page.path("access_token").asText("");
      boolean hasToken = !pageToken.isBlank() && pageToken.length() <= 4096;
      if (hasToken) {
        pageTokens.put(id, pageToken);
      }
      if (firstPageToken == null && hasToken) {
        firstPageToken = pageToken;
      }
      JsonNode ig = page.path("instagram_business_account");
      String igId = MetaWebhookParser.id(ig.path("id"));
      if (igId != null && igId.matches("[0-9]{1,64}")) {
        String username = Bounds.cut(ig.path("username").asText(""), Bounds.MAX_ID - 12);
        accounts.add(
            new ConnectedAccount(
                igId, (username.isBlank() ? igId : username) + " (Instagram)", scopes));
        if (hasToken) {
          pageTokens.put(igId, pageToken); // Instagram messaging goes through its page's token
        }
      }
    }
    return new TokenSet(
        firstPageToken == null ? longLived : firstPageToken,
        longLived,
        expiresAt,
        scopes,
        accounts,
        pageTokens);
  }

  private String grantedToken(JsonHttp.Answer answer, String what) {
    if (!answer.successful()) {
      MetaException failure = failure(answer, what);
      // A rejected code or user token is Graph error 100 or 190 at HTTP 400: log in again.
      if (answer.code() == 400 || answer.code() == 401) {
        throw MetaException.of(
            FailureKind.AUTH_EXPIRED,
            MetaException.AUTH_EXPIRED,
            failure.graphCode().isPresent() ? failure.graphCode().getAsInt() : null,
            failure.getMessage());
      }
      throw failure;
    }
    String token = graph.readObject(answer, what).path("access_token").asText("");
    if (token.isBlank() || token.length() > 4096) {
      throw MetaException.of(
          FailureKind.MALFORMED_PAYLOAD,
          "malformed_payload",
          null,
          "meta's answer to " + what + " names no access token");
    }
    return token;
  }

  /** {@code DELETE /me/permissions}: revokes the app's login for the token's user. */
  @Override
  public void revoke(String token) {
    Bounds.token(token, "token");
    HttpUrl url =
        graph
            .url()
            .addPathSegment("me")
            .addPathSegment("permissions")
            .addQueryParameter("appsecret_proof", graph.proof(token))
            .build();
    Request request =
        new Request.Builder().url(url).header("Authorization", "Bearer " + token).delete().build();
    JsonHttp.Answer answer = graph.idempotent(request, "revoke");
    if (answer.successful()) {
      return;
    }
    GraphError error = GraphError.of(answer);
    if (error.code() == GraphClient.TOKEN_INVALID) {
      return; // a token Meta no longer knows is revoked already
    }
    MetaException failure = failure(answer, "revoke");
    if (failure.kind() == FailureKind.TRANSIENT) {
      throw failure;
    }
    throw MetaException.of(
        FailureKind.PERMANENT,
        "permanent",
        failure.graphCode().isPresent() ? failure.graphCode().getAsInt() : null,
        failure.getMessage());
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
    return parser.parse(request.rawBody(), this::lead);
  }

  /** Parses the body without reading any lead (no network call) and forgets the events. */
  @Override
  public void checkWebhookShape(WebhookRequest request) {
    parser.parse(request.rawBody(), change -> null);
  }

  /** Reads a lead named by a {@code leadgen} change with its page's token. */
  private @Nullable InboundEvent lead(MetaWebhookParser.LeadChange change) {
    String token =
        pageTokens
            .pageToken(change.pageId())
            .orElseThrow(
                () ->
                    MetaException.of(
                            FailureKind.AUTH_EXPIRED,
                            MetaException.NO_PAGE_TOKEN,
                            null,
                            "meta lead arrived for a page without a usable token; connect the"
                                + " page again")
                        .concerning(change.pageId()));
    Bounds.token(token, "page token");
    HttpUrl url =
        graph
            .url()
            .addPathSegment(change.leadgenId())
            .addQueryParameter(
                "fields", "id,created_time,ad_id,adset_id,campaign_id,form_id,field_data")
            .addQueryParameter("appsecret_proof", graph.proof(token))
            .build();
    JsonHttp.Answer answer = graph.idempotent(GraphClient.get(url, token), "reading a lead");
    if (!answer.successful()) {
      throw failure(answer, "reading a lead").concerning(change.pageId());
    }
    JsonNode lead = graph.readObject(answer, "reading a lead");
    Map<String, String> fields = new LinkedHashMap<>();
    for (JsonNode field : lead.path("field_data")) {
      String name = MetaWebhookParser.id(field.path("name"));
      if (name == null || fields.size() >= MAX_FIELDS) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (JsonNode value : field.path("values")) {
        if (value.isValueNode()) {
          values.add(value.asText(""));
        }
      }
      fields.putIfAbsent(name, Bounds.text(String.join(", ", values)));
    }
    String formId = firstId(MetaWebhookParser.id(lead.path("form_id")), change.formId());
    Instant at = leadTime(lead.path("created_time").asText(""), change.createdAt());
    if (formId == null || at == null) {
      return null;
    }
    Referral referral =
        new Referral(
            MetaWebhookParser.id(lead.path("campaign_id")),
            firstId(MetaWebhookParser.id(lead.path("ad_id")), change.adId()),
            null);
    return new InboundEvent.LeadForm(
        "lead:" + change.leadgenId(),
        change.pageId(),
        change.leadgenId(),
        formId,
        leadSender(fields, change.leadgenId()),
        fields,
        at,
        referral);
  }

  private static @Nullable String firstId(@Nullable String a, @Nullable String b) {
    return a != null ? a : b;
  }

  private static @Nullable Instant leadTime(String text, @Nullable Instant fallback) {
    if (!text.isBlank() && text.length() < 40) {
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ"))
            .toInstant();
      } catch (DateTimeParseException e) {
        // fall back to the change's created_time
      }
    }
    return fallback;
  }

  /** The sender from the form's standard fields; a form without them is known by its lead id. */
  private static Sender leadSender(Map<String, String> fields, String leadId) {
    String name = fields.get("full_name");
    if (name == null && (fields.containsKey("first_name") || fields.containsKey("last_name"))) {
      name = (fields.getOrDefault("first_name", "") + " " + fields.getOrDefault("last_name", ""));
    }
    String phone = fields.get("phone_number");
    String email = fields.get("email");
    if (isBlank(name) && isBlank(phone) && isBlank(email)) {
      return new Sender("lead:" + leadId, null, null, null);
    }
    return new Sender(null, cutOrNull(name), cutOrNull(phone), cutOrNull(email));
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  private static @Nullable String cutOrNull(@Nullable String s) {
    return s == null ? null : Bounds.cut(s.trim(), Bounds.MAX_ID);
  }

  // ---------------------------------------------------------------- outbound

  /**
   * Sends free text. On {@code facebook_dm} and {@code instagram_dm}: the Send API from the page
   * {@link OutboundMessage#externalAccountId()} to the PSID or IGSID in {@code recipient}, or, when
   * the recipient is {@code comment:<comment id>}, a private reply to that comment. On {@code
   * facebook_comment} and {@code instagram_comment}: a public reply to the comment in {@code
   * recipient}. The messaging window is checked before any HTTP call.
   */
  @Override
  public SendResult send(OutboundMessage message, String accessToken) {
    Bounds.token(accessToken, "accessToken");
    Bounds.id(message.externalAccountId(), "externalAccountId");
    Bounds.id(message.recipient(), "recipient");
    if (!(message.content() instanceof OutboundMessage.Text text)) {
      throw new UnsupportedOperationException("meta sends free text only, no templates");
    }
    if (text.body().length() > MAX_SEND_TEXT) {
      throw MetaException.of(
          FailureKind.PERMANENT,
          MetaException.TEXT_TOO_LONG,
          null,
          "meta text must be at most " + MAX_SEND_TEXT + " characters");
    }
    Request request = request(message, text.body(), accessToken);
    String key = message.idempotencyKey();
    if (key == null) {
      return deliver(request);
    }
    return sentByKey.get(key, k -> deliver(request));
  }

  private Request request(OutboundMessage message, String text, String accessToken) {
    Channel channel = message.channel();
    if (channel == Channel.FACEBOOK_COMMENT || channel == Channel.INSTAGRAM_COMMENT) {
      HttpUrl url =
          graph
              .url()
              .addPathSegment(message.recipient())
              .addPathSegment(channel == Channel.FACEBOOK_COMMENT ? "comments" : "replies")
              .addQueryParameter("appsecret_proof", graph.proof(accessToken))
              .build();
      ObjectNode body = json.createObjectNode().put("message", text);
      return GraphClient.post(url, body.toString(), accessToken);
    }
    if (channel != Channel.FACEBOOK_DM && channel != Channel.INSTAGRAM_DM) {
      throw new IllegalArgumentException("meta sends on facebook and instagram channels only");
    }
    ObjectNode body = json.createObjectNode();
    String recipient = message.recipient();
    if (recipient.startsWith(PRIVATE_REPLY_PREFIX)) {
      body.putObject("recipient")
          .put(
              "comment_id",
              Bounds.id(recipient.substring(PRIVATE_REPLY_PREFIX.length()), "comment id"));
      // A private reply goes once, within 7 days of the comment (lastInboundAt).
      refuseOutside(message.lastInboundAt(), HUMAN_AGENT_WINDOW);
    } else {
      body.putObject("recipient").put("id", recipient);
      Instant last = message.lastInboundAt();
      Instant now = config.clock().instant();
      if (last == null || !now.isAfter(last.plus(STANDARD_WINDOW))) {
        body.put("messaging_type", "RESPONSE");
      } else if (humanAgent) {
        refuseOutside(last, HUMAN_AGENT_WINDOW);
        body.put("messaging_type", "MESSAGE_TAG");
        body.put("tag", "HUMAN_AGENT");
      } else {
        refuseOutside(last, STANDARD_WINDOW);
      }
    }
    body.putObject("message").put("text", text);
    HttpUrl url =
        graph
            .url()
            .addPathSegment(message.externalAccountId())
            .addPathSegment("messages")
            .addQueryParameter("appsecret_proof", graph.proof(accessToken))
            .build();
    return GraphClient.post(url, body.toString(), accessToken);
  }

  private void refuseOutside(@Nullable Instant lastInbound, Duration window) {
    if (lastInbound != null && config.clock().instant().isAfter(lastInbound.plus(window))) {
      throw MetaException.of(
          FailureKind.POLICY_WINDOW_CLOSED,
          MetaException.WINDOW_CLOSED,
          null,
          "meta's messaging window is closed (" + window.toHours() + " hours)");
    }
  }

  private SendResult deliver(Request request) {
    JsonHttp.Answer answer = graph.once(request, "send");
    if (!answer.successful()) {
      throw failure(answer, "send");
    }
    JsonNode sent = graph.readObject(answer, "send");
    return graph.sent(sent.path("message_id").asText(sent.path("id").asText("")));
  }

  // ---------------------------------------------------------------- health

  /** {@code GET /me} with the token and {@code appsecret_proof}. Never throws for answers. */
  @Override
  public HealthReport probe(String externalAccountId, String accessToken) {
    Bounds.id(externalAccountId, "externalAccountId");
    Bounds.token(accessToken, "accessToken");
    Instant now = config.clock().instant();
    HttpUrl url =
        graph
            .url()
            .addPathSegment("me")
            .addQueryParameter("fields", "id,name")
            .addQueryParameter("appsecret_proof", graph.proof(accessToken))
            .build();
    return graph.probe(
        url,
        accessToken,
        now,
        answer -> new HealthReport(HealthStatus.HEALTHY, "meta answers for the token", now));
  }

  // ---------------------------------------------------------------- failures

  /** The Graph API's error, classified; the message names codes, never the platform's text. */
  private MetaException failure(JsonHttp.Answer answer, String what) {
    GraphError error = GraphError.of(answer);
    int code = error.code();
    String message = "meta refused " + what + " (HTTP " + answer.code() + error.describe() + ")";
    Integer graphCode = error.codeOrNull();
    if (code == GraphClient.TOKEN_INVALID || (answer.code() == 401 && code < 0)) {
      return MetaException.of(
          FailureKind.AUTH_EXPIRED, MetaException.AUTH_EXPIRED, graphCode, message);
    }
    if (isThrottling(code) || answer.code() == 429) {
      Duration wait =
          answer
              .retryAfter()
              .or(() -> regainAccessIn(answer.header(GraphClient.USAGE_HEADER).orElse(null)))
              .orElse(DEFAULT_THROTTLE_WAIT);
      return MetaException.rateLimited(graphCode, message, wait);
    }
    if (code == 10 && error.subcode() == 2018278) {
      return MetaException.of(
          FailureKind.POLICY_WINDOW_CLOSED, MetaException.WINDOW_CLOSED, graphCode, message);
    }
    if (code == 551 || (code == 100 && error.subcode() == 2018001)) {
      return MetaException.of(
          FailureKind.INVALID_RECIPIENT, MetaException.INVALID_RECIPIENT, graphCode, message);
    }
    if (answer.code() == 401) {
      return MetaException.of(
          FailureKind.AUTH_EXPIRED, MetaException.AUTH_EXPIRED, graphCode, message);
    }
    if (answer.code() >= 500 || code == 1 || code == 2) {
      return MetaException.of(FailureKind.TRANSIENT, "transient", graphCode, message);
    }
    return MetaException.of(FailureKind.PERMANENT, "permanent", graphCode, message);
  }

  /**
   * The longest {@code estimated_time_to_regain_access} (minutes) in a {@code
   * X-Business-Use-Case-Usage} header, when above zero; at most a day.
   */
  Optional<Duration> regainAccessIn(@Nullable String usageHeader) {
    if (usageHeader == null) {
      return Optional.empty();
    }
    try {
      long minutes = 0;
      for (JsonNode business : json.readTree(usageHeader)) {
        for (JsonNode usage : business) {
          minutes = Math.max(minutes, usage.path("estimated_time_to_regain_access").asLong(0));
        }
      }
      return minutes <= 0
          ? Optional.empty()
          : Optional.of(Duration.ofMinutes(Math.min(minutes, Duration.ofDays(1).toMinutes())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a header we cannot read: the default wait
    }
  }

  /** 4, 17, 32, 613 and the business-use-case codes 80001 to 80014. */
  static boolean isThrottling(int code) {
    return THROTTLING.contains(code) || (code >= 80001 && code <= 80014);
  }

  /** Shows the provider and the API's host; never a secret. */
  @Override
  public String toString() {
    return "MetaConnector[api=" + graph.host() + "]";
  }
}
