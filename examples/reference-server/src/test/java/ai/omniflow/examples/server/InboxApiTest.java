package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Inbox endpoints")
class InboxApiTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Inbox Co");
    asOwner = as(owner.orgId(), owner.userId());
  }

  JsonNode ingest(String json) {
    Answer a = post("/inbox/ingest/mock", json, asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json();
  }

  void refused(Supplier<Answer> call, int status, String code) {
    assertRefusedWritingNothing(owner, call, status, code);
  }

  @Test
  @DisplayName("ingest/mock answers 201 with the ids, and the thread and message can be read")
  void ingestAndRead() {
    JsonNode r =
        ingest(
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_1\", \"name\": \"Ana"
                + " Lima\"}, \"text\": \"Hi, how much is it?\", \"campaign\": \"spring\"}");
    assertThat(r.propertyNames())
        .containsExactlyInAnyOrder("contact_id", "thread_id", "message_id", "touchpoint_id");
    String thread = r.path("thread_id").asString();

    Answer list = get("/inbox/threads", asOwner);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("total").asLong()).isEqualTo(1);
    assertThat(list.json().path("limit").asInt()).isEqualTo(20);
    JsonNode t = list.json().path("items").get(0);
    assertThat(t.path("id").asString()).isEqualTo(thread);
    assertThat(t.path("channel").asString()).isEqualTo("instagram_dm");
    assertThat(t.path("status").asString()).isEqualTo("open");
    assertThat(t.path("unread_count").asInt()).isEqualTo(1);
    assertThat(t.path("account_ref").isNull()).isTrue();

    Answer one = get("/inbox/threads/" + thread, asOwner);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("contact_id").asString()).isEqualTo(r.path("contact_id").asString());

    Answer messages = get("/inbox/threads/" + thread + "/messages", asOwner);
    assertThat(messages.status()).isEqualTo(200);
    assertThat(messages.json().path("limit").asInt()).isEqualTo(50);
    JsonNode m = messages.json().path("items").get(0);
    assertThat(m.path("id").asString()).isEqualTo(r.path("message_id").asString());
    assertThat(m.path("direction").asString()).isEqualTo("inbound");
    assertThat(m.path("text").asString()).isEqualTo("Hi, how much is it?");
  }

  @Test
  @DisplayName("a DM, a comment and a lead form from one person make one contact, three threads")
  void threeChannelsOneContact() {
    JsonNode dm =
        ingest(
            "{\"channel\": \"whatsapp\", \"sender\": {\"handle\": \"+14155550101\", \"name\":"
                + " \"Bo\"}, \"text\": \"hello\"}");
    JsonNode comment =
        ingest(
            "{\"channel\": \"instagram_comment\", \"sender\": {\"handle\": \"ig_bo\", \"phone\":"
                + " \"+1 415 555 0101\"}, \"text\": \"price?\", \"post_id\": \"p1\"}");
    JsonNode lead =
        ingest(
            "{\"channel\": \"lead_form\", \"sender\": {\"name\": \"Bo\", \"phone\":"
                + " \"(415) 555-0101\", \"email\": \"bo@example.com\"}, \"text\": \"\","
                + " \"ad_id\": \"ad7\"}");
    String contact = dm.path("contact_id").asString();
    assertThat(comment.path("contact_id").asString()).isEqualTo(contact);
    assertThat(lead.path("contact_id").asString()).isEqualTo(contact);

    JsonNode threads = get("/inbox/threads?contact=" + contact, asOwner).json();
    assertThat(threads.path("total").asLong()).isEqualTo(3);
    assertThat(get("/inbox/threads?channel=lead_form", asOwner).json().path("total").asLong())
        .isEqualTo(1);
    assertThat(
            java.util.Set.of(
                dm.path("touchpoint_id").asString(),
                comment.path("touchpoint_id").asString(),
                lead.path("touchpoint_id").asString()))
        .hasSize(3);
  }

  @Test
  @DisplayName("assign and close a thread, and filter by assignee, unassigned and status")
  void assignAndClose() {
    String thread =
        ingest(
                "{\"channel\": \"sms\", \"sender\": {\"handle\": \"+14155550199\"}, \"text\": \"hi\"}")
            .path("thread_id")
            .asString();
    UUID agent = addMember(owner, Role.AGENT);

    Answer assigned =
        post("/inbox/threads/" + thread + "/assign", "{\"user_id\": \"" + agent + "\"}", asOwner);
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    assertThat(assigned.json().path("assignee_user_id").asString()).isEqualTo(agent.toString());
    assertThat(get("/inbox/threads?assignee=" + agent, asOwner).json().path("total").asLong())
        .isEqualTo(1);
    assertThat(get("/inbox/threads?unassigned=true", asOwner).json().path("total").asLong())
        .isZero();

    Answer closed = post("/inbox/threads/" + thread + "/close", "", asOwner);
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().path("status").asString()).isEqualTo("closed");
    assertThat(get("/inbox/threads?status=open", asOwner).json().path("total").asLong()).isZero();
    assertThat(get("/events?limit=50", asOwner).body())
        .contains("thread.assigned")
        .contains("thread.closed");
  }

  @Test
  @DisplayName("suggest-reply answers a grounded suggestion with the thread's warnings")
  void suggestReply() {
    assertThat(post("/verticals/select", "{\"pack_slug\": \"real-estate\"}", asOwner).status())
        .isEqualTo(200);
    String thread =
        ingest(
                "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_s\", \"name\":"
                    + " \"Cara Diaz\"}, \"text\": \"Can I see the house on saturday?\"}")
            .path("thread_id")
            .asString();
    long[] before = writes(owner);

    Answer s = post("/inbox/threads/" + thread + "/suggest-reply", "", asOwner);

    assertThat(s.status()).as(s.body()).isEqualTo(200);
    JsonNode json = s.json();
    assertThat(json.propertyNames())
        .containsExactlyInAnyOrder(
            "intent", "confidence", "reply", "next_action", "facts_used", "warnings");
    assertThat(json.path("intent").asString()).isEqualTo("showing_request");
    assertThat(json.path("reply").asString()).isNotBlank();
    assertThat(writes(owner)).containsExactly(before);

    String old =
        ingest(
                "{\"channel\": \"whatsapp\", \"sender\": {\"handle\": \"+14155550142\"}, \"text\":"
                    + " \"stop messaging me\", \"sent_at\": \""
                    + twoDaysAgo()
                    + "\"}")
            .path("thread_id")
            .asString();
    JsonNode warned = post("/inbox/threads/" + old + "/suggest-reply", "", asOwner).json();
    assertThat(warned.path("warnings").toString()).contains("opted").contains("window");
  }

  @Test
  @DisplayName("suggest-reply reads the newest messages, so a STOP after 100 others is seen")
  void suggestReplyReadsTheNewestMessages() {
    assertThat(post("/verticals/select", "{\"pack_slug\": \"real-estate\"}", asOwner).status())
        .isEqualTo(200);
    String thread = null;
    for (int i = 0; i < ai.omniflow.inbox.internal.ReplySuggestions.NEWEST_MESSAGES; i++) {
      thread =
          ingest(
                  "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_many\"},"
                      + " \"text\": \"Is the flat still free? "
                      + i
                      + "\"}")
              .path("thread_id")
              .asString();
    }
    ingest(
        "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_many\"}, \"text\":"
            + " \"STOP messaging me\"}");

    JsonNode s = post("/inbox/threads/" + thread + "/suggest-reply", "", asOwner).json();

    assertThat(s.path("warnings").toString()).contains("opted");
  }

  @Test
  @DisplayName("merge and unmerge two contacts over HTTP")
  void mergeUnmerge() {
    String a =
        ingest(
                "{\"channel\": \"sms\", \"sender\": {\"handle\": \"+14155550111\"}, \"text\": \"a\"}")
            .path("contact_id")
            .asString();
    String b =
        ingest(
                "{\"channel\": \"email\", \"sender\": {\"handle\": \"b@example.com\"}, \"text\":"
                    + " \"b\"}")
            .path("contact_id")
            .asString();

    Answer merged =
        post(
            "/contacts/" + a + "/merge",
            "{\"contact_id\": \"" + b + "\", \"reason\": \"same person\"}",
            asOwner);
    assertThat(merged.status()).as(merged.body()).isEqualTo(201);
    assertThat(merged.json().path("survivor_id").asString()).isEqualTo(a);
    assertThat(merged.json().path("merged_id").asString()).isEqualTo(b);
    assertThat(merged.json().path("unmerged_at").isNull()).isTrue();

    Answer undone = post("/contacts/" + a + "/unmerge", "", asOwner);
    assertThat(undone.status()).as(undone.body()).isEqualTo(200);
    assertThat(undone.json().path("id").asString()).isEqualTo(merged.json().path("id").asString());
    assertThat(undone.json().path("unmerged_at").isNull()).isFalse();

    refused(() -> post("/contacts/" + a + "/unmerge", "{}", asOwner), 404, "not_found");
  }

  @Test
  @DisplayName("bad input is refused with a stable code and writes nothing")
  void badInput() {
    String thread =
        ingest(
                "{\"channel\": \"sms\", \"sender\": {\"handle\": \"+14155550177\"}, \"text\": \"x\"}")
            .path("thread_id")
            .asString();
    refused(
        () ->
            post(
                "/inbox/ingest/mock",
                "{\"channel\": \"myspace\", \"sender\": {\"handle\": \"h\"}, \"text\": \"x\"}",
                asOwner),
        422,
        "unknown_channel");
    refused(() -> post("/inbox/ingest/mock", "{\"channel\": ", asOwner), 400, "malformed_json");
    refused(
        () -> post("/inbox/ingest/mock", "{\"channel\": \"sms\", \"text\": \"x\"}", asOwner),
        422,
        "unidentified_sender");

    Actor other = newOrg("Other Co");
    Map<String, String> asOther = as(other.orgId(), other.userId());
    refused(() -> get("/inbox/threads/" + thread, asOther), 404, "not_found");
    refused(() -> get("/inbox/threads/" + thread + "/messages", asOther), 404, "not_found");
    refused(() -> post("/inbox/threads/" + thread + "/close", "", asOther), 404, "not_found");
    refused(() -> get("/inbox/threads/not-a-uuid", asOwner), 404, "not_found");
    refused(() -> get("/inbox/threads?status=maybe", asOwner), 422, "invalid_status");
    Answer longStatus = get("/inbox/threads?status=" + "s".repeat(3000), asOwner);
    assertProblem(longStatus, 422, "invalid_status");
    assertThat(longStatus.body()).doesNotContain("s".repeat(81));
    refused(() -> get("/inbox/threads?channel=fax", asOwner), 422, "unknown_channel");
    Answer longChannel = get("/inbox/threads?channel=" + "x".repeat(2000), asOwner);
    assertProblem(longChannel, 422, "unknown_channel");
    assertThat(longChannel.body()).doesNotContain("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  }

  /** Connects the offline mock connector; returns the first account's ref. */
  String connectMock() {
    return connectMock(asOwner);
  }

  String dmThread(String handle, String sentAt) {
    return ingest(
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \""
                + handle
                + "\", \"name\": \"Dee\"}, \"text\": \"Is it still available?\""
                + (sentAt == null ? "" : ", \"sent_at\": \"" + sentAt + "\"")
                + "}")
        .path("thread_id")
        .asString();
  }

  String draft(String thread, String text) {
    Answer d =
        post("/inbox/threads/" + thread + "/draft-reply", "{\"text\": \"" + text + "\"}", asOwner);
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    return d.json().path("id").asString();
  }

  Answer sendDraft(String thread, String draft) {
    return post("/inbox/threads/" + thread + "/send", "{\"draft_id\": \"" + draft + "\"}", asOwner);
  }

  @Test
  @DisplayName("the issue's flow: connect, ingest a DM, list, suggest, draft, send once")
  void endToEnd() {
    assertThat(post("/verticals/select", "{\"pack_slug\": \"real-estate\"}", asOwner).status())
        .isEqualTo(200);
    String ref = connectMock();
    String thread = dmThread("ig_flow", null);

    JsonNode listed = get("/inbox/threads?channel=instagram_dm", asOwner).json();
    assertThat(listed.path("total").asLong()).isEqualTo(1);
    assertThat(listed.path("items").get(0).path("account_ref").asString()).isEqualTo(ref);
    Answer suggestion = post("/inbox/threads/" + thread + "/suggest-reply", "", asOwner);
    assertThat(suggestion.status()).as(suggestion.body()).isEqualTo(200);
    String reply = suggestion.json().path("reply").asString();
    assertThat(reply).isNotBlank();

    Answer drafted =
        post(
            "/inbox/threads/" + thread + "/draft-reply",
            "{\"text\": " + JSON.writeValueAsString(reply) + "}",
            asOwner);
    assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
    assertThat(drafted.json().path("author_user_id").asString())
        .isEqualTo(owner.userId().toString());
    String draft = drafted.json().path("id").asString();

    Answer sent = sendDraft(thread, draft);
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    assertThat(sent.json().path("direction").asString()).isEqualTo("outbound");
    assertThat(sent.json().path("provider_message_id").asString()).startsWith("mock-msg-");
    assertThat(sent.json().path("delivery_status").asString()).isEqualTo("sent");
    assertThat(sent.json().path("text").asString()).isEqualTo(reply);

    JsonNode messages = get("/inbox/threads/" + thread + "/messages", asOwner).json();
    assertThat(messages.path("total").asLong()).isEqualTo(2);
    assertThat(messages.path("items").get(1).path("id").asString())
        .isEqualTo(sent.json().path("id").asString());
    assertThat(get("/inbox/threads/" + thread, asOwner).json().path("last_outbound_at").isNull())
        .isFalse();
    assertThat(get("/events?limit=50", asOwner).body())
        .contains("draft.created")
        .contains("message.sent");

    refused(() -> sendDraft(thread, draft), 409, "draft_sent");
    assertThat(get("/inbox/threads/" + thread + "/messages", asOwner).json().path("total").asLong())
        .isEqualTo(2);
  }

  @Test
  @DisplayName("drafts and sends are refused with their reason and write nothing")
  void sendRefusals() {
    String noAccount = dmThread("ig_none", null);
    String d0 = draft(noAccount, "Hello");
    refused(() -> sendDraft(noAccount, d0), 409, "no_channel_account");

    connectMock();
    String thread = dmThread("ig_bad", null);
    refused(
        () -> post("/inbox/threads/" + thread + "/draft-reply", "{\"text\": \"  \"}", asOwner),
        422,
        "invalid_draft");
    refused(
        () -> post("/inbox/threads/" + thread + "/draft-reply", "{}", asOwner),
        422,
        "invalid_draft");
    refused(
        () ->
            post(
                "/inbox/threads/" + thread + "/draft-reply",
                "{\"text\": \"" + "x".repeat(4097) + "\"}",
                asOwner),
        422,
        "invalid_draft");
    refused(
        () -> post("/inbox/threads/" + thread + "/draft-reply", "{\"text\": ", asOwner),
        400,
        "malformed_json");

    Actor other = newOrg("Elsewhere");
    Map<String, String> asOther = as(other.orgId(), other.userId());
    refused(
        () -> post("/inbox/threads/" + thread + "/draft-reply", "{\"text\": \"hi\"}", asOther),
        404,
        "not_found");
    String d1 = draft(thread, "Hello");
    refused(
        () -> post("/inbox/threads/" + thread + "/send", "{\"draft_id\": \"" + d1 + "\"}", asOther),
        404,
        "not_found");

    String old = dmThread("ig_old", twoDaysAgo());
    String d2 = draft(old, "Hello");
    refused(() -> sendDraft(old, d2), 409, "window_closed");

    // An unhealthy account: disconnected.
    String ref = get("/inbox/threads/" + thread, asOwner).json().path("account_ref").asString();
    assertThat(delete("/connectors/mock/" + ref, asOwner).status()).isEqualTo(200);
    refused(() -> sendDraft(thread, d1), 409, "account_disconnected");

    String closed = dmThread("ig_closed", null);
    String d3 = draft(closed, "Hello");
    assertThat(post("/inbox/threads/" + closed + "/close", "", asOwner).status()).isEqualTo(200);
    refused(() -> sendDraft(closed, d3), 409, "thread_closed");

    String out = dmThread("ig_out", null);
    String d4 = draft(out, "Hello");
    String contact = get("/inbox/threads/" + out, asOwner).json().path("contact_id").asString();
    Answer opted = post("/contacts/" + contact + "/opt-out", "", asOwner);
    assertThat(opted.status()).as(opted.body()).isEqualTo(200);
    refused(() -> sendDraft(out, d4), 409, "contact_opted_out");

    UUID viewer = addMember(owner, Role.VIEWER);
    Map<String, String> asViewer = as(owner.orgId(), viewer);
    String fresh = dmThread("ig_view", null);
    String d5 = draft(fresh, "Hello");
    refused(
        () -> post("/inbox/threads/" + fresh + "/draft-reply", "{\"text\": \"hi\"}", asViewer),
        403,
        "forbidden");
    refused(
        () -> post("/inbox/threads/" + fresh + "/send", "{\"draft_id\": \"" + d5 + "\"}", asViewer),
        403,
        "forbidden");
    refused(
        () ->
            post(
                "/inbox/ingest/mock",
                "{\"channel\": \"myspace\", \"sender\": {\"handle\": \"h\"}, \"text\": \"x\"}",
                asViewer),
        403,
        "forbidden");
  }

  /** A time past the 24-hour reply window but inside ingest's sent_at window. */
  private static String twoDaysAgo() {
    return java.time.Instant.now().minus(java.time.Duration.ofDays(2)).toString();
  }

  JsonNode say(String handle, String text) {
    return ingest(
        "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \""
            + handle
            + "\"}, \"text\": \""
            + text
            + "\"}");
  }

  @Test
  @DisplayName("an inbound STOP withdraws the channel, a reply is refused, START gives it back")
  void stopAndStartOverHttp() {
    JsonNode hi = say("ig_stop", "Is it still available?");
    String thread = hi.path("thread_id").asString();
    String contact = hi.path("contact_id").asString();
    String d = draft(thread, "Yes!");
    JsonNode stop = say("ig_stop", "Stop");

    Answer c = get("/contacts/" + contact + "/consent", asOwner);
    assertThat(c.status()).as(c.body()).isEqualTo(200);
    JsonNode ig = c.json().path("channels").path("instagram_dm");
    assertThat(ig.path("state").asString()).isEqualTo("withdrawn");
    assertThat(ig.path("decided_by").path("source").asString()).isEqualTo("inbound_keyword");
    assertThat(ig.path("decided_by").path("reason").asString()).isEqualTo("Stop");
    assertThat(ig.path("decided_by").path("message_id").asString())
        .isEqualTo(stop.path("message_id").asString());
    assertThat(c.json().path("channels").path("whatsapp").path("state").asString())
        .isEqualTo("unknown");
    assertThat(c.json().path("history").size()).isEqualTo(1);

    refused(() -> sendDraft(thread, d), 409, "contact_opted_out");

    say("ig_stop", "START");
    JsonNode after = get("/contacts/" + contact + "/consent", asOwner).json();
    assertThat(after.path("channels").path("instagram_dm").path("state").asString())
        .isEqualTo("given");
    assertThat(after.path("history").get(0).path("change").asString()).isEqualTo("opted_in");
    assertThat(after.path("history").get(1).path("change").asString()).isEqualTo("opted_out");
    assertThat(get("/contacts/" + contact + "/consent?limit=1", asOwner).json().path("history"))
        .hasSize(1);
  }

  /** The texts of the thread's outbound messages, oldest first. */
  java.util.List<String> outbound(String thread) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode m : get("/inbox/threads/" + thread + "/messages", asOwner).json().path("items")) {
      if (m.path("direction").asString().equals("outbound")) {
        out.add(m.path("text").asString());
      }
    }
    return out;
  }

  @Test
  @DisplayName(
      "an inbound HELP (AYUDA in the pack's Spanish) is answered once with the org's help text"
          + " through the send path; a STOP is not, and an opted-out contact's HELP is answered"
          + " too, while an agent's reply to them is refused")
  void helpIsAnsweredWithTheOrgsHelpText() {
    assertThat(post("/verticals/select", "{\"pack_slug\": \"real-estate\"}", asOwner).status())
        .isEqualTo(200);
    connectMock();
    String thread = say("ig_help", "Hi there").path("thread_id").asString();

    say("ig_help", "Help!");
    assertThat(outbound(thread)).singleElement().asString().startsWith("Inbox Co: for help");

    Answer set =
        send(
            "PUT",
            "/org/help-text",
            "{\"help_text\": \"Inbox Co: call (415) 555-0100. Reply STOP to opt out.\"}",
            asOwner);
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    say("ig_help", "ayuda");
    assertThat(outbound(thread))
        .hasSize(2)
        .last()
        .isEqualTo("Inbox Co: call (415) 555-0100. Reply STOP to opt out.");

    say("ig_help", "STOP");
    assertThat(outbound(thread)).hasSize(2);
    say("ig_help", "HELP");
    assertThat(outbound(thread))
        .hasSize(3)
        .last()
        .isEqualTo("Inbox Co: call (415) 555-0100. Reply STOP to opt out.");
    String reply = draft(thread, "Still looking?");
    refused(() -> sendDraft(thread, reply), 409, "contact_opted_out");
    assertThat(outbound(thread)).hasSize(3);
    String events = get("/events?limit=50", asOwner).json().path("items").toString();
    assertThat(events).contains("draft.created").contains("\"allowed_by\":\"help_answer\"");
  }

  @Test
  @DisplayName("consent answers 404 for an unknown or unparsable contact, 400 for a bad limit")
  void consentBadInput() {
    String contact = say("ig_bad", "hello").path("contact_id").asString();
    refused(() -> get("/contacts/" + UUID.randomUUID() + "/consent", asOwner), 404, "not_found");
    refused(() -> get("/contacts/not-a-uuid/consent", asOwner), 404, "not_found");
    refused(
        () -> get("/contacts/" + contact + "/consent?limit=abc", asOwner), 400, "invalid_paging");
    refused(() -> get("/contacts/" + contact + "/consent?limit=0", asOwner), 400, "invalid_paging");
    Actor other = newOrg("Elsewhere");
    Answer theirs = get("/contacts/" + contact + "/consent", as(other.orgId(), other.userId()));
    assertThat(theirs.status()).isEqualTo(404);

    Answer opted = post("/contacts/" + contact + "/opt-out", "", asOwner);
    assertThat(opted.status()).as(opted.body()).isEqualTo(200);
    JsonNode all = get("/contacts/" + contact + "/consent", asOwner).json();
    assertThat(all.path("history").get(0).path("channel").isNull()).isTrue();
    assertThat(all.path("history").get(0).path("source").asString()).isEqualTo("agent");
    assertThat(all.path("channels").path("sms").path("state").asString()).isEqualTo("withdrawn");
  }
}
