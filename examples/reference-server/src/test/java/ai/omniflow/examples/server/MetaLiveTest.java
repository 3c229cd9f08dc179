package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The server's own Meta connector (registered by {@link MetaConnectorConfiguration}, with the page
 * tokens core keeps) end to end over real HTTP: Facebook Login through {@code GET
 * /oauth/meta/callback}, signed webhooks through {@code POST /webhooks/meta}, sends through {@code
 * POST /inbox/threads/{id}/send}, and the account health the API reports. The Graph API is a
 * MockWebServer serving the documented OAuth answers ({@code fixtures/meta-oauth/}), the documented
 * lead ({@code webhooks/meta-lead.json}) and the documented errors ({@code fixtures/meta-errors/}:
 * 190, 613, 80006), each README naming its documentation page.
 */
@DisplayName("Meta end to end: page tokens, refused tokens and rate limits")
@TestPropertySource(
    properties = {
      "omniflow.connectors.mode=live",
      "omniflow.connectors.oauth-redirect-uri=http://localhost:8080/oauth/{provider}/callback",
      "omniflow.connectors.providers.meta.app-id=1234",
      "omniflow.connectors.providers.meta.app-secret=" + MetaLiveTest.SECRET,
      "omniflow.connectors.providers.meta.webhook-verify-token=meta-live-verify",
      "omniflow.connectors.providers.meta.settings.read_attempts=1",
      "omniflow.webhooks.poll-interval=50ms",
      "omniflow.webhooks.first-backoff=0s",
    })
class MetaLiveTest extends ServerTest {
  static final String SECRET = "meta-live-test-app-secret";
  static final String PAGE_ID = "102030405060708";
  static final String PAGE_TOKEN = "EAApagetokenkellerrealty";
  static final String DOCUMENTED_LEAD = "444555666777888";
  static final String CODE = "AQDgoodcode";

  /** Every Graph request: method, path and query or body. */
  static final List<String> GRAPH_CALLS = new CopyOnWriteArrayList<>();

  /** The Authorization header of each lead read, by lead id. */
  static final Map<String, String> LEAD_AUTH = new ConcurrentHashMap<>();

  /** How Graph answers a lead read, by lead id: a fixture of {@code meta-errors}, or the lead. */
  static final Map<String, String> LEAD_ERRORS = new ConcurrentHashMap<>();

  /** How Graph answers a send: null for the documented success, else an error fixture. */
  static final AtomicReference<String> SEND_ERROR = new AtomicReference<>();

  static final MockWebServer GRAPH = graph();

  @DynamicPropertySource
  static void graphApi(DynamicPropertyRegistry registry) {
    registry.add(
        "omniflow.connectors.providers.meta.api-base-uri", () -> GRAPH.url("/v21.0/").toString());
  }

  @AfterAll
  static void stopGraph() {
    GRAPH.close();
  }

