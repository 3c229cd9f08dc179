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

@DisplayName("Lead endpoints")
class LeadsApiTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Leads Co");
    omniFlow.packs().select(owner, "real-estate");
    asOwner = as(owner.orgId(), owner.userId());
  }

  String thread(String json) {
    Answer a = post("/inbox/ingest/mock", json, asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().path("thread_id").asString();
  }

  JsonNode lead(String threadId) {
    Answer a = post("/leads/from-thread/" + threadId, null, asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json();
  }

  void refused(Supplier<Answer> call, int status, String code) {
    assertRefusedWritingNothing(owner, call, status, code);
  }

  @Test
  @DisplayName("a lead form becomes a lead with its source, campaign and answers as fields")
  void leadFormToLead() {
    String t =
        thread(
            "{\"channel\": \"lead_form\", \"sender\": {\"phone\": \"+14155550123\", \"name\":"
                + " \"Ana\"}, \"text\": \"\", \"campaign\": \"spring\", \"ad_id\": \"ad-7\","
                + " \"fields\": {\"budget\": \"$850,000\", \"zip_code\": \"94110\","
                + " \"pre_approved\": \"yes\"}}");

    // The org's lead-ad forms become leads as they are ingested (on by default): the conversion
    // finds the lead the form made.
    Answer found = post("/leads/from-thread/" + t, null, asOwner);
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    JsonNode l = found.json();
    assertThat(l.path("created").asBoolean()).isFalse();
    assertThat(l.path("source_channel").asString()).isEqualTo("lead_form");
    assertThat(l.path("campaign_id").asString()).isEqualTo("spring");
    assertThat(l.path("ad_id").asString()).isEqualTo("ad-7");
    assertThat(l.path("stage").asString()).isEqualTo("new");
    assertThat(l.path("status").asString()).isEqualTo("open");
    assertThat(l.path("fields").path("budget").decimalValue()).isEqualByComparingTo("850000");
    assertThat(l.path("fields").path("zip").asString()).isEqualTo("94110");
    assertThat(l.path("fields").path("pre_approved").asBoolean()).isTrue();

    Answer again = post("/leads/from-thread/" + t, null, asOwner);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("id").asString()).isEqualTo(l.path("id").asString());
    assertThat(again.json().path("created").asBoolean()).isFalse();
  }

  @Test
  @DisplayName("scoring answers with the score, its band and an explanation that adds up")
  void scoreExplains() {
    String t =
        thread(
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_bo\"}, \"text\":"
                + " \"Can we schedule a showing this weekend?\"}");
    String id = lead(t).path("id").asString();
    Answer patched =
        send(
            "PATCH",
            "/leads/" + id,
            "{\"fields\": {\"budget\": 1200000, \"pre_approved\": true, \"timeline\": \"Within 3"
                + " months\"}, \"stage\": \"contacted\"}",
            asOwner);
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().path("stage").asString()).isEqualTo("contacted");

    Answer scored = post("/leads/" + id + "/score", null, asOwner);

    assertThat(scored.status()).as(scored.body()).isEqualTo(200);
    JsonNode score = scored.json().path("score");
    int total = score.path("score").asInt();
    int sum = 0;
    for (JsonNode line : score.path("explanation")) {
      sum += line.path("points").asInt();
    }
    assertThat(sum).isEqualTo(total);
    assertThat(total).isGreaterThan(50);
    assertThat(scored.json().path("lead").path("score").asInt()).isEqualTo(total);
    assertThat(scored.json().path("lead").path("score_band").asString()).isNotBlank();
    assertThat(scored.json().path("changed").asBoolean()).isTrue();

    Answer history = get("/leads/" + id + "/scores", asOwner);
    assertThat(history.json().path("total").asLong()).isEqualTo(1);
    Answer hot =
        get("/leads?band=" + scored.json().path("lead").path("score_band").asString(), asOwner);
    assertThat(hot.json().path("items").get(0).path("id").asString()).isEqualTo(id);
  }

  @Test
  @DisplayName("an outcome closes the lead and keeps its money exactly")
  void outcome() {
    String id =
        lead(thread(
                "{\"channel\": \"sms\", \"sender\": {\"phone\": \"+14155550124\"}, \"text\":"
                    + " \"hi\"}"))
            .path("id")
            .asString();

    Answer won =
        post(
            "/leads/" + id + "/outcome",
            "{\"status\": \"won\", \"amount\": \"18250.75\", \"currency\": \"usd\", \"reason\":"
                + " \"Closed escrow\"}",
            asOwner);

    assertThat(won.status()).as(won.body()).isEqualTo(200);
    assertThat(won.json().path("status").asString()).isEqualTo("won");
    assertThat(won.json().path("stage").asString()).isEqualTo("won");
    assertThat(won.json().path("outcome").path("amount").asString()).isEqualTo("18250.75");
    assertThat(won.json().path("outcome").path("currency").asString()).isEqualTo("USD");
    assertThat(get("/leads?status=closed", asOwner).json().path("total").asLong()).isEqualTo(1);
  }

  @Test
  @DisplayName("bad input gets 422 or 404 and writes nothing")
  void badInput() {
    String id =
        lead(thread(
                "{\"channel\": \"sms\", \"sender\": {\"phone\": \"+14155550125\"}, \"text\":"
                    + " \"hi\"}"))
            .path("id")
            .asString();
    String outcome = "/leads/" + id + "/outcome";

    refused(
        () ->
            post(outcome, "{\"status\": \"won\", \"amount\": -5, \"currency\": \"USD\"}", asOwner),
        422,
        "invalid_amount");
    refused(
        () -> post(outcome, "{\"status\": \"won\", \"amount\": 5, \"currency\": \"XYZ\"}", asOwner),
        422,
        "invalid_currency");
    refused(() -> post(outcome, "{\"status\": \"maybe\"}", asOwner), 422, "invalid_outcome");
    refused(
        () -> post(outcome, "{\"status\": \"lost\", \"tip\": 5}", asOwner),
        422,
        "unknown_property");
    refused(
        () -> send("PATCH", "/leads/" + id, "{\"fields\": {\"bedrooms\": 3}}", asOwner),
        422,
        "unknown_field");
    refused(
        () -> send("PATCH", "/leads/" + id, "{\"stage\": \"won\"}", asOwner),
        422,
        "stage_needs_outcome");
    refused(() -> get("/leads/not-a-uuid", asOwner), 404, "not_found");
    refused(() -> post("/leads/from-thread/" + UUID.randomUUID(), null, asOwner), 404, "not_found");
    refused(() -> get("/leads?band=lukewarm", asOwner), 400, "invalid_filter");
  }

  @Test
  @DisplayName("an unknown source filter is quoted in the error at most 80 characters long")
  void aLongSourceIsNotEchoed() {
    String hostile = "fax" + "x".repeat(5_000);
    Answer a = get("/leads?source=" + hostile, asOwner);
    assertProblem(a, 400, "invalid_filter");
    String detail = a.json().path("detail").asString();
    assertThat(detail).contains("'" + hostile.substring(0, 80) + "…'").contains("is not a channel");
    assertThat(a.body()).doesNotContain(hostile.substring(0, 81));
    Answer shortOne = get("/leads?source=fax", asOwner);
    assertProblem(shortOne, 400, "invalid_filter");
    assertThat(shortOne.json().path("detail").asString()).contains("'fax' is not a channel");
  }

  @Test
  @DisplayName("another org's lead is 404, and a viewer may read but not score")
  void isolationAndRoles() {
    String id =
        lead(thread(
                "{\"channel\": \"sms\", \"sender\": {\"phone\": \"+14155550126\"}, \"text\":"
                    + " \"hi\"}"))
            .path("id")
            .asString();
    Actor other = newOrg("Other Co");
    Map<String, String> asOther = as(other.orgId(), other.userId());
    assertProblem(get("/leads/" + id, asOther), 404, "not_found");
    assertProblem(post("/leads/" + id + "/score", null, asOther), 404, "not_found");

    UUID viewer = addMember(owner, Role.VIEWER);
    Map<String, String> asViewer = as(owner.orgId(), viewer);
    assertThat(get("/leads/" + id, asViewer).status()).isEqualTo(200);
    refused(() -> post("/leads/" + id + "/score", null, asViewer), 403, "forbidden");
  }

  @Test
  @DisplayName("training without enough outcomes keeps a refused run that says why")
  void trainingRefused() {
    assertProblem(get("/leads/model", asOwner), 404, "not_found");

    Answer trained = post("/leads/model/train", null, asOwner);

    assertThat(trained.status()).as(trained.body()).isEqualTo(200);
    assertThat(trained.json().path("status").asString()).isEqualTo("refused_too_few_outcomes");
    assertThat(trained.json().path("in_use").asBoolean()).isFalse();
    assertThat(trained.json().path("report").path("reason").asString()).contains("0 won");
    assertThat(get("/leads/model", asOwner).json().path("version").asInt()).isEqualTo(1);
    UUID agent = addMember(owner, Role.AGENT);
    refused(() -> post("/leads/model/train", null, as(owner.orgId(), agent)), 403, "forbidden");
  }

  @Test
  @DisplayName(
      "routing goes to the pond with a reason, then to an agent, and an offer is claimed once")
  void routeAndClaim() {
    String first =
        lead(thread(
                "{\"channel\": \"sms\", \"sender\": {\"phone\": \"+14155550127\"}, \"text\":"
                    + " \"hi\"}"))
            .path("id")
            .asString();
    Answer pond = post("/leads/" + first + "/route", null, asOwner);
    assertThat(pond.status()).as(pond.body()).isEqualTo(200);
    assertThat(pond.json().path("decision").path("outcome").asString()).isEqualTo("pond");
    assertThat(pond.json().path("decision").path("explanation").toString()).contains("pond");
    assertThat(pond.json().path("lead").path("owner_user_id").isNull()).isTrue();

    Answer agent =
        post(
            "/agents",
            "{\"name\": \"Ana\", \"capacity\": 5, \"user_id\": \"" + owner.userId() + "\"}",
            asOwner);
    assertThat(agent.status()).as(agent.body()).isEqualTo(201);
    String agentId = agent.json().path("id").asString();
    assertThat(
            post(
                    "/routing/groups",
                    "{\"key\": \"team\", \"policy\": \"round_robin\", \"members\": [\""
                        + agentId
                        + "\"]}",
                    asOwner)
                .status())
        .isEqualTo(201);
    Answer assigned = post("/leads/" + first + "/route", null, asOwner);
    assertThat(assigned.json().path("decision").path("outcome").asString()).isEqualTo("assigned");
    assertThat(assigned.json().path("lead").path("owner_user_id").asString())
        .isEqualTo(owner.userId().toString());

    assertThat(
            post(
                    "/routing/groups",
                    "{\"key\": \"claim\", \"policy\": \"first_to_claim\", \"members\": [\""
                        + agentId
                        + "\"], \"offer_timeout\": \"PT5M\"}",
                    asOwner)
                .status())
        .isEqualTo(201);
    Answer config =
        send(
            "PUT",
            "/routing/config",
            "{\"default_group\": \"claim\", \"sticky\": false, \"last_resort\": \"pond\"}",
            asOwner);
    assertThat(config.status()).as(config.body()).isEqualTo(200);
    String second =
        lead(thread(
                "{\"channel\": \"sms\", \"sender\": {\"phone\": \"+14155550128\"}, \"text\":"
                    + " \"hello\"}"))
            .path("id")
            .asString();
    Answer offered = post("/leads/" + second + "/route", null, asOwner);
    assertThat(offered.json().path("decision").path("outcome").asString()).isEqualTo("offered");

    Answer claimed = post("/leads/" + second + "/claim", null, asOwner);
    assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
    assertThat(claimed.json().path("owner_user_id").asString())
        .isEqualTo(owner.userId().toString());
    refused(() -> post("/leads/" + second + "/claim", null, asOwner), 409, "no_offer");
  }

  @Test
  @DisplayName(
      "are filtered by their conversation's first-response SLA state, and an unknown state is"
          + " refused without echoing it")
  void filteredBySlaState() {
    String late =
        lead(thread(
                "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_late\"},"
                    + " \"text\": \"Still for sale?\", \"sent_at\": \""
                    + now().minus(java.time.Duration.ofHours(2))
                    + "\"}"))
            .path("id")
            .asString();
    String fresh =
        lead(thread(
                "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_new\"},"
                    + " \"text\": \"Still for sale?\"}"))
            .path("id")
            .asString();

    JsonNode breached = get("/leads?sla=breached", asOwner).json();
    assertThat(breached.path("total").asInt()).isEqualTo(1);
    assertThat(breached.path("items").get(0).path("id").asString()).isEqualTo(late);
    assertThat(breached.path("items").get(0).path("sla").path("state").asString())
        .isEqualTo("breached");
    JsonNode either = get("/leads?sla=on_track,breached", asOwner).json();
    assertThat(either.path("total").asInt()).isEqualTo(2);
    assertThat(get("/leads?sla=none", asOwner).json().path("total").asInt()).isZero();
    assertThat(get("/leads?sla=on_track&status=closed", asOwner).json().path("total").asInt())
        .isZero();
    assertThat(
            get("/leads?sla=on_track", asOwner).json().path("items").get(0).path("id").asString())
        .isEqualTo(fresh);

    Answer bad = get("/leads?sla=overdue-" + "x".repeat(300), asOwner);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo("invalid_sla");
    assertThat(bad.body()).doesNotContain("overdue");
  }
}
