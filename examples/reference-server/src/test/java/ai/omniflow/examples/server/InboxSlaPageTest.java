package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The inbox's and the leads list's SLA badges, and the inbox's assignee and SLA filters, over real
 * HTTP in a fresh org under the generic SLA default (an hour, at risk from 45 minutes): one
 * conversation breached, one at risk, one on track, as {@code GET /inbox/threads} shows them.
 */
@DisplayName("The inbox's SLA badges and filters")
class InboxSlaPageTest extends ServerTest {
  private static final Pattern ROW =
      Pattern.compile("<li[^>]*>\\s*<a [^>]*data-id=\"([0-9a-f-]{36})\"(.*?)</a>", Pattern.DOTALL);

  private Actor owner;
  private Map<String, String> asOwner;
  private UUID agent;
  private String late;
  private String risky;
  private String fresh;

  @BeforeEach
  void threeConversationsOnTheClock() {
    owner = newOrg("Inbox SLA Realty");
    asOwner = as(owner.orgId(), owner.userId());
    agent = addMember(owner, Role.AGENT);
    late = dm("ig_late", Duration.ofHours(2));
    risky = dm("ig_risky", Duration.ofMinutes(50));
    fresh = dm("ig_fresh", Duration.ofMinutes(1));
    Answer assigned =
        post("/inbox/threads/" + risky + "/assign", "{\"user_id\": \"" + agent + "\"}", asOwner);
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
  }

  private String dm(String handle, Duration ago) {
    return given(asOwner).dm(handle, ago, "Hi");
  }

  /** The listed threads' ids, in order, with the text of each one's row. */
  private static Map<String, String> rows(String page) {
    Map<String, String> rows = new java.util.LinkedHashMap<>();
    Matcher m = ROW.matcher(page);
    while (m.find()) {
      rows.put(m.group(1), m.group(2));
    }
    return rows;
  }

