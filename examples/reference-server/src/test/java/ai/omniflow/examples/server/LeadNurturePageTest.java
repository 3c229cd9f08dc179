package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The lead page's nurture section over real HTTP, in a fresh org on the real-estate pack: the
 * lead's enrollment with its playbook, step, next run and history; <b>Stop nurture</b> for those
 * who may write leads, with the stop reason shown after; a viewer shown no control and refused a
 * forged stop; a stop of no running enrollment refused writing nothing; the playbooks suggested for
 * a lead with why, and <b>Apply</b>, refused writing nothing for a viewer and for a playbook that
 * stopped fitting the pack (decision 0093).
 */
@DisplayName("The lead page's nurture")
class LeadNurturePageTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;
  private String lead;

  @BeforeEach
  void aLead() {
    owner = newOrg("Nurture Page Realty");
    omniFlow.packs().select(owner, "real-estate");
    asOwner = as(owner.orgId(), owner.userId());
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"sms\", \"sender\": {\"phone\": \"+14155550177\"}, "
                + "\"text\": \"Is the house on Mission Street still available?\"}",
            asOwner);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    Answer created =
        post("/leads/from-thread/" + in.json().path("thread_id").asString(), null, asOwner);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    lead = created.json().path("id").asString();
  }

  private void enroll() {
    Answer applied =
        post(
            "/leads/" + lead + "/nurture/apply",
            "{\"playbook_id\": \"gentle-follow-up\"}",
            asOwner);
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
  }

  private static String section(String page) {
    int at = page.indexOf("id=\"nurture-title\"");
    assertThat(at).as("the page has a nurture section").isPositive();
    return page.substring(at, page.indexOf("</section>", at));
  }

  /** The suggested playbooks of the page's nurture section. */
  private static String suggestions(String page) {
    int at = page.indexOf("id=\"nurture-suggestions\"");
    assertThat(at).as("the page suggests playbooks").isPositive();
    return page.substring(at, page.indexOf("</div>", at));
  }

  /** Posts Apply of {@code playbook} from the lead page as htmx does: a boosted form. */
  private HttpResponse<String> apply(PageClient pages, String playbook) throws Exception {
    return pages.send(
        "POST",
        "/ui/leads/" + lead + "/nurture/apply",
        "playbook=" + playbook + "&_csrf=" + pages.csrf("/leads/" + lead),
        Map.of("HX-Request", "true"));
  }

  private void saveQualify() {
    given(asOwner)
        .playbook(
            Given.callThenStage("qualify", "Call, then qualify", "mark_qualified", "qualified"));
  }

  @Test
  @DisplayName("a lead never enrolled says so, and that no playbook fits it yet")
  void notEnrolled() throws Exception {
    String page = pagesAs(owner, owner.userId()).get("/leads/" + lead).body();

    assertThat(section(page)).contains("id=\"no-nurture\"").doesNotContain("nurture-stop");
    // The contact wrote just now (not silent for a day) and the lead is not scored (no band).
    assertThat(suggestions(page)).contains("id=\"no-suggestions\"").doesNotContain("<form");
  }

  @Test
  @DisplayName(
      "the playbooks that fit the lead are listed with why, and Apply enrolls it in one, with an"
          + " indicator while it runs")
  void suggestedAndApplied() throws Exception {
    saveQualify();
    PageClient pages = pagesAs(owner, owner.userId());

    String suggested = suggestions(pages.get("/leads/" + lead).body());
    assertThat(suggested)
        .contains("data-playbook=\"qualify\"")
        .contains("<strong>Call, then qualify</strong>")
        .contains("<li>it is meant for any open lead</li>")
        .contains(
            "hx-boost=\"true\" hx-indicator=\"find .busy\""
                + " hx-disabled-elt=\"#nurture-suggestions button\""
                + " hx-headers='{\"Accept\": \"text/html\"}'")
        .contains("<input type=\"hidden\" name=\"playbook\" value=\"qualify\">")
        .contains("id=\"apply-qualify\"")
        .contains("role=\"status\" id=\"apply-qualify-busy\">Enrolling…</span>")
        .doesNotContain("gentle-follow-up");

    HttpResponse<String> applied = apply(pages, "qualify");
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);
    assertThat(applied.headers().firstValue("Location").orElse(""))
        .endsWith("/leads/" + lead + "#nurture-title");
    JsonNode enrollment = get("/leads/" + lead + "/nurture", asOwner).json().path("enrollment");
    assertThat(enrollment.path("playbook_id").asString()).isEqualTo("qualify");
    assertThat(enrollment.path("status").asString()).isEqualTo("active");

    String page = pages.get("/leads/" + lead).body();
    assertThat(page).contains("Nurture started: Call, then qualify.");
    assertThat(section(page))
        .contains("data-status=\"active\"")
        .contains("id=\"nurture-stop\"")
        .as("a lead that runs an enrollment is suggested none")
        .doesNotContain("nurture-suggestions");
  }

  @Test
  @DisplayName(
      "a viewer sees the suggested playbooks without Apply, and a forged Apply is 403 writing"
          + " nothing")
  void aViewerCannotApply() throws Exception {
    saveQualify();
    PageClient viewer = pagesAs(owner, addMember(owner, Role.VIEWER));

    assertThat(suggestions(viewer.get("/leads/" + lead).body()))
        .contains("data-playbook=\"qualify\"")
        .doesNotContain("<form")
        .doesNotContain("apply-qualify");

    long[] before = writes(owner);
    HttpResponse<String> forged =
        viewer.submit("/leads/" + lead, "/ui/leads/" + lead + "/nurture/apply", "playbook=qualify");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).doesNotContain("Exception");
    assertThat(writes(owner)).containsExactly(before);
    assertThat(get("/leads/" + lead + "/nurture", asOwner).json().path("enrollment").isNull())
        .isTrue();
  }

  @Test
  @DisplayName(
      "Apply of a playbook that stopped fitting the pack after the page was shown answers the"
          + " refusal in the page's alert area and writes nothing")
  void applyingAPlaybookThatNoLongerFits() throws Exception {
    saveQualify();
    PageClient pages = pagesAs(owner, owner.userId());
    assertThat(suggestions(pages.get("/leads/" + lead).body())).contains("id=\"apply-qualify\"");
    String csrf = pages.csrf("/leads/" + lead);
    // The med-spa pack has no stage 'qualified'.
    assertThat(post("/verticals/select", "{\"pack_slug\": \"med-spa\"}", asOwner).status())
        .isEqualTo(200);
    long[] before = writes(owner);

    HttpResponse<String> refused =
        pages.send(
            "POST",
            "/ui/leads/" + lead + "/nurture/apply",
            "playbook=qualify&_csrf=" + csrf,
            Map.of("HX-Request", "true"));

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.headers().firstValue("HX-Retarget")).contains("#alerts");
    assertThat(refused.body())
        .contains("class=\"error\" role=\"alert\"")
        .contains("no longer fits the org&#39;s pack")
        .contains("/steps/1/change_stage/stage")
        .doesNotContain("Exception");
    assertThat(writes(owner)).containsExactly(before);
    assertThat(get("/leads/" + lead + "/nurture", asOwner).json().path("enrollment").isNull())
        .isTrue();

    HttpResponse<String> plain =
        pages.send(
            "POST", "/ui/leads/" + lead + "/nurture/apply", "playbook=qualify&_csrf=" + csrf);
    assertThat(plain.statusCode()).isEqualTo(409);
    assertThat(writes(owner)).containsExactly(before);
    String page = pages.get("/leads/" + lead).body();
    assertThat(page).contains("id=\"nurture-left-out\"");
    assertThat(section(page)).doesNotContain("id=\"apply-qualify\"");
  }

  @Test
  @DisplayName("Apply with no playbook, or one the pack does not have, is refused writing nothing")
  void applyingNoPlaybookOrAnUnknownOne() throws Exception {
    PageClient pages = pagesAs(owner, owner.userId());
    long[] before = writes(owner);

    HttpResponse<String> none =
        pages.submit("/leads/" + lead, "/ui/leads/" + lead + "/nurture/apply", "");
    HttpResponse<String> unknown =
        pages.submit("/leads/" + lead, "/ui/leads/" + lead + "/nurture/apply", "playbook=nope");

    assertThat(none.statusCode()).isEqualTo(422);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).doesNotContain("Exception");
    assertThat(writes(owner)).containsExactly(before);
  }

  @Test
  @DisplayName(
      "an enrollment shows its playbook, current step, next run and history, and Stop ends it"
          + " with the reason shown")
  void showAndStop() throws Exception {
    enroll();
    PageClient pages = pagesAs(owner, owner.userId());

    String running = section(pages.get("/leads/" + lead).body());
    assertThat(running)
        .contains("Gentle follow-up")
        .contains("gentle-follow-up")
        .contains("data-status=\"active\"")
        .containsPattern("Step [1-5] of 5: [a-z_]+ \\((send|wait|task)\\)")
        .contains("id=\"nurture-next\"")
        .contains("started")
        .contains("id=\"nurture-stop\"");

    HttpResponse<String> stopped =
        pages.submit("/leads/" + lead, "/ui/leads/" + lead + "/nurture/stop", "");
    assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(302);
    assertThat(
            get("/leads/" + lead + "/nurture", asOwner)
                .json()
                .path("enrollment")
                .path("status")
                .asString())
        .isEqualTo("stopped");

    String page = pages.get("/leads/" + lead).body();
    assertThat(page).contains("Nurture stopped.");
    assertThat(section(page))
        .contains("data-status=\"stopped\"")
        .contains("stopped by a person")
        .contains("<code>stopped_by_user</code>")
        .doesNotContain("id=\"nurture-next\"")
        .doesNotContain("id=\"nurture-stop\"");
  }

  @Test
  @DisplayName("stopping a lead with no running enrollment is a 409 page that writes nothing")
  void stopWithoutEnrollment() throws Exception {
    PageClient pages = pagesAs(owner, owner.userId());
    long[] before = writes(owner);

    HttpResponse<String> refused =
        pages.submit("/leads/" + lead, "/ui/leads/" + lead + "/nurture/stop", "");
    HttpResponse<String> elsewhere =
        pages.submit("/leads/" + lead, "/ui/leads/" + UUID.randomUUID() + "/nurture/stop", "");

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).doesNotContain("Exception");
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(writes(owner)).containsExactly(before);
  }

  @Test
  @DisplayName(
      "a viewer sees the enrollment without Stop, and a forged stop is 403 writing nothing")
  void aViewerCannotStop() throws Exception {
    enroll();
    PageClient viewer = pagesAs(owner, addMember(owner, Role.VIEWER));

    assertThat(section(viewer.get("/leads/" + lead).body()))
        .contains("Gentle follow-up")
        .doesNotContain("nurture-stop");

    long[] before = writes(owner);
    HttpResponse<String> forged =
        viewer.submit("/leads/" + lead, "/ui/leads/" + lead + "/nurture/stop", "");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(writes(owner)).containsExactly(before);
    assertThat(
            get("/leads/" + lead + "/nurture", asOwner)
                .json()
                .path("enrollment")
                .path("status")
                .asString())
        .isEqualTo("active");
  }

  @Test
  @DisplayName(
      "a playbook of the org's that the pack no longer fits is shown left out with its step and"
          + " problem, with no way to apply it, until the pack fits it again")
  void leftOutPlaybookShownWithItsReason() throws Exception {
    given(asOwner)
        .playbook(
            Given.callThenStage("qualify", "Call, then qualify", "mark_qualified", "qualified"));
    PageClient pages = pagesAs(owner, owner.userId());
    assertThat(section(pages.get("/leads/" + lead).body())).doesNotContain("nurture-left-out");

    // The med-spa pack has no stage 'qualified'.
    assertThat(post("/verticals/select", "{\"pack_slug\": \"med-spa\"}", asOwner).status())
        .isEqualTo(200);

    String page = pages.get("/leads/" + lead).body();
    assertThat(suggestions(page)).doesNotContain("data-playbook=\"qualify\"");
    int at = page.indexOf("id=\"nurture-left-out\"");
    assertThat(at).as("the section lists the playbooks left out").isPositive();
    String left = page.substring(at, page.indexOf("</details>", at));
    assertThat(left)
        .contains("Call, then qualify")
        .contains("data-playbook=\"qualify\"")
        .contains("does not fit the pack")
        .contains("Step 2")
        .contains("/steps/1/change_stage/stage")
        .contains("&#39;qualified&#39;, which the pack does not have")
        .doesNotContain("nurture/apply")
        .doesNotContain("<button");
    String viewer =
        section(pagesAs(owner, addMember(owner, Role.VIEWER)).get("/leads/" + lead).body());
    assertThat(viewer).contains("data-playbook=\"qualify\"");

    assertThat(post("/verticals/select", "{\"pack_slug\": \"real-estate\"}", asOwner).status())
        .isEqualTo(200);
    assertThat(section(pages.get("/leads/" + lead).body())).doesNotContain("nurture-left-out");
  }
}
