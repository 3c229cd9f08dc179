package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The loading states of the page actions that call out (a reply suggestion, a send, a connector
 * health check) over real HTTP: each names an htmx indicator that is on the page, and an error
 * answered to such a request lands in the alert area without touching the address bar.
 */
@DisplayName("The pages' loading states")
class LoadingStatesPageTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;
  private String thread;

  @BeforeEach
  void aConversationOnAConnectedAccount() {
    owner = newOrg("Loading States Realty");
    asOwner = as(owner.orgId(), owner.userId());
    connectMock(asOwner);
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_loading\"}, \"text\":"
                + " \"Hi\"}",
            asOwner);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    thread = in.json().path("thread_id").asString();
  }

  @Test
  @DisplayName("Suggest and Send show an indicator while they run, and Send is disabled meanwhile")
  void suggestAndSend() throws Exception {
    String page = pagesAs(owner, owner.userId()).get("/inbox?thread=" + thread).body();

    assertThat(page)
        .contains("hx-indicator=\"#suggest-busy\"")
        .contains("id=\"suggest-busy\" class=\"htmx-indicator busy\" role=\"status\"")
        .contains("hx-boost=\"true\" hx-indicator=\"#send-busy\" hx-disabled-elt=\"#send\"")
        .contains("id=\"send-busy\" class=\"htmx-indicator busy\" role=\"status\"");
  }

  @Test
  @DisplayName("Check now shows an indicator while the connector is asked")
  void checkNow() throws Exception {
    String page = pagesAs(owner, owner.userId()).get("/connectors").body();

    assertThat(page)
        .contains("hx-boost=\"true\" hx-indicator=\"find .busy\" hx-disabled-elt=\"find button\"")
        .contains("<span class=\"htmx-indicator busy\" role=\"status\">Checking…</span>");
  }

  @Test
  @DisplayName(
      "a refused boosted send answers its message for the alert area, keeps the address and writes"
          + " nothing")
  void aRefusedBoostedSend() throws Exception {
    PageClient pages = pagesAs(owner, owner.userId());
    String token = pages.csrf("/inbox?thread=" + thread);
    long[] before = writes(owner);

    HttpResponse<String> refused =
        pages.send(
            "POST",
            "/ui/inbox/" + thread + "/send",
            "text=&_csrf=" + token,
            Map.of("HX-Request", "true", "HX-Boosted", "true"));

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.headers().firstValue("HX-Retarget")).contains("#alerts");
    assertThat(refused.headers().firstValue("HX-Push-Url")).contains("false");
    assertThat(refused.body()).contains("role=\"alert\"").doesNotContain("<html");
    assertThat(writes(owner)).containsExactly(before);
  }
}
