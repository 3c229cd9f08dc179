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

@DisplayName("SLA endpoints: the policy in force and business calendars")
class SlaApiTest extends ServerTest {
  private static final String POLICY =
      "{\"targets\": [{\"first_response\": \"PT1H\"}, {\"channel\": \"instagram_dm\", \"band\":"
          + " \"hot\", \"first_response\": \"PT5M\", \"next_response\": \"PT10M\","
          + " \"after_hours\": \"PT15M\"}], \"warning_threshold\": 0.8,"
          + " \"pause_while_waiting\": true, \"escalation\": [{\"trigger\": \"warning\", \"action\":"
          + " \"notify_assignee\"}, {\"trigger\": \"breach\", \"delay\": \"PT30M\", \"action\":"
          + " \"move_to_pond\"}]}";

  private static final String OFFICE =
      "{\"name\": \"Office\", \"zone\": \"America/New_York\", \"weekly\": [{\"day\": \"monday\","
          + " \"start\": \"09:00\", \"end\": \"12:30\"}, {\"day\": \"monday\", \"start\": \"13:30\","
          + " \"end\": \"18:00\"}, {\"day\": \"friday\", \"start\": \"22:00\", \"end\": \"02:00\"}],"
          + " \"holidays\": [\"2026-12-25\"], \"special_days\": [{\"date\": \"2026-12-24\","
          + " \"hours\": [{\"start\": \"09:00\", \"end\": \"13:00\"}]}]}";

  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("SLA Co");
    asOwner = as(owner.orgId(), owner.userId());
  }

  void refused(Supplier<Answer> call, int status, String code) {
    assertRefusedWritingNothing(owner, call, status, code);
  }

  String created(String body) {
    Answer a = post("/sla/calendars", body, asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().path("id").asString();
  }

  @Test
  @DisplayName("the pack's default is in force until the org replaces it, by POST or PUT")
  void config() {
    JsonNode before = get("/sla/config", asOwner).json();
    assertThat(before.path("source").asString()).isEqualTo("pack");
    assertThat(before.path("targets").get(0).path("first_response").asString()).isEqualTo("PT1H");

    Answer posted = post("/sla/config", POLICY, asOwner);
    assertThat(posted.status()).as(posted.body()).isEqualTo(200);
    JsonNode c = get("/sla/config", asOwner).json();
    assertThat(c.path("source").asString()).isEqualTo("org");
    assertThat(c.path("warning_threshold").asDouble()).isEqualTo(0.8);
    assertThat(c.path("business_hours_only").asBoolean()).isTrue();
    assertThat(c.path("pause_while_waiting").asBoolean()).isTrue();
    assertThat(c.path("targets").get(1).path("after_hours").asString()).isEqualTo("PT15M");
    assertThat(c.path("escalation").get(1).path("action").asString()).isEqualTo("move_to_pond");

    Answer put =
        send(
            "PUT",
            "/sla/config",
            "{\"targets\": [{\"first_response\": \"PT2H\"}], \"warning_threshold\": 0.5,"
                + " \"business_hours_only\": false}",
            asOwner);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().path("business_hours_only").asBoolean()).isFalse();
    assertThat(get("/sla/config", asOwner).json().path("targets").size()).isEqualTo(1);
  }

  @Test
  @DisplayName("a real-estate org starts from 5 minutes in business hours and 15 after hours")
  void realEstateDefault() {
    omniFlow.packs().select(owner, "real-estate");
    JsonNode t = get("/sla/config", asOwner).json().path("targets").get(0);
    assertThat(t.path("first_response").asString()).isEqualTo("PT5M");
    assertThat(t.path("after_hours").asString()).isEqualTo("PT15M");
  }

  @Test
  @DisplayName("calendars are added, read, listed, replaced and deleted")
  void calendars() {
    Answer a = post("/sla/calendars", OFFICE, asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    String id = a.json().path("id").asString();
    assertThat(a.headers().firstValue("Location")).contains("/sla/calendars/" + id);
    JsonNode c = get("/sla/calendars/" + id, asOwner).json();
    assertThat(c.path("scope").path("kind").asString()).isEqualTo("org");
    assertThat(c.path("zone").asString()).isEqualTo("America/New_York");
    assertThat(c.path("weekly").size()).isEqualTo(3);
    assertThat(c.path("weekly").get(2).path("end").asString()).isEqualTo("02:00");
    assertThat(c.path("holidays").get(0).asString()).isEqualTo("2026-12-25");
    assertThat(c.path("special_days").get(0).path("hours").get(0).path("end").asString())
        .isEqualTo("13:00");
    assertThat(get("/sla/calendars", asOwner).json().path("total").asLong()).isEqualTo(1);

    Answer put =
        send(
            "PUT",
            "/sla/calendars/" + id,
            "{\"name\": \"Nights\", \"zone\": \"Asia/Kathmandu\", \"weekly\": [{\"day\":"
                + " \"sunday\", \"start\": \"00:00\", \"end\": \"24:00\"}]}",
            asOwner);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    JsonNode changed = get("/sla/calendars/" + id, asOwner).json();
    assertThat(changed.path("name").asString()).isEqualTo("Nights");
    assertThat(changed.path("weekly").get(0).path("end").asString()).isEqualTo("24:00");
    assertThat(changed.path("holidays").size()).isZero();

    Answer deleted = delete("/sla/calendars/" + id, asOwner);
    assertThat(deleted.status()).isEqualTo(204);
    assertProblem(get("/sla/calendars/" + id, asOwner), 404, "not_found");
  }

  @Test
  @DisplayName("a calendar can be scoped to a routing group or an agent the org has")
  void scopes() {
    Answer agent = post("/agents", "{\"name\": \"Ana\", \"capacity\": 5}", asOwner);
    String agentId = agent.json().path("id").asString();
    assertThat(
            post("/routing/groups", "{\"key\": \"night\", \"policy\": \"weighted\"}", asOwner)
                .status())
        .isEqualTo(201);
    String body = OFFICE.replace("\"name\": \"Office\"", "\"name\": \"Night\"");
    created(
        body.replace(
            "{\"name\"", "{\"scope\": {\"kind\": \"group\", \"ref\": \"night\"}, \"name\""));
    created(
        body.replace(
            "{\"name\"",
            "{\"scope\": {\"kind\": \"agent\", \"ref\": \"" + agentId + "\"}, \"name\""));
    refused(
        () ->
            post(
                "/sla/calendars",
                body.replace(
                    "{\"name\"", "{\"scope\": {\"kind\": \"group\", \"ref\": \"day\"}, \"name\""),
                asOwner),
        422,
        "unknown_group");
    refused(
        () ->
            post(
                "/sla/calendars",
                body.replace(
                    "{\"name\"",
                    "{\"scope\": {\"kind\": \"agent\", \"ref\": \""
                        + UUID.randomUUID()
                        + "\"}, \"name\""),
                asOwner),
        422,
        "unknown_agent");
    refused(
        () ->
            post(
                "/sla/calendars",
                body.replace(
                    "{\"name\"", "{\"scope\": {\"kind\": \"group\", \"ref\": \"night\"}, \"name\""),
                asOwner),
        409,
        "sla_calendar_scope_taken");
  }

  @Test
  @DisplayName("bad input answers 422 naming the field, and nothing is written")
  void badInput() {
    String id = created(OFFICE);
    refused(
        () -> post("/sla/calendars", OFFICE.replace("America/New_York", "Mars/Olympus"), asOwner),
        422,
        "invalid_zone");
    refused(
        () -> post("/sla/calendars", OFFICE.replace("12:30", "14:00"), asOwner),
        422,
        "invalid_hours");
    refused(
        () ->
            post(
                "/sla/calendars",
                OFFICE.replace("\"end\": \"02:00\"", "\"end\": \"25:00\""),
                asOwner),
        422,
        "invalid_hours");
    refused(
        () -> post("/sla/calendars", OFFICE.replace("2026-12-25", "2026-13-45"), asOwner),
        422,
        "invalid_holidays");
    StringBuilder many = new StringBuilder();
    java.time.LocalDate d = java.time.LocalDate.of(2026, 1, 1);
    for (int i = 0; i < 501; i++) {
      many.append(i == 0 ? "" : ", ").append('"').append(d.plusDays(i)).append('"');
    }
    refused(
        () -> post("/sla/calendars", OFFICE.replace("\"2026-12-25\"", many.toString()), asOwner),
        422,
        "invalid_holidays");
    refused(
        () -> post("/sla/calendars", OFFICE.replace("\"name\": \"Office\", ", ""), asOwner),
        422,
        "invalid_calendar");
    refused(
        () ->
            send(
                "PUT",
                "/sla/calendars/" + id,
                OFFICE.replace("\"zone\": \"America/New_York\", ", ""),
                asOwner),
        422,
        "invalid_zone");
    refused(
        () -> send("PUT", "/sla/calendars/" + UUID.randomUUID(), OFFICE, asOwner),
        404,
        "not_found");
    refused(() -> get("/sla/calendars/not-a-uuid", asOwner), 404, "not_found");
    refused(() -> delete("/sla/calendars/" + UUID.randomUUID(), asOwner), 404, "not_found");

    refused(
        () -> post("/sla/config", POLICY.replace("PT1H", "PT0S"), asOwner),
        422,
        "invalid_first_response");
    refused(
        () -> post("/sla/config", POLICY.replace("PT1H", "P31D"), asOwner),
        422,
        "invalid_first_response");
    refused(
        () -> post("/sla/config", POLICY.replace("0.8", "1.5"), asOwner),
        422,
        "invalid_warning_threshold");
    refused(
        () -> post("/sla/config", POLICY.replace("PT1H", "an hour"), asOwner), 422, "invalid_sla");
    refused(
        () ->
            post(
                "/sla/config",
                POLICY.replace(
                    "{\"trigger\": \"warning\", \"action\": \"notify_assignee\"}",
                    "{\"trigger\": \"breach\", \"action\": \"reroute_to_group\", \"group\":"
                        + " \"nobody\"}"),
                asOwner),
        422,
        "invalid_escalation");
    refused(() -> post("/sla/config", "{\"warning_threshold\": 0.5}", asOwner), 422, "invalid_sla");
    assertThat(get("/sla/config", asOwner).json().path("source").asString()).isEqualTo("pack");
    assertThat(get("/sla/calendars", asOwner).json().path("total").asLong()).isEqualTo(1);
  }

  @Test
  @DisplayName("another org's calendar answers 404 and stays as it was")
  void otherOrgs() {
    String id = created(OFFICE);
    Actor other = newOrg("Other Co");
    Map<String, String> asOther = as(other.orgId(), other.userId());
    assertProblem(get("/sla/calendars/" + id, asOther), 404, "not_found");
    assertRefusedWritingNothing(
        other, () -> send("PUT", "/sla/calendars/" + id, OFFICE, asOther), 404, "not_found");
    assertRefusedWritingNothing(
        other, () -> delete("/sla/calendars/" + id, asOther), 404, "not_found");
    assertThat(get("/sla/calendars", asOther).json().path("total").asLong()).isZero();
    assertThat(get("/sla/calendars/" + id, asOwner).status()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "a thread's SLA reading runs from its last inbound message under the policy in force")
  void threadReading() {
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_sla\"}, \"text\":"
                + " \"Hi, is it available?\"}",
            asOwner);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    String thread = in.json().path("thread_id").asString();
    JsonNode r = get("/inbox/threads/" + thread + "/sla", asOwner).json();
    assertThat(r.path("state").asString()).isEqualTo("on_track");
    assertThat(r.path("clock").asString()).isEqualTo("first_response");
    assertThat(r.path("business_seconds_left").asLong()).isBetween(3000L, 3600L);
    assertThat(r.path("paused").asBoolean()).isFalse();

    Answer thirty =
        send(
            "PUT",
            "/sla/config",
            "{\"targets\": [{\"first_response\": \"PT30M\"}], \"warning_threshold\": 0.5}",
            asOwner);
    assertThat(thirty.status()).isEqualTo(200);
    // The thread's stored clock keeps the window it started with; a new clock takes the new one.
    JsonNode kept = get("/inbox/threads/" + thread + "/sla", asOwner).json();
    assertThat(kept.path("business_seconds_left").asLong()).isBetween(3000L, 3600L);
    Answer next =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \"ig_sla_2\"}, \"text\":"
                + " \"Hello\"}",
            asOwner);
    String second = next.json().path("thread_id").asString();
    JsonNode shorter = get("/inbox/threads/" + second + "/sla", asOwner).json();
    assertThat(shorter.path("business_seconds_left").asLong()).isBetween(1200L, 1800L);

    // Threads and their lists carry the clock as sla.
    JsonNode view = get("/inbox/threads/" + second, asOwner).json().path("sla");
    assertThat(view.path("state").asString()).isEqualTo("on_track");
    assertThat(view.path("policy").asString()).isEqualTo("first_response PT30M business time");
    assertThat(view.path("due_at").asString()).isNotBlank();
    JsonNode listed = get("/inbox/threads?limit=100", asOwner).json().path("items");
    assertThat(listed.findValues("sla")).hasSize(2).allMatch(n -> n.path("state").isString());

    assertProblem(get("/inbox/threads/" + UUID.randomUUID() + "/sla", asOwner), 404, "not_found");
    Actor other = newOrg("Elsewhere");
    assertProblem(
        get("/inbox/threads/" + thread + "/sla", as(other.orgId(), other.userId())),
        404,
        "not_found");
  }

  String dm(String handle, java.time.Duration ago) {
    Answer in =
        post(
            "/inbox/ingest/mock",
            "{\"channel\": \"instagram_dm\", \"sender\": {\"handle\": \""
                + handle
                + "\"}, \"text\": \"Hi\", \"sent_at\": \""
                + java.time.Instant.now().minus(ago)
                + "\"}",
            asOwner);
    assertThat(in.status()).as(in.body()).isEqualTo(201);
    return in.json().path("thread_id").asString();
  }

  java.util.List<String> listed(String query) {
    Answer a = get("/inbox/threads?limit=100&" + query, asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    java.util.List<String> ids = new java.util.ArrayList<>();
    a.json().path("items").forEach(t -> ids.add(t.path("id").asString()));
    assertThat(a.json().path("total").asLong()).isEqualTo(ids.size());
    return ids;
  }

  @Test
  @DisplayName(
      "thread lists keep the SLA states asked for, as each thread's sla shows them, and sort the"
          + " most urgent first; an unknown state or sort is 400 naming it, writing nothing")
  void threadListsBySlaState() {
    // The generic default: an hour, at risk from 45 minutes; the org has no calendar.
    String late = dm("ig_late", java.time.Duration.ofHours(2));
    String risky = dm("ig_risky", java.time.Duration.ofMinutes(50));
    String fresh = dm("ig_fresh", java.time.Duration.ofMinutes(1));

    assertThat(listed("sla=at_risk,breached&sort=sla_due")).containsExactly(late, risky);
    assertThat(listed("sla=%20on_track%20")).containsExactly(fresh);
    assertThat(listed("sla=breached")).containsExactly(late);
    assertThat(listed("sla=met,none")).isEmpty();
    assertThat(listed("sort=sla_due")).containsExactly(late, risky, fresh);
    assertThat(listed("sort=latest_activity")).containsExactly(fresh, risky, late);
    assertThat(listed("sla=on_track,at_risk&status=closed")).isEmpty();
    // What the list keeps is what each thread's sla says.
    Answer all = get("/inbox/threads?sla=on_track,at_risk,breached", asOwner);
    java.util.Map<String, String> shown = new java.util.HashMap<>();
    all.json()
        .path("items")
        .forEach(t -> shown.put(t.path("id").asString(), t.path("sla").path("state").asString()));
    assertThat(shown)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(late, "breached", risky, "at_risk", fresh, "on_track"));

    refused(() -> get("/inbox/threads?sla=late", asOwner), 400, "invalid_sla");
    refused(() -> get("/inbox/threads?sla=at_risk,", asOwner), 400, "invalid_sla");
    refused(() -> get("/inbox/threads?sla=AT_RISK", asOwner), 400, "invalid_sla");
    Answer long_ = get("/inbox/threads?sla=" + "x".repeat(2000), asOwner);
    assertProblem(long_, 400, "invalid_sla");
    assertThat(long_.body()).doesNotContain("xxxxxxxx");
    refused(() -> get("/inbox/threads?sort=urgent", asOwner), 400, "invalid_sort");
    refused(() -> get("/inbox/threads?sort=sla_due&sla=soon", asOwner), 400, "invalid_sla");
  }

  @Test
  @DisplayName("agents and viewers read the configuration but may not change it")
  void permissions() {
    String id = created(OFFICE);
    for (Role role : new Role[] {Role.AGENT, Role.VIEWER}) {
      Map<String, String> h = as(owner.orgId(), addMember(owner, role));
      assertThat(get("/sla/config", h).status()).isEqualTo(200);
      assertThat(get("/sla/calendars/" + id, h).status()).isEqualTo(200);
      refused(() -> post("/sla/config", POLICY, h), 403, "forbidden");
      refused(() -> send("PUT", "/sla/config", POLICY, h), 403, "forbidden");
      refused(() -> post("/sla/calendars", OFFICE, h), 403, "forbidden");
      refused(() -> send("PUT", "/sla/calendars/" + id, OFFICE, h), 403, "forbidden");
      refused(() -> delete("/sla/calendars/" + id, h), 403, "forbidden");
    }
    Map<String, String> manager = as(owner.orgId(), addMember(owner, Role.MANAGER));
    assertThat(post("/sla/config", POLICY, manager).status()).isEqualTo(200);
  }
}
