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
 * The inbox's contact panel over real HTTP: the open thread's contact's identities and where their
 * consent stands per channel, as {@code GET /contacts/{id}} and {@code GET /contacts/{id}/consent}
 * have them, for every role that reads the inbox.
 */
@DisplayName("The inbox's contact panel")
class InboxContactPanelPageTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Contact Panel Realty");
    asOwner = as(owner.orgId(), owner.userId());
  }

  private JsonNode say(String text) {
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_panel\", \"name\":"
                + " \"Panel Person\"}, \"text\": \""
                + text
                + "\"}",
            asOwner);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    return in.json();
  }

  private static String panel(String page) {
    int at = page.indexOf("id=\"contact-panel\"");
    assertThat(at).as("the thread shows its contact panel").isPositive();
    return page.substring(at, page.indexOf("</details>", at));
  }

  private static String consentRow(String panel, String channel) {
    int at = panel.indexOf("data-channel=\"" + channel + "\"");
    assertThat(at).as("the panel lists the consent of " + channel).isPositive();
    return panel.substring(at, panel.indexOf("</tr>", at));
  }

  @Test
  @DisplayName(
      "the panel lists the contact's identities and the thread's channel's consent, unknown until"
          + " the ledger says something")
  void identitiesAndUnknownConsent() throws Exception {
    String thread = say("Is it still available?").path("thread_id").asString();

    String panel = panel(pagesAs(owner, owner.userId()).get("/inbox?thread=" + thread).body());

    assertThat(panel).contains("<td>instagram_id</td>").contains(">ig_panel<");
    assertThat(consentRow(panel, "instagram_dm"))
        .contains(">unknown<")
        .contains("nothing recorded");
    assertThat(panel).doesNotContain("data-channel=\"whatsapp\"");
  }

  @Test
  @DisplayName("an inbound STOP shows the channel withdrawn, by inbound keyword, with its time")
  void withdrawnByKeyword() throws Exception {
    String thread = say("Is it still available?").path("thread_id").asString();
    say("Stop");

    String panel = panel(pagesAs(owner, owner.userId()).get("/inbox?thread=" + thread).body());

    assertThat(consentRow(panel, "instagram_dm"))
        .contains(">withdrawn<")
        .contains("inbound keyword")
        .contains("<time datetime=\"");
    assertThat(panel).doesNotContain("data-channel=\"sms\"");
  }

  @Test
  @DisplayName("an opt-out of every channel lists each channel withdrawn, and a viewer reads it")
  void optedOutEverywhereAsAViewer() throws Exception {
    JsonNode hi = say("Hello");
    String thread = hi.path("thread_id").asString();
    Answer opted = post("/contacts/" + hi.path("contact_id").asString() + "/opt-out", "", asOwner);
    assertThat(opted.status()).as(opted.body()).isEqualTo(200);

    String panel =
        panel(pagesAs(owner, addMember(owner, Role.VIEWER)).get("/inbox?thread=" + thread).body());

    for (String channel : new String[] {"instagram_dm", "sms", "whatsapp", "email"}) {
      assertThat(consentRow(panel, channel)).contains(">withdrawn<").contains("agent");
    }
  }
}
