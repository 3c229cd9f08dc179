package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Nurture endpoints: apply a playbook to a lead, read its enrollment, stop it")
class NurtureApiTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Nurture Realty");
    omniFlow.packs().select(owner, "real-estate");
    asOwner = as(owner.orgId(), owner.userId());
  }

  private JsonNode ingest(String phone, String text) {
    Answer a =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"sms\", \"sender\": {\"phone\": \""
                + phone
                + "\"}, \"text\": \""
                + text
                + "\"}",
            asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json();
  }

  private String lead(String phone) {
    JsonNode r = ingest(phone, "Is the house on Mission Street still available?");
    Answer lead = post("/leads/from-thread/" + r.path("thread_id").asString(), null, asOwner);
    assertThat(lead.status()).as(lead.body()).isEqualTo(201);
    return lead.json().path("id").asString();
  }

  private Answer apply(String lead, String json, Map<String, String> headers) {
    return post("/leads/" + lead + "/nurture/apply", json, headers);
  }

  @Test
  void applyingAShippedPlaybookEnrollsTheLeadAndStoppingEndsIt() {
    String lead = lead("+14155550151");

    Answer applied = apply(lead, "{\"playbook_id\": \"gentle-follow-up\"}", asOwner);

    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    assertThat(applied.headers().firstValue("Location")).contains("/leads/" + lead + "/nurture");
    JsonNode e = applied.json().path("enrollment");
    assertThat(e.path("playbook_id").asString()).isEqualTo("gentle-follow-up");
    assertThat(e.path("status").asString()).isEqualTo("active");
    assertThat(e.path("step").asInt()).isZero();
    assertThat(e.path("stop_on_reply").asBoolean()).isTrue();
    assertThat(applied.json().path("history").get(0).path("kind").asString()).isEqualTo("started");

    Answer read = get("/leads/" + lead + "/nurture", asOwner);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json().path("enrollment").path("id").asString())
        .isEqualTo(e.path("id").asString());

    assertRefusedWritingNothing(
        owner,
        () -> apply(lead, "{\"playbook_id\": \"warm-lead-push\"}", asOwner),
        409,
        "enrollment_active");

    Answer stopped = post("/leads/" + lead + "/nurture/stop", null, asOwner);
    assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
    assertThat(stopped.json().path("enrollment").path("status").asString()).isEqualTo("stopped");
    assertThat(stopped.json().path("enrollment").path("end_reason").asString())
        .isEqualTo("stopped_by_user");
    assertThat(stopped.json().path("enrollment").path("next_run_at").isNull()).isTrue();
    assertRefusedWritingNothing(
        owner, () -> post("/leads/" + lead + "/nurture/stop", null, asOwner), 409, "not_enrolled");

    Answer again = apply(lead, "{\"playbook_id\": \"warm-lead-push\"}", asOwner);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().path("enrollment").path("playbook_id").asString())
        .isEqualTo("warm-lead-push");
  }

  @Test
  void aLeadNeverEnrolledReadsAsNoEnrollmentAndAReplyStopsAGentleFollowUp() {
    String phone = "+14155550152";
    String lead = lead(phone);
    Answer none = get("/leads/" + lead + "/nurture", asOwner);
    assertThat(none.status()).as(none.body()).isEqualTo(200);
    assertThat(none.json().path("enrollment").isNull()).isTrue();
    assertThat(none.json().path("history").size()).isZero();

    assertThat(apply(lead, "{\"playbook_id\": \"gentle-follow-up\"}", asOwner).status())
        .isEqualTo(201);
    ingest(phone, "Yes, can I see it on Saturday?");

    JsonNode e = get("/leads/" + lead + "/nurture", asOwner).json().path("enrollment");
    assertThat(e.path("status").asString()).isEqualTo("stopped");
    assertThat(e.path("end_reason").asString()).isEqualTo("replied");
  }

  @Test
  void badInputIsRefusedNamingTheFieldWithoutEchoingItAndWritesNothing() {
    String lead = lead("+14155550153");
    assertRefusedWritingNothing(
        owner, () -> apply(lead, "{}", asOwner), 422, "invalid_playbook_id");
    String longKey = "x".repeat(5000);
    Answer tooLong = apply(lead, "{\"playbook_id\": \"" + longKey + "\"}", asOwner);
    assertProblem(tooLong, 422, "invalid_playbook_id");
    assertThat(tooLong.body()).doesNotContain(longKey).contains("playbook_id");
    assertRefusedWritingNothing(
        owner,
        () -> apply(lead, "{\"playbook_id\": \"Gentle Follow Up!\"}", asOwner),
        422,
        "invalid_playbook_id");
    assertRefusedWritingNothing(
        owner,
        () -> apply(lead, "{\"playbook_id\": \"no-such-playbook\"}", asOwner),
        404,
        "unknown_playbook");
    assertRefusedWritingNothing(
        owner,
        () -> apply(lead, "{\"playbook_id\": \"gentle-follow-up\", \"steps\": []}", asOwner),
        422,
        "unknown_property");
    assertRefusedWritingNothing(
        owner, () -> apply(lead, "{\"playbook_id\": ", asOwner), 400, "malformed_json");
    assertRefusedWritingNothing(
        owner,
        () -> apply("not-a-uuid", "{\"playbook_id\": \"gentle-follow-up\"}", asOwner),
        404,
        "not_found");
    assertRefusedWritingNothing(
        owner,
        () ->
            apply(UUID.randomUUID().toString(), "{\"playbook_id\": \"gentle-follow-up\"}", asOwner),
        404,
        "not_found");
    assertThat(get("/leads/" + lead + "/nurture", asOwner).json().path("enrollment").isNull())
        .isTrue();
  }

  @Test
  void aClosedLeadIsAConflictAndAnotherOrgsLeadIsNotFound() {
    String lead = lead("+14155550154");
    Answer lost = post("/leads/" + lead + "/outcome", "{\"status\": \"lost\"}", asOwner);
    assertThat(lost.status()).as(lost.body()).isEqualTo(200);
    assertRefusedWritingNothing(
        owner,
        () -> apply(lead, "{\"playbook_id\": \"gentle-follow-up\"}", asOwner),
        409,
        "lead_closed");

    String open = lead("+14155550155");
    assertThat(apply(open, "{\"playbook_id\": \"gentle-follow-up\"}", asOwner).status())
        .isEqualTo(201);
    Actor other = newOrg("Other Realty");
    omniFlow.packs().select(other, "real-estate");
    Map<String, String> asOther = as(other.orgId(), other.userId());
    assertProblem(
        apply(open, "{\"playbook_id\": \"gentle-follow-up\"}", asOther), 404, "not_found");
    assertProblem(get("/leads/" + open + "/nurture", asOther), 404, "not_found");
    assertProblem(post("/leads/" + open + "/nurture/stop", null, asOther), 404, "not_found");
    assertThat(
            get("/leads/" + open + "/nurture", asOwner)
                .json()
                .path("enrollment")
                .path("status")
                .asString())
        .isEqualTo("active");

    UUID viewer = addMember(owner, Role.VIEWER);
    Map<String, String> asViewer = as(owner.orgId(), viewer);
    assertThat(get("/leads/" + open + "/nurture", asViewer).status()).isEqualTo(200);
    assertRefusedWritingNothing(
        owner, () -> post("/leads/" + open + "/nurture/stop", null, asViewer), 403, "forbidden");
  }
}