  private List<String> listed(PageClient pages, String query) throws Exception {
    HttpResponse<String> r = pages.get("/inbox" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ArrayList<>(rows(r.body()).keySet());
  }

  @Test
  @DisplayName("each conversation shows its SLA badge, and the due time of a clock not yet met")
  void badges() throws Exception {
    String page = pagesAs(owner, owner.userId()).get("/inbox").body();

    Map<String, String> rows = rows(page);
    assertThat(rows).containsOnlyKeys(late, risky, fresh);
    assertThat(rows.get(late)).contains("data-sla=\"breached\"").contains(">SLA breached<");
    assertThat(rows.get(late)).contains("was due");
    assertThat(rows.get(risky)).contains("data-sla=\"at_risk\"").contains(">SLA at risk<");
    assertThat(rows.get(fresh)).contains("data-sla=\"on_track\"").contains(">SLA on track<");
    assertThat(rows.get(fresh)).contains(">due</span>").contains("<time datetime=\"");

    String open = pagesAs(owner, owner.userId()).get("/inbox?thread=" + risky).body();
    assertThat(open).contains("id=\"thread-sla\"").contains("data-sla=\"at_risk\"");
  }

  @Test
  @DisplayName(
      "the inbox keeps the SLA states chosen, most urgent first on request, and the selects show"
          + " the filter in force")
  void slaFilter() throws Exception {
    PageClient pages = pagesAs(owner, owner.userId());

    assertThat(listed(pages, "?sla=at_risk,breached&sort=sla_due")).containsExactly(late, risky);
    assertThat(listed(pages, "?sla=breached,at_risk")).containsExactlyInAnyOrder(late, risky);
    assertThat(listed(pages, "?sla=on_track")).containsExactly(fresh);
    assertThat(listed(pages, "?sort=sla_due")).containsExactly(late, risky, fresh);
    assertThat(listed(pages, "?sla=met")).isEmpty();

    String page = pages.get("/inbox?sla=breached,at_risk&sort=sla_due").body();
    assertThat(page)
        .contains("<option value=\"at_risk,breached\" selected=\"selected\">At risk or breached")
        .contains("<option value=\"sla_due\" selected=\"selected\">Most urgent SLA first")
        .contains("sla=at_risk,breached");
    assertThat(pages.get("/inbox?sla=met").body())
        .contains("No conversation matches these filters.");
  }

  @Test
  @DisplayName(
      "most urgent first lists the conversations a reply can go to first, and marks, after them,"
          + " those whose channel window is closed")
  void answerableFirst() throws Exception {
    String stale = dm("ig_stale", Duration.ofHours(30));
    String text =
        given(asOwner)
            .thread(
                "{\"channel\": \"sms\", \"sender\": {\"handle\": \"+14155550123\"},"
                    + " \"text\": \"Hi\", \"sent_at\": \""
                    + now().minus(Duration.ofHours(3))
                    + "\"}");
    PageClient pages = pagesAs(owner, owner.userId());

    HttpResponse<String> r = pages.get("/inbox?status=open&sla=at_risk,breached&sort=sla_due");
    Map<String, String> rows = rows(r.body());

    assertThat(rows.keySet()).containsExactly(text, late, risky, stale);
    assertThat(rows.get(stale))
        .contains("data-sla=\"breached\"")
        .contains("class=\"badge reply-note\">window closed — template needed<");
    assertThat(rows.get(text)).doesNotContain("reply-note");
    assertThat(r.body()).contains("<span class=\"count\">(4)</span>");
    assertThat(listed(pages, "?sla=at_risk,breached")).containsExactly(risky, late, text, stale);
    assertThat(pages.get("/inbox?thread=" + stale).body())
        .contains("id=\"window-closed\"")
        .contains("a template is needed");
    assertThat(pages.get("/inbox?thread=" + late).body()).doesNotContain("id=\"window-closed\"");
  }

  @Test
  @DisplayName("the inbox keeps one member's conversations, or the unassigned ones")
  void assigneeFilter() throws Exception {
    PageClient pages = pagesAs(owner, owner.userId());

    assertThat(listed(pages, "?assignee=" + agent)).containsExactly(risky);
    assertThat(listed(pages, "?assignee=unassigned")).containsExactlyInAnyOrder(late, fresh);
    assertThat(listed(pages, "?assignee=" + owner.userId())).isEmpty();
    assertThat(listed(pages, "?assignee=unassigned&sla=breached")).containsExactly(late);
    assertThat(pages.get("/inbox?assignee=" + agent).body())
        .contains("<option value=\"" + agent + "\" selected=\"selected\">");
  }

  @Test
  @DisplayName("a bad filter is a 400 page naming the parameter, never echoing it")
  void badFilters() throws Exception {
    PageClient pages = pagesAs(owner, owner.userId());
    String hostile = "<script>alert(1)</script>" + "z".repeat(300);
    long[] before = writes(owner);

    for (String query :
        new String[] {
          "sla=late",
          "sla=AT_RISK",
          "sort=urgent",
          "assignee=someone",
          "channel=" + hostile,
          "sla=" + hostile,
          "assignee=" + hostile
        }) {
      HttpResponse<String> r = pages.get("/inbox?" + query.replace("<", "%3C").replace(">", "%3E"));
      assertThat(r.statusCode()).as(query).isIn(400, 422);
      assertThat(r.body())
          .as(query)
          .containsPattern("(sla|sort|assignee|channel) (must|is not)")
          .doesNotContain("<script>alert")
          .doesNotContain("zzzzzzzz")
          .doesNotContain("Exception");
    }
    assertThat(writes(owner)).containsExactly(before);
  }

  @Test
  @DisplayName("the leads list shows the SLA badge of each lead's first response")
  void leadsListBadges() throws Exception {
    omniFlow.packs().select(owner, "generic");
    String lateLead = lead(late);
    String freshLead = lead(fresh);

    String page = pagesAs(owner, owner.userId()).get("/leads").body();

    assertThat(leadRow(page, lateLead)).contains("data-sla=\"breached\"");
    assertThat(leadRow(page, freshLead)).contains("data-sla=\"on_track\"");
  }

  private String lead(String thread) {
    Answer created = post("/leads/from-thread/" + thread, null, asOwner);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private static String leadRow(String page, String lead) {
    int at = page.indexOf("data-id=\"" + lead + "\"");
    assertThat(at).as("the leads list shows lead " + lead).isPositive();
    return page.substring(at, page.indexOf("</tr>", at));
  }
}
