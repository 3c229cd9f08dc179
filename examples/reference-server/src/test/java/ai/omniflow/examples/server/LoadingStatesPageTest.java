package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The loading states of the page actions that call out (a reply suggestion, a send, a connector
 * health check) over real HTTP: each names an htmx indicator that is on the page, and an error
 * answered to such a request lands in the alert area without touching the address bar. The settings
 * forms that recompute (a pack override, an upgrade, the SLA policy, escalation and calendars) and
 * the quick ones (Score now, Route now, routing, members, time zone) are marked for the pages'
 * busy-form script. {@link LoadingStatesBrowserTest} sees them run.
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
    thread = given(asOwner).dm("ig_loading", Duration.ZERO, "Hi");
  }

  @Test
  @DisplayName(
      "Suggest and Send show an indicator while they run, and Send is disabled while either runs")
  void suggestAndSend() throws Exception {
    String page = pagesAs(owner, owner.userId()).get("/inbox?thread=" + thread).body();

    assertThat(page)
        .contains("hx-indicator=\"#suggest-busy\" hx-disabled-elt=\"#send\"")
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
        .containsPattern(
            "<span class=\"htmx-indicator busy\" role=\"status\" id=\"check-ca_[A-Za-z0-9_-]{22}-busy\">"
                + "Checking…</span>");
  }

  @Test
  @DisplayName(
      "the pack and SLA settings forms that recompute show an indicator while posted, through a"
          + " script of the pages' own")
  void settingsForms() throws Exception {
    omniFlow.packs().select(owner, "real-estate");
    omniFlow.packs().saveOverride(owner, "stages:\n- {key: qualified, label: Pre-qualified}\n");
    OlderPackVersion.accept(store, owner, now(), false);
    PageClient pages = pagesAs(owner, owner.userId());

    String pack = pages.get("/settings/pack").body();
    assertThat(pack)
        .contains("<script defer src=\"/js/busy-forms.js\"></script>")
        .contains("id=\"upgrade-form\" data-busy>")
        .contains("id=\"upgrade-busy\">Accepting the new version and rescoring…</span>")
        .contains("id=\"override-form\" data-busy>")
        .contains("id=\"override-busy\">Checking and saving the override…</span>")
        .contains("/ui/settings/pack/override/delete\" method=\"post\" class=\"stack\" data-busy>");
    String sla = pages.get("/settings/sla").body();
    assertThat(sla)
        .contains("id=\"policy-form\" data-busy>")
        .contains("id=\"policy-busy\">Saving the policy…</span>")
        .contains("id=\"escalation-form\" data-busy>")
        .contains("id=\"new-calendar-form\" data-busy>")
        .contains("<span class=\"busy-indicator busy\" role=\"status\" id=\"new-calendar-busy\">");

    HttpResponse<String> script = pages.get("/js/busy-forms.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("data-busy").contains("button.disabled = on");
  }

  @Test
  @DisplayName(
      "the quick forms (Score now, Route now, routing, members, time zone) show an indicator and"
          + " disable their button while posted, as the settings forms do")
  void quickForms() throws Exception {
    omniFlow.packs().select(owner, "real-estate");
    given(asOwner).routingGroup("team");
    String lead = given(asOwner).lead(thread);
    PageClient pages = pagesAs(owner, owner.userId());

    assertThat(pages.get("/leads/" + lead).body())
        .contains("id=\"rescore-form\" data-busy>")
        .contains("id=\"rescore-busy\">Scoring…</span>")
        .contains("id=\"route-form\" data-busy>")
        .contains("id=\"route-busy\">Routing…</span>");
    assertThat(pages.get("/settings/pack").body())
        .contains("id=\"tz-form\" data-busy>")
        .contains("role=\"status\">Saving the time zone…</span>");
    String routing = pages.get("/settings/routing").body();
    assertThat(routing)
        .contains("id=\"new-agent-form\" data-busy>")
        .contains("id=\"new-group-form\" data-busy>")
        .contains("id=\"group-team-form\" data-busy>")
        .doesNotContainPattern(
            "<form action=\"/ui/settings/routing[^\"]*\" method=\"post\"(?![^>]*data-busy)");
    String members = pages.get("/settings/members").body();
    assertThat(members)
        .contains("id=\"new-member-form\" data-busy>")
        .contains("role=\"status\">Adding the member…</span>");
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
