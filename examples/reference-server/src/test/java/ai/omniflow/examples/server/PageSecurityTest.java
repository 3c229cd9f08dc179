package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The two security chains over real HTTP: the pages want a session and a CSRF token, and sign in
 * with an API key; the JSON API on the same paths answers as it always did, without a session.
 */
@DisplayName("Pages and API side by side")
class PageSecurityTest extends ServerTest {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** A browser-like client: keeps cookies, does not follow redirects. */
  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private HttpResponse<String> page(String method, String path, String form) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/html,application/xhtml+xml")
            .method(
                method,
                form == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(form));
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String csrf() throws Exception {
    Matcher m = CSRF.matcher(page("GET", "/signin", null).body());
    assertThat(m.find()).as("the sign-in form carries a CSRF token").isTrue();
    return m.group(1);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName(
      "a page without a session redirects to sign-in; the API on the same path answers JSON")
  void pagesNeedASessionTheApiDoesNot() throws Exception {
    HttpResponse<String> leadsPage = page("GET", "/leads", null);
    assertThat(leadsPage.statusCode()).isEqualTo(302);
    assertThat(leadsPage.headers().firstValue("Location").orElse("")).endsWith("/signin");
    assertThat(page("GET", "/", null).statusCode()).isEqualTo(302);

    Answer api = get("/leads", as(DEV_ORG, DEV_USER));
    assertThat(api.status()).isEqualTo(200);
    assertThat(api.contentType()).startsWith("application/json");
    assertThat(api.headers().firstValue("Set-Cookie")).as("the API makes no session").isEmpty();
    Answer html = get("/leads", Map.of("Accept", "text/html"));
    assertThat(html.status()).as("HTML asked without a session").isEqualTo(302);
    assertProblem(get("/leads", Map.of()), 401, "unauthenticated");
  }

  @Test
  @DisplayName("a page form posted without a CSRF token is refused and writes nothing")
  void formsNeedTheCsrfToken() throws Exception {
    Actor owner = newOrg("Csrf Co");
    String key =
        post(
                "/api-keys",
                "{\"user_id\": \"" + owner.userId() + "\", \"name\": \"pages\"}",
                as(owner.orgId(), owner.userId()))
            .json()
            .path("token")
            .asString();
    HttpResponse<String> in = page("POST", "/signin", "api_key=" + enc(key) + "&_csrf=" + csrf());
    assertThat(in.statusCode()).isEqualTo(302);
    long[] before = writes(owner);

    HttpResponse<String> forged =
        page("POST", "/ui/inbox/ingest", "channel=sms&name=X&handle=x&text=hello");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(writes(owner)).containsExactly(before);
  }

  @Test
  @DisplayName("signing in with an API key opens the pages as the key's member, in their role")
  void signInWithAnApiKey() throws Exception {
    Actor owner = newOrg("Key Sign-in Co");
    UUID agent = addMember(owner, Role.AGENT);
    String key =
        post(
                "/api-keys",
                "{\"user_id\": \"" + agent + "\", \"name\": \"pages\"}",
                as(owner.orgId(), owner.userId()))
            .json()
            .path("token")
            .asString();

    HttpResponse<String> bad =
        page("POST", "/signin", "api_key=" + enc("ofk_nonsense") + "&_csrf=" + csrf());
    assertThat(bad.headers().firstValue("Location").orElse("")).endsWith("/signin?error");

    HttpResponse<String> good = page("POST", "/signin", "api_key=" + enc(key) + "&_csrf=" + csrf());
    assertThat(good.statusCode()).isEqualTo(302);
    HttpResponse<String> dashboard = page("GET", "/", null);
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Key Sign-in Co").contains("(<span>agent</span>)");
    HttpResponse<String> inbox = page("GET", "/inbox", null);
    assertThat(inbox.body()).contains("No conversations yet");

    HttpResponse<String> missing = page("GET", "/leads/" + UUID.randomUUID(), null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("<h1>Not Found</h1>").doesNotContain("Exception");
  }

  @Test
  @DisplayName("a removed member's session stops working at their next request")
  void aRemovedMemberIsSignedOut() throws IOException, Exception {
    Actor owner = newOrg("Removal Co");
    UUID agent = addMember(owner, Role.AGENT);
    String key =
        post(
                "/api-keys",
                "{\"user_id\": \"" + agent + "\", \"name\": \"pages\"}",
                as(owner.orgId(), owner.userId()))
            .json()
            .path("token")
            .asString();
    page("POST", "/signin", "api_key=" + enc(key) + "&_csrf=" + csrf());
    assertThat(page("GET", "/inbox", null).statusCode()).isEqualTo(200);

    omniFlow.tenancy().removeMember(owner, agent);

    HttpResponse<String> after = page("GET", "/inbox", null);
    assertThat(after.statusCode()).isEqualTo(302);
    assertThat(after.headers().firstValue("Location").orElse("")).contains("/signin");
  }
}
