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

@DisplayName("Routing endpoints: agents, availability, groups, configuration")
class RoutingApiTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Routing Co");
    asOwner = as(owner.orgId(), owner.userId());
  }

  String agent(String name, int capacity) {
    Answer a =
        post("/agents", "{\"name\": \"" + name + "\", \"capacity\": " + capacity + "}", asOwner);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().path("id").asString();
  }

  void refused(Supplier<Answer> call, int status, String code) {
    assertRefusedWritingNothing(owner, call, status, code);
  }

  @Test
  @DisplayName("agents are added with availability and listed; PUT availability replaces it")
  void agentsAndAvailability() {
    Answer created =
        post(
            "/agents",
            "{\"name\": \"Ana\", \"capacity\": 10, \"weight\": 2, \"languages\": [\"es\", \"en\"],"
                + " \"availability\": {\"time_zone\": \"America/Los_Angeles\", \"shifts\":"
                + " [{\"day\": \"monday\", \"start\": \"09:00\", \"end\": \"17:00\"}]}}",
            asOwner);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode a = created.json();
    String id = a.path("id").asString();
    assertThat(created.headers().firstValue("Location")).contains("/agents/" + id);
    assertThat(a.path("capacity").asInt()).isEqualTo(10);
    assertThat(a.path("weight").asInt()).isEqualTo(2);
    assertThat(a.path("languages").toString()).isEqualTo("[\"en\",\"es\"]");
    assertThat(a.path("availability").path("time_zone").asString())
        .isEqualTo("America/Los_Angeles");

    Answer list = get("/agents", asOwner);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("total").asLong()).isEqualTo(1);

    Answer paused =
        send(
            "PUT",
            "/agents/" + id + "/availability",
            "{\"time_zone\": \"Europe/Madrid\", \"paused\": true, \"out_of_office\": [{\"from\":"
                + " \"2026-07-01T00:00:00Z\", \"until\": \"2026-07-15T00:00:00Z\"}]}",
            asOwner);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().path("available_now").asBoolean()).isFalse();
    assertThat(paused.json().path("unavailable_reason").asString()).isEqualTo("paused");
    assertThat(paused.json().path("availability").path("out_of_office").size()).isEqualTo(1);
  }

  @Test
  @DisplayName("groups are added with members, policy, timeout and fallback, and listed")
  void groups() {
    String ana = agent("Ana", 5);
    String bo = agent("Bo", 5);
    Answer pond =
        post("/routing/groups", "{\"key\": \"pond_team\", \"policy\": \"round_robin\"}", asOwner);
    assertThat(pond.status()).as(pond.body()).isEqualTo(201);
    Answer sf =
        post(
            "/routing/groups",
            "{\"key\": \"sf\", \"name\": \"San Francisco\", \"policy\": \"first_to_claim\","
                + " \"members\": [\""
                + bo
                + "\", \""
                + ana
                + "\"], \"offer_timeout\": \"PT2M\", \"fallback\": \"pond_team\"}",
            asOwner);
    assertThat(sf.status()).as(sf.body()).isEqualTo(201);
    assertThat(sf.json().path("members").get(0).asString()).isEqualTo(bo);
    assertThat(sf.json().path("offer_timeout").asString()).isEqualTo("PT2M");
    Answer list = get("/routing/groups", asOwner);
    assertThat(list.json().path("total").asLong()).isEqualTo(2);
    assertThat(list.json().path("items").get(1).path("policy").asString())
        .isEqualTo("first_to_claim");
  }

  @Test
  @DisplayName("bad input answers 422 or 409 naming the problem, and nothing is written")
  void badInput() {
    String ana = agent("Ana", 5);
    refused(
        () -> post("/agents", "{\"name\": \"Bo\", \"capacity\": -1}", asOwner),
        422,
        "invalid_agent");
    refused(() -> post("/agents", "{\"name\": \"Bo\"}", asOwner), 422, "invalid_agent");
    refused(
        () ->
            send(
                "PUT",
                "/agents/" + ana + "/availability",
                "{\"time_zone\": \"Mars/Olympus\"}",
                asOwner),
        422,
        "invalid_availability");
    refused(
        () ->
            send(
                "PUT",
                "/agents/" + ana + "/availability",
                "{\"out_of_office\": [{\"from\": \"2026-07-15T00:00:00Z\", \"until\":"
                    + " \"2026-07-01T00:00:00Z\"}]}",
                asOwner),
        422,
        "invalid_availability");
    refused(
        () ->
            send(
                "PUT",
                "/agents/" + ana + "/availability",
                "{\"shifts\": [{\"day\": \"funday\", \"start\": \"09:00\", \"end\": \"17:00\"}]}",
                asOwner),
        422,
        "invalid_availability");
    refused(
        () -> send("PUT", "/agents/" + UUID.randomUUID() + "/availability", "{}", asOwner),
        404,
        "not_found");
    refused(
        () ->
            post(
                "/routing/groups",
                "{\"key\": \"sf\", \"policy\": \"round_robin\", \"members\": [\""
                    + UUID.randomUUID()
                    + "\"]}",
                asOwner),
        422,
        "unknown_agent");
    refused(
        () -> post("/routing/groups", "{\"key\": \"sf\", \"policy\": \"lottery\"}", asOwner),
        422,
        "invalid_group");
    refused(
        () ->
            post(
                "/routing/groups",
                "{\"key\": \"San Francisco\", \"policy\": \"weighted\"}",
                asOwner),
        422,
        "invalid_group");
    assertThat(
            post("/routing/groups", "{\"key\": \"sf\", \"policy\": \"weighted\"}", asOwner)
                .status())
        .isEqualTo(201);
    refused(
        () -> post("/routing/groups", "{\"key\": \"sf\", \"policy\": \"weighted\"}", asOwner),
        409,
        "group_exists");
  }

  @Test
  @DisplayName("viewers read routing but only owners and admins change it")
  void permissions() {
    String ana = agent("Ana", 5);
    UUID viewerId = addMember(owner, Role.VIEWER);
    Map<String, String> asViewer = as(owner.orgId(), viewerId);
    assertThat(get("/agents", asViewer).status()).isEqualTo(200);
    assertThat(get("/routing/groups", asViewer).status()).isEqualTo(200);
    refused(
        () -> post("/agents", "{\"name\": \"X\", \"capacity\": 1}", asViewer), 403, "forbidden");
    refused(
        () -> send("PUT", "/agents/" + ana + "/availability", "{\"paused\": true}", asViewer),
        403,
        "forbidden");
  }

  @Test
  @DisplayName("the routing configuration can be replaced per org and read back")
  void config() {
    Answer put =
        send(
            "PUT",
            "/routing/config",
            "{\"sticky\": false, \"default_group\": \"team\", \"rules\": [{\"key\": \"hot\","
                + " \"group\": \"vip\", \"when\": {\"field\": \"score\", \"op\": \"gte\","
                + " \"value\": 80}}]}",
            asOwner);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    JsonNode c = get("/routing/config", asOwner).json();
    assertThat(c.path("sticky").asBoolean()).isFalse();
    assertThat(c.path("rules").get(0).path("when").path("value").asInt()).isEqualTo(80);
    refused(
        () ->
            send(
                "PUT",
                "/routing/config",
                "{\"rules\": [{\"key\": \"x\", \"group\": \"g\", \"when\": {\"field\": \"nope\","
                    + " \"op\": \"exists\"}}]}",
                asOwner),
        422,
        "invalid_routing");
  }

  @Test
  @DisplayName(
      "PUT replaces an agent (keeping its availability) and a group; bad input writes nothing")
  void updates() {
    String ana = agent("Ana", 5);
    String bo = agent("Bo", 5);
    assertThat(
            post(
                    "/routing/groups",
                    "{\"key\": \"sf\", \"policy\": \"round_robin\", \"members\": [\""
                        + ana
                        + "\"]}",
                    asOwner)
                .status())
        .isEqualTo(201);

    Answer paused =
        send(
            "PUT",
            "/agents/" + ana,
            "{\"name\": \"Ana Lima\", \"capacity\": 8, \"active\": false, \"weight\": 2}",
            asOwner);
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().path("name").asString()).isEqualTo("Ana Lima");
    assertThat(paused.json().path("capacity").asInt()).isEqualTo(8);
    assertThat(paused.json().path("active").asBoolean()).isFalse();

    Answer group =
        send(
            "PUT",
            "/routing/groups/sf",
            "{\"policy\": \"least_loaded\", \"members\": [\"" + ana + "\", \"" + bo + "\"]}",
            asOwner);
    assertThat(group.status()).as(group.body()).isEqualTo(200);
    assertThat(group.json().path("policy").asString()).isEqualTo("least_loaded");
    assertThat(group.json().path("members").size()).isEqualTo(2);

    refused(
        () ->
            send(
                "PUT",
                "/agents/" + UUID.randomUUID(),
                "{\"name\": \"X\", \"capacity\": 1}",
                asOwner),
        404,
        "not_found");
    refused(
        () -> send("PUT", "/agents/" + bo, "{\"name\": \"Bo\", \"capacity\": -1}", asOwner),
        422,
        "invalid_agent");
    refused(
        () ->
            send(
                "PUT",
                "/routing/groups/sf",
                "{\"policy\": \"round_robin\", \"members\": [\"" + UUID.randomUUID() + "\"]}",
                asOwner),
        422,
        "unknown_agent");
    refused(
        () -> send("PUT", "/routing/groups/nope", "{\"policy\": \"round_robin\"}", asOwner),
        404,
        "not_found");
    String longKey = "k".repeat(1_500);
    Answer renamed =
        send(
            "PUT",
            "/routing/groups/" + longKey,
            "{\"key\": \"other\", \"policy\": \"round_robin\"}",
            asOwner);
    assertProblem(renamed, 422, "invalid_group");
    assertThat(renamed.json().path("detail").asString())
        .contains("'" + "k".repeat(80) + "…'")
        .doesNotContain("k".repeat(81));
  }
}
