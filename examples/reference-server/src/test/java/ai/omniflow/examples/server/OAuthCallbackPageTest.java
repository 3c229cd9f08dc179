package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code GET /oauth/{provider}/callback} over real HTTP in live mode, with the Meta connector
 * talking to a MockWebServer that answers as Graph API's documentation shows (the payloads are in
 * {@code fixtures/meta-oauth/}, whose README names each page). The browser is a cookie-keeping
 * client signed in to the pages; the flow is started over the API as the same member.
 */
@DisplayName("The OAuth callback page")
@TestPropertySource(
    properties = {
      "omniflow.connectors.mode=live",
      "omniflow.connectors.oauth-redirect-uri=http://localhost:8080/oauth/{provider}/callback",
      "omniflow.connectors.providers.meta.app-id=1234",
      "omniflow.connectors.providers.meta.app-secret=meta-oauth-test-app-secret",
      "omniflow.connectors.providers.meta.webhook-verify-token=meta-oauth-verify",
      "omniflow.connectors.providers.meta.settings.read_attempts=1",
    })
class OAuthCallbackPageTest extends ServerTest {
  static final String GOOD_CODE = "AQDgoodcode";
  static final String USED_CODE = "AQDusedcode";
  static final String PAGE_ID = "102030405060708";
  static final String INSTAGRAM_ID = "17841400000000001";

  /** What the Graph stand-in was asked: method, path and body. */
  static final List<String> GRAPH_CALLS = new CopyOnWriteArrayList<>();

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

