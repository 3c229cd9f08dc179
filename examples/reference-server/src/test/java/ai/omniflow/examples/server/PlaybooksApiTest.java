package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Nurture playbooks per org: list, add, override, delete, and suggest for a lead")
class PlaybooksApiTest extends ServerTest {
  private static final String OPEN_HOUSE =
      """
      {"key": "open-house", "name": "Open house invite",
       "description": "Invite a warm buyer to Saturday's open house.",
       "stop_on_reply": true,
       "fits": {"stages": ["new", "contacted"], "bands": ["warm", "hot"]},
       "steps": [
         {"key": "invite", "send": {"template": "warm_push", "channel": "sms"}},
         {"key": "wait_a_day", "wait": "P1D"},
         {"key": "call", "task": {"kind": "call", "title": "Call about the open house"}}]}
      """;

  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Playbook Realty");
    omniFlow.packs().select(owner, "real-estate");
    asOwner = as(owner.orgId(), owner.userId());
  }

  private Answer put(String path, String json, Map<String, String> headers) {
    return send("PUT", path, json, headers);
  }

  private List<String> listed(Map<String, String> headers) {
    Answer list = get("/nurture/playbooks", headers);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode p : list.json().path("playbooks")) {
      out.add(p.path("id").asString() + ":" + p.path("origin").asString());
    }
    return out;
  }

  /** A lead of a contact who opted in by texting START just before writing {@code text}. */
  private String lead(String phone, String text, Instant sentAt) {
    ingest(phone, "START", sentAt.minusSeconds(60));
    Answer in = ingest(phone, text, sentAt);
    Answer lead =
        post("/leads/from-thread/" + in.json().path("thread_id").asString(), null, asOwner);
    assertThat(lead.status()).as(lead.body()).isEqualTo(201);
    return lead.json().path("id").asString();
  }

  private Answer ingest(String phone, String text, Instant sentAt) {
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"sms\", \"sender\": {\"phone\": \""
                + phone
                + "\"}, \"text\": \""
                + text
                + "\", \"sent_at\": \""
                + sentAt
                + "\"}",
            asOwner);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    return in;
  }

  @Test
  void anOrgAddsAPlaybookOverridesThePacksAndDeletingTheOverrideRestoresThePacks() {
    assertThat(listed(asOwner)).containsExactly("gentle-follow-up:pack", "warm-lead-push:pack");

    Answer created = post("/nurture/playbooks", OPEN_HOUSE, asOwner);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/nurture/playbooks/open-house");
    assertThat(created.json().path("origin").asString()).isEqualTo("org");
    assertThat(created.json().path("steps").get(1).path("wait").asString()).isEqualTo("PT24H");

    Answer pack = get("/nurture/playbooks/gentle-follow-up", asOwner);
    assertThat(pack.json().path("origin").asString()).isEqualTo("pack");
    assertThat(pack.json().path("updated_at").isNull()).isTrue();
    String shorter =
        """
        {"name": "Gentle follow-up, call first", "stop_on_reply": true,
         "fits": {"silent_for": "P3D"},
         "steps": [{"key": "call", "task": {"kind": "call", "title": "Call the buyer"}},
                   {"key": "wait", "wait": "PT12H"},
                   {"key": "check_in", "send": {"template": "check_in"}}]}
        """;
    Answer overridden = put("/nurture/playbooks/gentle-follow-up", shorter, asOwner);
    assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
    assertThat(overridden.json().path("origin").asString()).isEqualTo("override");
    assertThat(listed(asOwner))
        .containsExactly("gentle-follow-up:override", "warm-lead-push:pack", "open-house:org");

    // Enrollment follows the org's version: its first step, then the org's 12-hour wait.
    String lead = lead("+14155550171", "Is the condo on Pine Street still for sale?", now());
    Answer applied =
        post(
            "/leads/" + lead + "/nurture/apply",
            "{\"playbook_id\": \"gentle-follow-up\"}",
            asOwner);
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    omniFlow
        .enrollments()
        .runStep(
            owner.orgId(),
            UUID.fromString(applied.json().path("enrollment").path("id").asString()));
    Instant ranAt = now();
    omniFlow
        .enrollments()
        .runStep(
            owner.orgId(),
            UUID.fromString(applied.json().path("enrollment").path("id").asString()));
    JsonNode after = get("/leads/" + lead + "/nurture", asOwner).json();
    List<String> kinds = new ArrayList<>();
    after
        .path("history")
        .forEach(h -> kinds.add(h.path("kind").asString() + ":" + h.path("step_key").asString()));
    assertThat(kinds).as(after.toString()).contains("task_created:call", "waiting:wait");
    JsonNode waiting = after.path("history").get(kinds.indexOf("waiting:wait"));
    // The org's wait is 12 hours; the pack's playbook starts with a send and waits two days.
    Instant until = Instant.parse(waiting.path("detail").asString().substring("until ".length()));
    assertThat(Duration.between(ranAt, until))
        .isBetween(Duration.ofHours(12), Duration.ofHours(12).plusMinutes(1));

    // Not changed or deleted under an active enrollment.
    assertRefusedWritingNothing(
        owner,
        () -> put("/nurture/playbooks/gentle-follow-up", shorter, asOwner),
        409,
        "playbook_in_use");
    assertRefusedWritingNothing(
        owner,
        () -> delete("/nurture/playbooks/gentle-follow-up", asOwner),
        409,
        "playbook_in_use");
    assertThat(post("/leads/" + lead + "/nurture/stop", null, asOwner).status()).isEqualTo(200);

    Answer restored = delete("/nurture/playbooks/gentle-follow-up", asOwner);
    assertThat(restored.status()).as(restored.body()).isEqualTo(200);
    assertThat(restored.json().path("origin").asString()).isEqualTo("pack");
    assertThat(restored.json().path("steps").get(1).path("wait").asString()).isEqualTo("PT48H");
    assertThat(listed(asOwner))
        .containsExactly("gentle-follow-up:pack", "warm-lead-push:pack", "open-house:org");
    assertRefusedWritingNothing(
        owner, () -> delete("/nurture/playbooks/gentle-follow-up", asOwner), 409, "pack_playbook");
    assertThat(delete("/nurture/playbooks/open-house", asOwner).status()).isEqualTo(204);
    assertRefusedWritingNothing(
        owner, () -> delete("/nurture/playbooks/open-house", asOwner), 404, "unknown_playbook");
  }

  @Test
  void aPlaybookThatBreaksARuleIsRefusedNamingTheStepsPathAndWritesNothing() {
    String cycle =
        """
        {"key": "loop", "name": "Loop", "stop_on_reply": false, "steps": [
          {"key": "nudge", "send": {"template": "check_in"}},
          {"key": "pause", "wait": "P1D"},
          {"key": "again", "branch": {"on": "replied", "then": "nudge"}}]}
        """;
    Answer refused = post("/nurture/playbooks", cycle, asOwner);
    assertProblem(refused, 422, "invalid_playbook");
    assertThat(refused.json().path("detail").asString())
        .contains("/steps/2")
        .contains("'again' leads back to step 'nudge'");

    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("a zero wait", step("{\"key\": \"pause\", \"wait\": \"PT0S\"}"));
    bad.put("a 91-day wait", step("{\"key\": \"pause\", \"wait\": \"P91D\"}"));
    bad.put(
        "an unknown template", step("{\"key\": \"nudge\", \"send\": {\"template\": \"chek_in\"}}"));
    bad.put(
        "an unknown channel",
        step("{\"key\": \"nudge\", \"send\": {\"template\": \"check_in\", \"channel\": \"fax\"}}"));
    bad.put(
        "a channel no message starts on",
        step(
            "{\"key\": \"nudge\", \"send\": {\"template\": \"check_in\", \"channel\":"
                + " \"lead_form\"}}"));
    bad.put(
        "a branch to no step",
        "{\"key\": \"x\", \"name\": \"X\", \"stop_on_reply\": false, \"steps\": [{\"key\": \"b\","
            + " \"branch\": {\"on\": \"replied\", \"then\": \"nowhere\"}}]}");
    bad.put(
        "an unknown intent",
        "{\"key\": \"x\", \"name\": \"X\", \"stop_on_reply\": false, \"steps\": [{\"key\": \"b\","
            + " \"branch\": {\"on\": \"intent\", \"intents\": [\"pricing_questoin\"], \"then\":"
            + " \"s\"}}, {\"key\": \"s\", \"stop\": {}}]}");
    bad.put(
        "an unknown stage in fits",
        "{\"key\": \"x\", \"name\": \"X\", \"fits\": {\"stages\": [\"nowhere\"]}, \"steps\":"
            + " [{\"key\": \"s\", \"stop\": {}}]}");
    bad.put("no steps", "{\"key\": \"x\", \"name\": \"X\", \"steps\": []}");
    bad.put(
        "a bad key",
        "{\"key\": \"Not A Key\", \"name\": \"X\", \"steps\": [{\"key\": \"s\", \"stop\": {}}]}");
    bad.put(
        "an unknown property",
        "{\"key\": \"x\", \"name\": \"X\", \"colour\": \"red\", \"steps\": [{\"key\": \"s\", \"stop\": {}}]}");
    bad.put(
        "a step of two kinds",
        "{\"key\": \"x\", \"name\": \"X\", \"steps\": [{\"key\": \"s\", \"stop\": {}, \"wait\":"
            + " \"P1D\"}]}");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Answer a = post("/nurture/playbooks", e.getValue(), asOwner);
      assertProblem(a, 422, "invalid_playbook");
      assertThat(a.json().path("detail").asString()).as(e.getKey()).contains("/");
      assertRefusedWritingNothing(
          owner, () -> post("/nurture/playbooks", e.getValue(), asOwner), 422, "invalid_playbook");
    }
    assertThat(
            post("/nurture/playbooks", bad.get("an unknown template"), asOwner)
                .json()
                .path("detail")
                .asString())
        .contains("/steps/0/template")
        .contains("chek_in");
    String longName = "n".repeat(5000);
    Answer tooLong =
        post(
            "/nurture/playbooks",
            "{\"key\": \"x\", \"name\": \""
                + longName
                + "\", \"steps\": [{\"key\": \"s\","
                + " \"stop\": {}}]}",
            asOwner);
    assertProblem(tooLong, 422, "invalid_playbook");
    assertThat(tooLong.body()).doesNotContain(longName).contains("/name");
    assertRefusedWritingNothing(
        owner,
        () ->
            put(
                "/nurture/playbooks/gentle-follow-up",
                "{\"key\": \"other\", \"name\": \"X\","
                    + " \"steps\": [{\"key\": \"s\", \"stop\": {}}]}",
                asOwner),
        422,
        "invalid_playbook");
    assertRefusedWritingNothing(
        owner,
        () ->
            put("/nurture/playbooks/no-such", OPEN_HOUSE.replace("open-house", "no-such"), asOwner),
        404,
        "unknown_playbook");
    assertRefusedWritingNothing(
        owner, () -> post("/nurture/playbooks", "{\"key\": ", asOwner), 400, "malformed_json");
    assertThat(post("/nurture/playbooks", OPEN_HOUSE, asOwner).status()).isEqualTo(201);
    assertRefusedWritingNothing(
        owner, () -> post("/nurture/playbooks", OPEN_HOUSE, asOwner), 409, "playbook_exists");
    assertThat(listed(asOwner))
        .containsExactly("gentle-follow-up:pack", "warm-lead-push:pack", "open-house:org");
  }

  @Test
  @DisplayName(
      "a playbook branching on a lead field and a score band, with a business-time wait, is saved"
          + " and read back; a bad condition, band or wait is refused at its path, writing nothing")
  void leadBranchesAndBusinessWaitsAreSavedOrRefusedAtTheirPaths() {
    String sorting =
        """
        {"key": "sorting", "name": "Sorting", "steps": [
          {"key": "hot", "branch": {"on": "band", "bands": ["hot"], "then": "call"}},
          {"key": "big", "branch": {"on": "field", "then": "call",
             "when": {"all": [{"field": "budget", "op": "gte", "value": 500000},
                              {"field": "timeline", "op": "exists"}]}}},
          {"key": "two_work_hours", "wait": {"duration": "PT2H", "business_time": true}},
          {"key": "done", "stop": {}},
          {"key": "call", "task": {"kind": "call", "title": "Call the lead"}}]}
        """;
    Answer saved = post("/nurture/playbooks", sorting, asOwner);
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    JsonNode steps = get("/nurture/playbooks/sorting", asOwner).json().path("steps");
    assertThat(steps.get(0).path("branch").path("bands").get(0).asString()).isEqualTo("hot");
    assertThat(steps.get(1).path("branch").path("when").path("all").get(0).path("op").asString())
        .isEqualTo("gte");
    assertThat(steps.get(2).path("wait").path("business_time").asBoolean()).isTrue();

    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put(
        "/steps/0/branch/when/field",
        branchThenStop(
            "{\"key\": \"b\", \"branch\": {\"on\": \"field\", \"then\": \"s\","
                + " \"when\": {\"field\": \"budgett\", \"op\": \"gte\", \"value\": 1}}}"));
    bad.put(
        "/steps/0/branch/when/op",
        branchThenStop(
            "{\"key\": \"b\", \"branch\": {\"on\": \"field\", \"then\": \"s\","
                + " \"when\": {\"field\": \"budget\", \"op\": \"greater\", \"value\":"
                + " 1}}}"));
    bad.put(
        "/steps/0/branch/when/value",
        branchThenStop(
            "{\"key\": \"b\", \"branch\": {\"on\": \"field\", \"then\": \"s\","
                + " \"when\": {\"field\": \"budget\", \"op\": \"gte\", \"value\":"
                + " \"lots\"}}}"));
    bad.put(
        "/steps/0/branch/bands/0",
        branchThenStop(
            "{\"key\": \"b\", \"branch\": {\"on\": \"band\", \"bands\": [\"lukewarm\"],"
                + " \"then\": \"s\"}}"));
    bad.put(
        "/steps/0",
        step("{\"key\": \"w\", \"wait\": {\"duration\": \"P31D\", \"business_time\":" + " true}}"));
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Answer a = post("/nurture/playbooks", e.getValue(), asOwner);
      assertProblem(a, 422, "invalid_playbook");
      assertThat(a.json().path("detail").asString()).as(e.getValue()).contains(e.getKey() + " ");
      assertRefusedWritingNothing(
          owner, () -> post("/nurture/playbooks", e.getValue(), asOwner), 422, "invalid_playbook");
    }
    assertThat(listed(asOwner))
        .containsExactly("gentle-follow-up:pack", "warm-lead-push:pack", "sorting:org");
  }

  private static String branchThenStop(String branch) {
    return "{\"key\": \"x\", \"name\": \"X\", \"steps\": ["
        + branch
        + ", {\"key\": \"s\", \"stop\": {}}]}";
  }

  private static String step(String step) {
    return "{\"key\": \"x\", \"name\": \"X\", \"steps\": [" + step + "]}";
  }

  @Test
  void managersEditAgentsAndViewersReadAndAnotherOrgSeesNothingOfIt() {
    UUID manager = addMember(owner, Role.MANAGER);
    UUID agent = addMember(owner, Role.AGENT);
    Map<String, String> asManager = as(owner.orgId(), manager);
    Map<String, String> asAgent = as(owner.orgId(), agent);
    assertThat(post("/nurture/playbooks", OPEN_HOUSE, asManager).status()).isEqualTo(201);

    assertThat(listed(asAgent)).contains("open-house:org");
    assertThat(get("/nurture/playbooks/open-house", asAgent).status()).isEqualTo(200);
    assertRefusedWritingNothing(
        owner,
        () -> post("/nurture/playbooks", OPEN_HOUSE.replace("open-house", "agents-own"), asAgent),
        403,
        "forbidden");
    assertRefusedWritingNothing(
        owner, () -> put("/nurture/playbooks/open-house", OPEN_HOUSE, asAgent), 403, "forbidden");
    assertRefusedWritingNothing(
        owner, () -> delete("/nurture/playbooks/open-house", asAgent), 403, "forbidden");

    Actor other = newOrg("Other Realty");
    omniFlow.packs().select(other, "real-estate");
    Map<String, String> asOther = as(other.orgId(), other.userId());
    assertThat(listed(asOther)).containsExactly("gentle-follow-up:pack", "warm-lead-push:pack");
    assertProblem(get("/nurture/playbooks/open-house", asOther), 404, "unknown_playbook");
    assertProblem(delete("/nurture/playbooks/open-house", asOther), 404, "unknown_playbook");
    assertProblem(
        post("/leads/" + lead("+14155550172", "Hi", now()) + "/nurture/suggest", null, asOther),
        404,
        "not_found");
    assertThat(get("/nurture/playbooks/open-house", asOwner).status()).isEqualTo(200);
  }

  @Test
  void suggestNamesThePlaybooksThatFitALeadWhyAndTheirFirstStepsAtTheirTimes() {
    // A buyer who asked three days ago and has been silent since.
    Instant threeDaysAgo = now().minus(Duration.ofDays(3));
    String quiet =
        lead(
            "+14155550173", "Hi, is the 2 bedroom on Castro Street still available?", threeDaysAgo);

    Answer s = post("/leads/" + quiet + "/nurture/suggest", null, asOwner);

    assertThat(s.status()).as(s.body()).isEqualTo(200);
    JsonNode lead = s.json().path("lead");
    assertThat(lead.path("stage").asString()).isEqualTo("new");
    assertThat(Duration.parse(lead.path("silence").asString())).isGreaterThan(Duration.ofDays(2));
    assertThat(s.json().path("unavailable").isNull()).isTrue();
    JsonNode gentle = byId(s.json().path("playbooks"), "gentle-follow-up");
    assertThat(gentle).as(s.body()).isNotNull();
    assertThat(gentle.path("reasons").get(0).asString()).contains("silent for 3 days");
    assertThat(gentle.path("blocked").isNull()).isTrue();
    JsonNode preview = gentle.path("preview");
    // The first step now, or deferred to the morning by quiet hours in San Francisco.
    assertThat(preview.get(0).path("step_key").asString()).isEqualTo("check_in");
    assertThat(preview.get(0).path("kind").asString()).isIn("send", "deferred");
    JsonNode wait = null;
    for (JsonNode m : preview) {
      if (m.path("kind").asString().equals("wait")) {
        wait = m;
        break;
      }
    }
    assertThat(wait).as(s.body()).isNotNull();
    assertThat(wait.path("step_key").asString()).isEqualTo("wait_two_days");
    Instant waitAt = Instant.parse(wait.path("at").asString());
    assertThat(wait.path("detail").asString())
        .isEqualTo("until " + waitAt.plus(Duration.ofDays(2)));
    // Writes nothing: no enrollment.
    assertThat(get("/leads/" + quiet + "/nurture", asOwner).json().path("enrollment").isNull())
        .isTrue();

    // A buyer who just wrote is not silent: the gentle follow-up does not fit yet.
    String fresh = lead("+14155550174", "Can I see the house on Mission Street?", now());
    Answer f = post("/leads/" + fresh + "/nurture/suggest", null, asOwner);
    assertThat(f.status()).as(f.body()).isEqualTo(200);
    assertThat(byId(f.json().path("playbooks"), "gentle-follow-up")).isNull();

    // A contact who opted out: suggest says the enrollment would be blocked instead of failing.
    String stopped = lead("+14155550175", "Do you have anything in Noe Valley?", threeDaysAgo);
    ingest("+14155550175", "STOP", now().minus(Duration.ofDays(2)));
    Answer o = post("/leads/" + stopped + "/nurture/suggest", null, asOwner);
    assertThat(o.status()).as(o.body()).isEqualTo(200);
    JsonNode blocked = byId(o.json().path("playbooks"), "gentle-follow-up");
    assertThat(blocked).as(o.body()).isNotNull();
    assertThat(blocked.path("blocked").asString()).isNotBlank();

    // A closed lead gets no suggestions and says why.
    assertThat(post("/leads/" + quiet + "/outcome", "{\"status\": \"lost\"}", asOwner).status())
        .isEqualTo(200);
    Answer closed = post("/leads/" + quiet + "/nurture/suggest", null, asOwner);
    assertThat(closed.json().path("unavailable").asString()).isEqualTo("lead_closed");
    assertThat(closed.json().path("playbooks").size()).isZero();
    assertProblem(post("/leads/not-a-uuid/nurture/suggest", null, asOwner), 404, "not_found");
  }

  @Test
  @DisplayName(
      "a value of the wrong type or a property that is not one is the playbook's 422 at its path,"
          + " not a binding error")
  void wrongTypesInTheBodyAreThePlaybooksProblemsAtTheirPaths() {
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("/name", "{\"key\": \"x\", \"name\": 5, \"steps\": [{\"key\": \"s\", \"stop\": {}}]}");
    bad.put(
        "/stop_on_reply",
        "{\"key\": \"x\", \"name\": \"X\", \"stop_on_reply\": \"yes\", \"steps\": [{\"key\":"
            + " \"s\", \"stop\": {}}]}");
    bad.put("/steps", "{\"key\": \"x\", \"name\": \"X\", \"steps\": \"all of them\"}");
    bad.put(
        "/fits",
        "{\"key\": \"x\", \"name\": \"X\", \"fits\": [], \"steps\": [{\"key\": \"s\", \"stop\": {}}]}");
    bad.put(
        "/key", "{\"key\": true, \"name\": \"X\", \"steps\": [{\"key\": \"s\", \"stop\": {}}]}");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Answer a = post("/nurture/playbooks", e.getValue(), asOwner);
      assertProblem(a, 422, "invalid_playbook");
      assertThat(a.json().path("detail").asString()).as(a.body()).contains(e.getKey());
    }
    Answer unknown =
        put(
            "/nurture/playbooks/gentle-follow-up",
            "{\"name\": \"X\", \"steps\": [{\"key\": \"s\", \"stop\": {}}], \"colour\": \"red\","
                + " \"size\": 2}",
            asOwner);
    assertProblem(unknown, 422, "invalid_playbook");
    assertThat(unknown.json().path("detail").asString())
        .contains("'colour' is not a property here");
    assertThat(listed(asOwner)).containsExactly("gentle-follow-up:pack", "warm-lead-push:pack");
  }

  @Test
  @DisplayName(
      "a pack change is not refused for an org's playbook: the answer lists the playbooks that no"
          + " longer fit, which read invalid, are refused for enrolling and left out of"
          + " suggestions, until the pack fits them again")
  void aPackChangeLeavesPlaybooksThatNoLongerFitInvalid() {
    String qualify =
        Given.callThenStage("qualify", "Call, then qualify", "mark_qualified", "qualified");
    Answer created = post("/nurture/playbooks", qualify, asOwner);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("status").asString()).isEqualTo("valid");
    assertThat(created.json().path("problems").size()).isZero();
    String lead = lead("+14155550176", "Is the loft on Valencia Street still for sale?", now());

    // The med-spa pack has no stage 'qualified'.
    Answer selected = post("/verticals/select", "{\"pack_slug\": \"med-spa\"}", asOwner);
    assertThat(selected.status()).as(selected.body()).isEqualTo(200);
    assertThat(selected.json().path("pack_slug").asString()).isEqualTo("med-spa");
    JsonNode invalid = selected.json().path("playbooks_invalid");
    assertThat(invalid.size()).as(selected.body()).isEqualTo(1);
    assertThat(invalid.get(0).path("playbook_id").asString()).isEqualTo("qualify");
    assertThat(invalid.get(0).path("origin").asString()).isEqualTo("org");
    assertThat(invalid.get(0).path("problems").get(0).path("path").asString())
        .isEqualTo("/steps/1/change_stage/stage");

    Answer read = get("/nurture/playbooks/qualify", asOwner);
    assertThat(read.json().path("status").asString()).isEqualTo("invalid");
    assertThat(read.json().path("problems").get(0).path("message").asString())
        .contains("'mark_qualified'")
        .contains("'qualified', which the pack does not have");
    assertThat(get("/org", asOwner).json().has("playbooks_invalid")).isFalse();

    Answer applied =
        post("/leads/" + lead + "/nurture/apply", "{\"playbook_id\": \"qualify\"}", asOwner);
    assertProblem(applied, 409, "playbook_invalid");
    assertThat(applied.json().path("detail").asString())
        .contains("'qualify'")
        .contains("/steps/1/change_stage/stage");
    assertThat(applied.json().path("errors").get(0).path("path").asString())
        .isEqualTo("/steps/1/change_stage/stage");
    assertThat(get("/leads/" + lead + "/nurture", asOwner).json().path("enrollment").isNull())
        .isTrue();

    Answer s = post("/leads/" + lead + "/nurture/suggest", null, asOwner);
    assertThat(s.status()).as(s.body()).isEqualTo(200);
    assertThat(byId(s.json().path("playbooks"), "qualify")).isNull();
    JsonNode left = byId(s.json().path("left_out"), "qualify");
    assertThat(left).as(s.body()).isNotNull();
    assertThat(left.path("reason").asString()).isEqualTo("playbook_invalid");
    assertThat(left.path("problems").get(0).path("path").asString())
        .isEqualTo("/steps/1/change_stage/stage");

    Answer back = post("/verticals/select", "{\"pack_slug\": \"real-estate\"}", asOwner);
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.json().path("playbooks_invalid").size()).isZero();
    assertThat(get("/nurture/playbooks/qualify", asOwner).json().path("status").asString())
        .isEqualTo("valid");
  }

  @Test
  @DisplayName(
      "a playbook that no longer fits is fixed over PUT while a lead is enrolled in it when the fix"
          + " keeps each step at its place; a fix that drops a step is 409 naming it")
  void aPlaybookInUseThatNoLongerFitsIsRepairedInPlace() {
    String lead = enrolledInQualifyThenBroken("+14155550177", "Mission Street");

    Answer dropped =
        put(
            "/nurture/playbooks/qualify",
            "{\"name\": \"Call\", \"stop_on_reply\": false, \"steps\": [{\"key\": \"call\","
                + " \"task\": {\"kind\": \"call\", \"title\": \"Call the buyer\"}}]}",
            asOwner);
    assertProblem(dropped, 409, "playbook_in_use");
    assertThat(dropped.json().path("detail").asString())
        .contains("step 2 was 'mark_qualified' and is gone");
    assertThat(dropped.json().path("errors").get(0).path("path").asString()).isEqualTo("/steps/1");
    assertThat(get("/nurture/playbooks/qualify", asOwner).json().path("status").asString())
        .isEqualTo("invalid");

    Answer fixed =
        put(
            "/nurture/playbooks/qualify",
            "{\"name\": \"Call, then a task\", \"stop_on_reply\": false, \"steps\": ["
                + "{\"key\": \"call\", \"task\": {\"kind\": \"call\", \"title\": \"Call the buyer\"}},"
                + " {\"key\": \"mark_qualified\", \"task\": {\"kind\": \"follow_up\","
                + " \"title\": \"Qualify the buyer\"}}]}",
            asOwner);
    assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
    assertThat(fixed.json().path("status").asString()).isEqualTo("valid");
    JsonNode nurture = get("/leads/" + lead + "/nurture", asOwner).json();
    assertThat(nurture.path("enrollment").path("status").asString())
        .as(nurture.toString())
        .isEqualTo("active");
  }

  @Test
  @DisplayName(
      "a playbook that no longer fits, with a lead enrolled, is refused a plain DELETE naming"
          + " stop_enrollments and writing nothing; DELETE ?stop_enrollments=true deletes it and"
          + " stops the enrollment as playbook_deleted")
  void aPlaybookInUseThatNoLongerFitsIsDeletedWithItsEnrollmentsStopped() {
    String lead = enrolledInQualifyThenBroken("+14155550178", "Folsom Street");

    assertRefusedWritingNothing(
        owner, () -> delete("/nurture/playbooks/qualify", asOwner), 409, "playbook_in_use");
    Answer refused = delete("/nurture/playbooks/qualify?stop_enrollments=yes", asOwner);
    assertProblem(refused, 409, "playbook_in_use");
    assertThat(refused.json().path("detail").asString()).contains("stop_enrollments");
    assertThat(
            get("/leads/" + lead + "/nurture", asOwner)
                .json()
                .path("enrollment")
                .path("status")
                .asString())
        .isEqualTo("active");

    Answer deleted = delete("/nurture/playbooks/qualify?stop_enrollments=true", asOwner);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    assertProblem(get("/nurture/playbooks/qualify", asOwner), 404, "unknown_playbook");
    JsonNode enrollment = get("/leads/" + lead + "/nurture", asOwner).json().path("enrollment");
    assertThat(enrollment.path("status").asString()).as(enrollment.toString()).isEqualTo("stopped");
    assertThat(enrollment.path("end_reason").asString()).isEqualTo("playbook_deleted");
  }

  /**
   * A lead enrolled in the org's playbook {@code qualify}, which then stops fitting: the med-spa
   * pack, selected after, has no stage {@code qualified}.
   */
  private String enrolledInQualifyThenBroken(String phone, String street) {
    post(
        "/nurture/playbooks",
        Given.callThenStage("qualify", "Call, then qualify", "mark_qualified", "qualified"),
        asOwner);
    String lead = lead(phone, "Is the loft on " + street + " still for sale?", now());
    Answer applied =
        post("/leads/" + lead + "/nurture/apply", "{\"playbook_id\": \"qualify\"}", asOwner);
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    assertThat(post("/verticals/select", "{\"pack_slug\": \"med-spa\"}", asOwner).status())
        .isEqualTo(200);
    return lead;
  }

  private static JsonNode byId(JsonNode playbooks, String id) {
    for (JsonNode p : playbooks) {
      if (p.path("playbook_id").asString().equals(id)) {
        return p;
      }
    }
    return null;
  }
}
