package ai.omniflow.examples.server;

import static ai.omniflow.examples.server.PageClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The two security chains over real HTTP: the pages want a session and a CSRF token, and sign in
 * with an API key; the JSON API on the same paths answers as it always did, without a session.
 */
@DisplayName("Pages and API side by side")
class PageSecurityTest extends ServerTest {
  /** This test's browser-like client. */
  private PageClient client;

  @BeforeEach
  void aClient() {
    client = new PageClient(port);
  }

  @Test
  @DisplayName(
      "a page without a session redirects to sign-in; the API on the same path answers JSON")
  void pagesNeedASessionTheApiDoesNot() throws Exception {
    HttpResponse<String> leadsPage = client.get("/leads");
    assertThat(leadsPage.statusCode()).isEqualTo(302);
    assertThat(leadsPage.headers().firstValue("Location").orElse("")).endsWith("/signin");
    assertThat(client.get("/").statusCode()).isEqualTo(302);

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
    String key = apiKey(owner, owner.userId());
    HttpResponse<String> in =
        client.send("POST", "/signin", "api_key=" + enc(key) + "&_csrf=" + client.csrf("/signin"));
    assertThat(in.statusCode()).isEqualTo(302);
    long[] before = writes(owner);

    HttpResponse<String> forged =
        client.send("POST", "/ui/inbox/ingest", "channel=sms&name=X&handle=x&text=hello");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(writes(owner)).containsExactly(before);
  }

  @Test
  @DisplayName("signing in with an API key opens the pages as the key's member, in their role")
  void signInWithAnApiKey() throws Exception {
    Actor owner = newOrg("Key Sign-in Co");
    UUID agent = addMember(owner, Role.AGENT);
    String key = apiKey(owner, agent);

    HttpResponse<String> bad =
        client.send(
            "POST",
            "/signin",
            "api_key=" + enc("ofk_nonsense") + "&_csrf=" + client.csrf("/signin"));
    assertThat(bad.headers().firstValue("Location").orElse("")).endsWith("/signin?error");

    HttpResponse<String> good =
        client.send("POST", "/signin", "api_key=" + enc(key) + "&_csrf=" + client.csrf("/signin"));
    assertThat(good.statusCode()).isEqualTo(302);
    HttpResponse<String> dashboard = client.get("/");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Key Sign-in Co").contains("(<span>agent</span>)");
    HttpResponse<String> inbox = client.get("/inbox");
    assertThat(inbox.body()).contains("No conversations yet");

    HttpResponse<String> missing = client.get("/leads/" + UUID.randomUUID());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("<h1>Not Found</h1>").doesNotContain("Exception");
  }

  @Test
  @DisplayName("a removed member's session stops working at their next request")
  void aRemovedMemberIsSignedOut() throws IOException, Exception {
    Actor owner = newOrg("Removal Co");
    UUID agent = addMember(owner, Role.AGENT);
    String key = apiKey(owner, agent);
    client.send("POST", "/signin", "api_key=" + enc(key) + "&_csrf=" + client.csrf("/signin"));
    assertThat(client.get("/inbox").statusCode()).isEqualTo(200);

    omniFlow.tenancy().removeMember(owner, agent);

    HttpResponse<String> after = client.get("/inbox");
    assertThat(after.statusCode()).isEqualTo(302);
    assertThat(after.headers().firstValue("Location").orElse("")).contains("/signin");
  }
}