  @BeforeEach
  void forgetCalls() {
    GRAPH_CALLS.clear();
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
            GRAPH_CALLS.add(request.getMethod() + " " + path + " " + form);
            if (path.equals("/v21.0/oauth/access_token")) {
              if (form.contains("grant_type=fb_exchange_token")) {
                return json(200, "long-lived-token.json");
              }
              return form.contains("code=" + GOOD_CODE + "&")
                  ? json(200, "short-lived-token.json")
                  : json(400, "code-rejected.json");
            }
            if (path.equals("/v21.0/debug_token")) {
              return json(200, "debug-token.json");
            }
            if (path.equals("/v21.0/me/accounts")) {
              return json(200, "me-accounts.json");
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

  private static MockResponse json(int status, String fixture) {
    try (InputStream in =
        OAuthCallbackPageTest.class.getResourceAsStream("/fixtures/meta-oauth/" + fixture)) {
      return new MockResponse.Builder()
          .code(status)
          .setHeader("Content-Type", "application/json")
          .body(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the Meta flow over the API as the member; returns the state. */
  private String start(Actor owner, UUID user) {
    Answer started = post("/connectors/meta/start", "", as(owner.orgId(), user));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(started.json().path("authorization_url").asString())
        .contains("redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Foauth%2Fmeta%2Fcallback");
    return started.json().path("state").asString();
  }

  private long accounts(Actor owner) {
    return get("/connectors/accounts", as(owner.orgId(), owner.userId()))
        .json()
        .path("total")
        .asLong();
  }

  @Test
  @DisplayName(
      "the platform's redirect with a code and the state connects the page and its Instagram"
          + " account and says so")
  void connects() throws Exception {
    Actor owner = newOrg("Keller Realty Co");
    PageClient browser = pagesAs(owner, owner.userId());
    String state = start(owner, owner.userId());

    HttpResponse<String> page =
        browser.get("/oauth/meta/callback?code=" + GOOD_CODE + "&state=" + state);

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(page.body())
        .contains("Meta (Messenger, Instagram, Lead Ads) is connected")
        .contains("2 accounts now send their messages to the inbox")
        .contains("Keller Realty")
        .contains(PAGE_ID)
        .contains("kellerrealty (Instagram)")
        .contains(INSTAGRAM_ID)
        .doesNotContain(GOOD_CODE)
        .doesNotContain(state)
        .doesNotContain("EAA");
    assertThat(accounts(owner)).isEqualTo(2);
    // The code went to the token endpoint with the verifier and the exact redirect URI.
    assertThat(GRAPH_CALLS.get(0))
        .startsWith("POST /v21.0/oauth/access_token ")
        .contains("code=" + GOOD_CODE)
        .contains("code_verifier=")
        .contains("redirect_uri=http://localhost:8080/oauth/meta/callback");
    assertThat(GRAPH_CALLS).hasSize(4);

    // The same redirect again (a reload) is refused: the state is spent.
    long[] before = writes(owner);
    HttpResponse<String> again =
        browser.get("/oauth/meta/callback?code=" + GOOD_CODE + "&state=" + state);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("invalid_state");
    assertThat(writes(owner)).containsExactly(before[0], before[1] + 1);
    assertThat(accounts(owner)).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "a refusal on the consent screen shows oauth_denied, never the platform's text, and writes"
          + " nothing")
  void denied() throws Exception {
    Actor owner = newOrg("Denied Realty Co");
    PageClient browser = pagesAs(owner, owner.userId());
    String state = start(owner, owner.userId());
    long[] before = writes(owner);

    HttpResponse<String> page =
        browser.get(
            "/oauth/meta/callback?error=access_denied&error_code=200"
                + "&error_description=Permissions+error%3Cscript%3E&error_reason=user_denied"
                + "&state="
                + state);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains("oauth_denied")
        .contains("Access was not granted on Meta")
        .doesNotContain("Permissions error")
        .doesNotContain("<script>")
        .doesNotContain(state);
    assertThat(writes(owner)).containsExactly(before);
    assertThat(accounts(owner)).isZero();
    assertThat(GRAPH_CALLS).isEmpty();
  }

  @Test
  @DisplayName(
      "a forged state, or another member's, is a clear invalid_state page; nothing is exchanged or"
          + " connected")
  void badState() throws Exception {
    Actor owner = newOrg("Forged Realty Co");
    UUID admin = addMember(owner, Role.ADMIN);
    PageClient browser = pagesAs(owner, owner.userId());
    String adminsState = start(owner, admin);

    for (String state : new String[] {"forged-state-0000000000", adminsState}) {
      long[] before = writes(owner);
      HttpResponse<String> page =
          browser.get("/oauth/meta/callback?code=" + GOOD_CODE + "&state=" + state);
      assertThat(page.statusCode()).as(state).isEqualTo(400);
      assertThat(page.body())
          .contains("invalid_state")
          .contains("start the connection again")
          .doesNotContain(state);
      assertThat(writes(owner))
          .as("only the refusal's audit entry")
          .containsExactly(before[0], before[1] + 1);
    }
    assertThat(accounts(owner)).isZero();
    assertThat(GRAPH_CALLS).isEmpty();
  }

  @Test
  @DisplayName("a code the platform refuses is an invalid_code page and connects nothing")
  void refusedCode() throws Exception {
    Actor owner = newOrg("Used Code Realty Co");
    PageClient browser = pagesAs(owner, owner.userId());
    String state = start(owner, owner.userId());

    HttpResponse<String> page =
        browser.get("/oauth/meta/callback?code=" + USED_CODE + "&state=" + state);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains("invalid_code")
        .doesNotContain(USED_CODE)
        .doesNotContain("has been used");
    assertThat(accounts(owner)).isZero();
    assertThat(GRAPH_CALLS).hasSize(1);
  }

  @Test
  @DisplayName("without a code or a state the page says which is missing and calls nothing")
  void missingParameters() throws Exception {
    Actor owner = newOrg("Missing Realty Co");
    PageClient browser = pagesAs(owner, owner.userId());
    long[] before = writes(owner);

    HttpResponse<String> noCode = browser.get("/oauth/meta/callback?state=abc");
    HttpResponse<String> noState = browser.get("/oauth/meta/callback?code=" + GOOD_CODE);
    HttpResponse<String> longCode =
        browser.get("/oauth/meta/callback?state=abc&code=" + "x".repeat(3000));

    assertThat(noCode.statusCode()).isEqualTo(400);
    assertThat(noCode.body()).contains("missing_code");
    assertThat(noState.statusCode()).isEqualTo(400);
    assertThat(noState.body()).contains("missing_state");
    assertThat(longCode.statusCode()).isEqualTo(400);
    assertThat(longCode.body()).contains("missing_code").doesNotContain("xxxxxxxx");
    assertThat(writes(owner)).containsExactly(before);
    assertThat(GRAPH_CALLS).isEmpty();
  }

  @Test
  @DisplayName(
      "an agent may not connect accounts, an unknown provider is a 404 page, and without a session"
          + " the browser goes to sign in")
  void refusals() throws Exception {
    Actor owner = newOrg("Refusing Realty Co");
    UUID agent = addMember(owner, Role.AGENT);
    HttpResponse<String> asAgent =
        pagesAs(owner, agent).get("/oauth/meta/callback?code=" + GOOD_CODE + "&state=s");
    assertThat(asAgent.statusCode()).isEqualTo(403);

    HttpResponse<String> unknown =
        pagesAs(owner, owner.userId()).get("/oauth/nope/callback?code=c&state=s");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("unknown_provider");

    HttpResponse<String> anonymous =
        new PageClient(port).get("/oauth/meta/callback?code=" + GOOD_CODE + "&state=s");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/signin");
    assertThat(GRAPH_CALLS).isEmpty();
  }

  @Test
  @DisplayName("Connect on the connectors page links to Meta's consent screen with a fresh state")
  void connectLinksToTheConsentScreen() throws Exception {
    Actor owner = newOrg("Meta Connect Co");
    PageClient browser = pagesAs(owner, owner.userId());
    assertThat(browser.get("/connectors").body()).contains("id=\"connect-meta\"");

    HttpResponse<String> page = browser.submit("/connectors", "/ui/connectors/meta/connect", "");

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(page.body())
        .contains("id=\"consent-link\" href=\"https://www.facebook.com/")
        .contains("state=")
        .contains("Continue to Meta");
    assertThat(accounts(owner)).isZero();
  }

  @Test
  @DisplayName(
      "in a browser, the connect page and the page of a refused consent pass axe-core, with no"
          + " serious or critical violation")
  void connectAndErrorPagesAreAccessible() throws Exception {
    Actor owner = newOrg("Accessible Connect Co");
    String key = apiKey(owner, owner.userId());
    String base = "http://localhost:" + port;
    try (Browser browser = Browser.start()) {
      browser.signInWithKey(base, key);

      browser.driver.get(base + "/connectors");
      browser.wait.until(d -> d.findElement(By.id("connect-meta"))).click();
      WebElement link = browser.wait.until(d -> d.findElement(By.id("consent-link")));
      assertThat(link.getText()).startsWith("Continue to Meta");
      browser.accessible("the OAuth connect page");
      browser.screenshots("oauth-connect");

      java.util.regex.Matcher state =
          java.util.regex.Pattern.compile("[?&]state=([^&]+)").matcher(link.getAttribute("href"));
      assertThat(state.find()).as("the consent link carries the state").isTrue();
      browser.driver.get(
          base + "/oauth/meta/callback?error=access_denied&error_code=200&state=" + state.group(1));
      assertThat(browser.wait.until(d -> d.findElement(By.id("error-code"))).getText())
          .isEqualTo("oauth_denied");
      browser.accessible("the OAuth error page");
      browser.screenshots("oauth-error");
    }
    assertThat(accounts(owner)).isZero();
  }
}