  private static MockWebServer graph() {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            String form = URLDecoder.decode(body, StandardCharsets.UTF_8);
            String query = request.getUrl().encodedQuery();
            GRAPH_CALLS.add(
                request.getMethod() + " " + path + "?" + (query == null ? "" : query) + " " + form);
            if (path.equals("/v21.0/oauth/access_token")) {
              return form.contains("grant_type=fb_exchange_token")
                  ? oauth(200, "long-lived-token.json")
                  : oauth(200, "short-lived-token.json");
            }
            if (path.equals("/v21.0/debug_token")) {
              return oauth(200, "debug-token.json");
            }
            if (path.equals("/v21.0/me/accounts")) {
              return oauth(200, "me-accounts.json");
            }
            if (path.equals("/v21.0/" + PAGE_ID + "/messages")) {
              String error = SEND_ERROR.get();
              return error == null ? json(200, "meta-errors/send-accepted.json") : json(400, error);
            }
            String leadId = path.substring("/v21.0/".length());
            if (leadId.matches("4445556667[0-9]{5}")) {
              LEAD_AUTH.put(leadId, String.valueOf(request.getHeaders().get("Authorization")));
              String error = LEAD_ERRORS.get(leadId);
              if (error != null) {
                return json(400, error);
              }
              return new MockResponse.Builder()
                  .code(200)
                  .setHeader("Content-Type", "application/json")
                  .body(lead(leadId))
                  .build();
            }
            return new MockResponse.Builder().code(404).body("{}").build();
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  private static String resource(String path) {
    try (InputStream in = MetaLiveTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MockResponse oauth(int status, String fixture) {
    return json(status, "meta-oauth/" + fixture);
  }

  private static MockResponse json(int status, String fixture) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json")
        .body(resource("/fixtures/" + fixture))
        .build();
  }

  /** The documented lead under {@code leadId}, created a minute ago, a person of its own. */
  private static String lead(String leadId) {
    String created =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now().minus(1, ChronoUnit.MINUTES));
    String suffix = leadId.substring(leadId.length() - 3);
    return resource("/webhooks/meta-lead.json")
        .replace("2024-12-04T13:31:39+0000", created)
        .replace(DOCUMENTED_LEAD, leadId)
        .replace("ana.lima@example.com", "ana.lima+" + suffix + "@example.com")
        .replace("+4915112345678", "+4915112345" + suffix);
  }

  private Answer postSigned(String body) {
    return send(
        "POST",
        "/webhooks/meta",
        body,
        Map.of("Content-Type", "application/json", "X-Hub-Signature-256", signature(body)));
  }

  private Answer postLeadgen(String leadId) {
    long now = Instant.now().getEpochSecond();
    return postSigned(
        resource("/webhooks/meta-leadgen.json")
            .replace("1733319100", Long.toString(now))
            .replace("1733319099", Long.toString(now - 1))
            .replace(DOCUMENTED_LEAD, leadId));
  }

  private Answer postMessengerText() {
    long nowMillis = System.currentTimeMillis();
    return postSigned(
        resource("/webhooks/meta-messenger-text.json")
            .replace("1733318399000", Long.toString(nowMillis - 1000))
            .replace("1733318400000", Long.toString(nowMillis)));
  }

  private static String signature(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Facebook Login: the flow started over the API, completed by the platform's redirect. */
  private void connect(Actor owner, PageClient browser) throws Exception {
    Answer started = post("/connectors/meta/start", "", as(owner.orgId(), owner.userId()));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String state = started.json().path("state").asString();
    HttpResponse<String> page =
        browser.get("/oauth/meta/callback?code=" + CODE + "&state=" + state);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
  }

  /** The page account's status as {@code GET /connectors/health} reports it. */
  private String pageStatus(Actor owner) {
    for (JsonNode a :
        get("/connectors/health", as(owner.orgId(), owner.userId())).json().path("accounts")) {
      if (a.path("external_account_id").asString().equals(PAGE_ID)) {
        return a.path("status").asString();
      }
    }
    throw new AssertionError("the page is not connected");
  }

  private List<JsonNode> deliveries(Actor owner, String status) {
    List<JsonNode> found = new java.util.ArrayList<>();
    for (JsonNode d :
        get("/webhooks/events?status=" + status, as(owner.orgId(), owner.userId())).json()) {
      found.add(d);
    }
    return found;
  }

  private long calls(String fragment) {
    return GRAPH_CALLS.stream().filter(c -> c.contains(fragment)).count();
  }

  private String thread(Actor owner, String channel) {
    for (JsonNode t :
        get("/inbox/threads?limit=100", as(owner.orgId(), owner.userId())).json().path("items")) {
      if (t.path("channel").asString().equals(channel)) {
        return t.path("id").asString();
      }
    }
    return null;
  }

  private Answer draftAndSend(Actor owner, String threadId) {
    Map<String, String> asOwner = as(owner.orgId(), owner.userId());
    Answer draft =
        post(
            "/inbox/threads/" + threadId + "/draft-reply",
            "{\"text\": \"Yes, it is. When would you like to see it?\"}",
            asOwner);
    assertThat(draft.status()).as(draft.body()).isEqualTo(201);
    return sendDraft(owner, threadId, draft.json().path("id").asString());
  }

  private Answer sendDraft(Actor owner, String threadId, String draftId) {
    return post(
        "/inbox/threads/" + threadId + "/send",
        "{\"draft_id\": \"" + draftId + "\"}",
        as(owner.orgId(), owner.userId()));
  }

  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 20 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  @Test
  @DisplayName(
      "a lead is read with its page's own token from Facebook Login; a 190 on a send or a lead read"
          + " makes the page needs_reauth and stops every call until it is connected again; a 613"
          + " or 80006 is waited out, not hammered")
  void pageTokensRefusedTokensAndRateLimits() throws Exception {
    Actor owner = newOrg("Keller Realty Live");
    omniFlow.packs().select(owner, "generic");
    PageClient browser = pagesAs(owner, owner.userId());
    connect(owner, browser);
    assertThat(pageStatus(owner)).isEqualTo("healthy");

    // 1. A live leadgen change: the lead is read with the page token /me/accounts gave.
    String first = "444555666700001";
    assertThat(postLeadgen(first).status()).isEqualTo(200);
    eventually(() -> thread(owner, "lead_form") != null);
    assertThat(LEAD_AUTH.get(first)).isEqualTo("Bearer " + PAGE_TOKEN);
    assertThat(GRAPH_CALLS.stream().filter(c -> c.contains("/v21.0/" + first)).findFirst())
        .hasValueSatisfying(c -> assertThat(c).contains("appsecret_proof="));
    assertThat(deliveries(owner, "failed")).isEmpty();

    // 2. Graph refuses the page token on a send (190): the account needs re-authorization at once,
    // and neither a second send nor a lead read calls Meta again.
    assertThat(postMessengerText().status()).isEqualTo(200);
    eventually(() -> thread(owner, "facebook_dm") != null);
    String dm = thread(owner, "facebook_dm");
    SEND_ERROR.set("meta-errors/error-190-token-expired.json");
    Answer refused = draftAndSend(owner, dm);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("code").asString()).isEqualTo("account_needs_reauth");
    assertThat(pageStatus(owner)).isEqualTo("needs_reauth");
    long sendsAfterRefusal = calls("/" + PAGE_ID + "/messages");
    assertThat(sendsAfterRefusal).isEqualTo(1);
    assertThat(calls("GET /v21.0/me?")).as("no probe: the refusal is the answer").isZero();

    Answer again = draftAndSend(owner, dm);
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.json().path("code").asString()).isEqualTo("account_needs_reauth");
    String waiting = "444555666700002";
    assertThat(postLeadgen(waiting).status()).isEqualTo(200);
    eventually(() -> !deliveries(owner, "failed").isEmpty());
    assertThat(deliveries(owner, "failed").get(0).path("last_error").asString())
        .contains("without a usable token");
    assertThat(calls("/" + PAGE_ID + "/messages")).isEqualTo(sendsAfterRefusal);
    assertThat(LEAD_AUTH).doesNotContainKey(waiting);

    // 3. Connected again: the parked lead is replayed and read with the token.
    SEND_ERROR.set(null);
    connect(owner, browser);
    assertThat(pageStatus(owner)).isEqualTo("healthy");
    long parked = deliveries(owner, "failed").get(0).path("id").asLong();
    Answer replay =
        post("/webhooks/events/" + parked + "/replay", "", as(owner.orgId(), owner.userId()));
    assertThat(replay.status()).as(replay.body()).isLessThan(300);
    eventually(() -> LEAD_AUTH.containsKey(waiting) && deliveries(owner, "failed").isEmpty());
    assertThat(LEAD_AUTH.get(waiting)).isEqualTo("Bearer " + PAGE_TOKEN);

    // 4. Graph refuses the token on a lead read (190): the page needs re-authorization, and the
    // delivery's retries make no further call.
    String expired = "444555666700003";
    LEAD_ERRORS.put(expired, "meta-errors/error-190-token-expired.json");
    assertThat(postLeadgen(expired).status()).isEqualTo(200);
    eventually(() -> !deliveries(owner, "failed").isEmpty());
    assertThat(pageStatus(owner)).isEqualTo("needs_reauth");
    assertThat(calls("/v21.0/" + expired + "?")).isEqualTo(1);
    Answer blocked = draftAndSend(owner, dm);
    assertThat(blocked.json().path("code").asString()).isEqualTo("account_needs_reauth");
    assertThat(calls("/" + PAGE_ID + "/messages")).isEqualTo(sendsAfterRefusal);

    // 5. Throttled lead read (613): the delivery's next attempt waits the default minute, however
    // short the worker's own back-off (0 s here), and Graph is asked once.
    connect(owner, browser);
    String throttled = "444555666700004";
    LEAD_ERRORS.put(throttled, "meta-errors/error-613-rate-limit.json");
    Instant posted = Instant.now();
    assertThat(postLeadgen(throttled).status()).isEqualTo(200);
    eventually(
        () ->
            deliveries(owner, "pending").stream()
                .anyMatch(d -> d.path("last_error").asString().contains("RATE_LIMITED")));
    JsonNode pending =
        deliveries(owner, "pending").stream()
            .filter(d -> d.path("last_error").asString().contains("RATE_LIMITED"))
            .findFirst()
            .orElseThrow();
    assertThat(Instant.parse(pending.path("next_attempt_at").asString()))
        .isAfter(posted.plusSeconds(55));
    pause(Duration.ofMillis(500)); // ten polls of the worker
    assertThat(calls("/v21.0/" + throttled + "?")).isEqualTo(1);

    // 6. Throttled send (80006): 503 send_rate_limited, and the next send within the wait is
    // refused without calling Meta.
    SEND_ERROR.set("meta-errors/error-80006-messenger-rate-limit.json");
    long sendsBefore = calls("/" + PAGE_ID + "/messages");
    Answer limited = draftAndSend(owner, dm);
    assertThat(limited.status()).as(limited.body()).isEqualTo(503);
    assertThat(limited.json().path("code").asString()).isEqualTo("send_rate_limited");
    Answer stillLimited = draftAndSend(owner, dm);
    assertThat(stillLimited.status()).isEqualTo(503);
    assertThat(stillLimited.json().path("code").asString()).isEqualTo("send_rate_limited");
    assertThat(calls("/" + PAGE_ID + "/messages")).isEqualTo(sendsBefore + 1);
    assertThat(pageStatus(owner)).isEqualTo("healthy");
  }
}
