package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The link from a conversation to the lead it became (issue 16, decision 0093), over real HTTP in a
 * fresh org on the real-estate pack: the open thread links to its contact's open lead with the
 * contact, stage and score, where it offered only <b>Convert to a lead</b>; {@code GET
 * /inbox/threads/{id}} carries the lead as {@code open_lead}; a contact with no open lead gets
 * Convert and {@code null}.
 */
@DisplayName("A conversation's link to its lead")
class InboxLeadLinkTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;
  private String thread;

  @BeforeEach
  void aConversation() {
    owner = newOrg("Lead Link Realty");
    omniFlow.packs().select(owner, "real-estate");
    asOwner = as(owner.orgId(), owner.userId());
    thread =
        given(asOwner)
            .thread(
                "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_link\", \"name\":"
                    + " \"Link Person\"}, \"text\": \"Is the house on Oak Street available?\"}");
  }

  private static String detail(String page) {
    int at = page.indexOf("id=\"thread\"");
    assertThat(at).as("the page shows the open thread").isPositive();
    return page.substring(at, page.indexOf("</section>", at));
  }

  @Test
  @DisplayName(
      "a conversation whose contact has no open lead offers Convert and links to no lead, and its"
          + " JSON says open_lead null")
  void noLeadYet() throws Exception {
    String shown = detail(pagesAs(owner, owner.userId()).get("/inbox?thread=" + thread).body());

    assertThat(shown).contains("id=\"to-lead\"").doesNotContain("id=\"thread-lead\"");
    JsonNode json = get("/inbox/threads/" + thread, asOwner).json();
    assertThat(json.path("id").asString()).isEqualTo(thread);
    assertThat(json.has("open_lead")).isTrue();
    assertThat(json.path("open_lead").isNull()).isTrue();
  }

  @Test
  @DisplayName(
      "once it became a lead, the conversation links to the lead with its contact, stage and score"
          + " instead of offering Convert, and its JSON carries the lead, which the list does not")
  void linkedToItsLead() throws Exception {
    String lead = given(asOwner).lead(thread);
    PageClient pages = pagesAs(owner, owner.userId());

    assertThat(detail(pages.get("/inbox?thread=" + thread).body()))
        .contains("href=\"/leads/" + lead + "\"")
        .contains("id=\"thread-lead\"")
        .contains(">Lead: Link Person · New · not scored</a>")
        .doesNotContain("id=\"to-lead\"");

    Answer scored = post("/leads/" + lead + "/score", null, asOwner);
    assertThat(scored.status()).as(scored.body()).isEqualTo(200);
    assertThat(detail(pages.get("/inbox?thread=" + thread).body()))
        .containsPattern(">Lead: Link Person · New · score \\d{1,3} \\((cold|warm|hot)\\)</a>");

    JsonNode json = get("/inbox/threads/" + thread, asOwner).json();
    assertThat(json.path("contact_id").asString()).isNotBlank();
    assertThat(json.path("open_lead").path("id").asString()).isEqualTo(lead);
    assertThat(json.path("open_lead").path("stage").asString()).isEqualTo("new");
    assertThat(json.path("open_lead").path("thread_id").asString()).isEqualTo(thread);
    assertThat(json.path("open_lead").path("score").isInt()).isTrue();
    JsonNode listed = get("/inbox/threads", asOwner).json().path("items").get(0);
    assertThat(listed.path("id").asString()).isEqualTo(thread);
    assertThat(listed.has("open_lead")).as("the list reads no lead per thread").isFalse();
  }

  @Test
  @DisplayName("a viewer follows the link too, and is offered no Convert")
  void aViewerSeesTheLink() throws Exception {
    String lead = given(asOwner).lead(thread);

    String shown =
        detail(pagesAs(owner, addMember(owner, Role.VIEWER)).get("/inbox?thread=" + thread).body());

    assertThat(shown).contains("href=\"/leads/" + lead + "\"").doesNotContain("id=\"to-lead\"");
  }

  @Test
  @DisplayName("once the lead is lost the conversation offers Convert again and links to nothing")
  void aClosedLeadIsNotLinked() throws Exception {
    String lead = given(asOwner).lead(thread);
    Answer lost = post("/leads/" + lead + "/outcome", "{\"status\": \"lost\"}", asOwner);
    assertThat(lost.status()).as(lost.body()).isEqualTo(200);

    String shown = detail(pagesAs(owner, owner.userId()).get("/inbox?thread=" + thread).body());

    assertThat(shown).contains("id=\"to-lead\"").doesNotContain("id=\"thread-lead\"");
    assertThat(get("/inbox/threads/" + thread, asOwner).json().path("open_lead").isNull()).isTrue();
  }
}
