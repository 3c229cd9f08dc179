package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Connector endpoints")
class ConnectorsTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrg() {
    owner = newOrg("Connectors Co");
    asOwner = as(owner.orgId(), owner.userId());
  }

  /** Starts OAuth for the mock provider as the owner; returns the state. */
  String start() {
    Answer started = post("/connectors/mock/start", "", asOwner);
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    return started.json().path("state").asString();
  }

  /** Connects the mock provider as the owner; returns the accounts. */
  JsonNode connect(String code) {
    String state = start();
    Answer done =
        post(
            "/connectors/mock/callback",
            "{\"code\": \"" + code + "\", \"state\": \"" + state + "\"}",
            asOwner);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    return done.json().path("accounts");
  }

  static List<String> refs(JsonNode accounts) {
    List<String> refs = new ArrayList<>();
    accounts.forEach(a -> refs.add(a.path("account_ref").asString()));
    return refs;
  }

  @Nested
  @DisplayName("the OAuth flow with the mock connector")
  class Flow {
    @Test
    @DisplayName("start answers the authorization URL, the state and when it expires")
    void startAnswers() {
      Answer started = post("/connectors/mock/start", "", asOwner);

      assertThat(started.status()).as(started.body()).isEqualTo(200);
      JsonNode json = started.json();
      assertThat(json.path("provider").asString()).isEqualTo("mock");
      String state = json.path("state").asString();
      assertThat(state).matches("[A-Za-z0-9_-]{22}");
      assertThat(json.path("authorization_url").asString())
          .startsWith("https://mock.omniflow.invalid/oauth/authorize?")
          .contains("state=" + state)
          .contains("code_challenge_method=S256")
          .contains(
              "redirect_uri="
                  + URLEncoder.encode(TestDatabases.redirectUri("mock"), StandardCharsets.UTF_8));
      assertThat(java.time.Instant.parse(json.path("expires_at").asString())).isAfter(now());
    }

    @Test
    @DisplayName("start, then callback with any code connects healthy accounts that are listed")
    void startCallbackList() {
      JsonNode accounts = connect("any-code");

      assertThat(accounts).hasSize(2);
      JsonNode first = accounts.get(0);
      assertThat(first.path("provider").asString()).isEqualTo("mock");
      assertThat(first.path("status").asString()).isEqualTo("healthy");
      assertThat(first.path("account_ref").asString()).startsWith("ca_");
      Answer listed = get("/connectors/accounts", asOwner);
      assertThat(listed.status()).isEqualTo(200);
      JsonNode list = listed.json();
      assertThat(list.path("total").asLong()).isEqualTo(2);
      assertThat(list.path("limit").asInt()).isEqualTo(20);
      assertThat(list.path("offset").asInt()).isZero();
      JsonNode item = list.path("items").get(0);
      assertThat(item.propertyNames())
          .containsExactlyInAnyOrder(
              "account_ref",
              "provider",
              "external_account_id",
              "display_name",
              "scopes",
              "status",
              "status_detail",
              "last_checked_at",
              "token_expires_at",
              "created_at");
      assertThat(refs(list.path("items"))).containsExactlyInAnyOrderElementsOf(refs(accounts));
      assertThat(item.path("status").asString()).isEqualTo("healthy");
      assertThat(item.path("token_expires_at").asString()).isNotBlank();
      assertThat(listed.body()).doesNotContain("mock-at-").doesNotContain("mock-rt-");
    }

    @Test
    @DisplayName("reconnecting keeps each account's ref")
    void reconnectKeepsRefs() {
      List<String> first = refs(connect("code-one"));
      List<String> second = refs(connect("code-two"));

      assertThat(second).containsExactlyInAnyOrderElementsOf(first);
      assertThat(get("/connectors/accounts", asOwner).json().path("total").asLong()).isEqualTo(2);
      Answer events = get("/events?limit=50", asOwner);
      assertThat(events.body())
          .contains("connector_account.connected")
          .contains("connector_account.reconnected");
    }

    @Test
    @DisplayName("a viewer may list the accounts and the health but not connect")
    void viewerReads() {
      connect("code");
      UUID viewer = addMember(owner, Role.VIEWER);
      Map<String, String> asViewer = as(owner.orgId(), viewer);

      assertThat(get("/connectors/accounts", asViewer).json().path("total").asLong()).isEqualTo(2);
      assertThat(get("/connectors/health", asViewer).status()).isEqualTo(200);
    }
  }

  @Nested
  @DisplayName("health")
  class Health {
    @Test
    @DisplayName("a health check answers the account with its new status and check time")
    void healthcheck() {
      String ref = refs(connect("code")).get(0);

      Answer checked = post("/connectors/mock/" + ref + "/healthcheck", "", asOwner);

      assertThat(checked.status()).as(checked.body()).isEqualTo(200);
      assertThat(checked.json().path("account_ref").asString()).isEqualTo(ref);
      assertThat(checked.json().path("status").asString()).isEqualTo("healthy");
      assertThat(checked.json().path("last_checked_at").asString()).isNotBlank();
    }

    @Test
    @DisplayName("the org summary counts accounts by status and gives the overall status")
    void summary() {
      List<String> refs = refs(connect("code"));
      assertThat(delete("/connectors/mock/" + refs.get(1), asOwner).status()).isEqualTo(200);

      JsonNode health = get("/connectors/health", asOwner).json();

      assertThat(health.path("overall").asString()).isEqualTo("disconnected");
      assertThat(health.path("counts").path("healthy").asInt()).isEqualTo(1);
      assertThat(health.path("counts").path("degraded").asInt()).isZero();
      assertThat(health.path("counts").path("needs_reauth").asInt()).isZero();
      assertThat(health.path("counts").path("disconnected").asInt()).isEqualTo(1);
      assertThat(health.path("accounts")).hasSize(2);
    }

    @Test
    @DisplayName("an org without accounts is healthy with zero counts")
    void empty() {
      JsonNode health = get("/connectors/health", asOwner).json();

      assertThat(health.path("overall").asString()).isEqualTo("healthy");
      assertThat(health.path("counts").path("healthy").asInt()).isZero();
      assertThat(health.path("accounts")).isEmpty();
    }

    @Test
    @DisplayName("/actuator/health shows omniflowConnectors; other actuator endpoints are hidden")
    void actuator() {
      Answer health = get("/actuator/health", Map.of());

      assertThat(health.status()).as(health.body()).isEqualTo(200);
      assertThat(
              health.json().path("components").path("omniflowConnectors").path("status").asString())
          .isEqualTo("UP");
      assertThat(health.body()).doesNotContain(owner.orgId().toString());
      assertThat(get("/actuator/env", Map.of()).status()).isEqualTo(404);
      assertThat(get("/actuator/beans", Map.of()).status()).isEqualTo(404);
      assertThat(get("/actuator", Map.of()).body()).doesNotContain("/actuator/env");
    }
  }

  @Nested
  @DisplayName("disconnecting")
  class Disconnect {
    @Test
    @DisplayName("DELETE revokes and forgets the tokens and answers the disconnected account")
    void delete() {
      String ref = refs(connect("code")).get(0);

      Answer deleted = ConnectorsTest.this.delete("/connectors/mock/" + ref, asOwner);

      assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
      assertThat(deleted.json().path("status").asString()).isEqualTo("disconnected");
      assertThat(deleted.json().path("token_expires_at").isNull()).isTrue();
      assertThat(get("/events?limit=50", asOwner).body())
          .contains("connector_account.disconnected");
      // Without tokens a health check cannot reach the platform: the account needs reconnecting.
      Answer checked = post("/connectors/mock/" + ref + "/healthcheck", "", asOwner);
      assertThat(checked.json().path("status").asString()).isEqualTo("needs_reauth");
    }
  }

  @Nested
  @DisplayName("bad input is refused and writes nothing")
  class BadInput {
    /** Sends the request, checks the problem and that no event or audit entry was written. */
    private void refused(Supplier<Answer> request, int status, String code) {
      refused(request, status, code, 0);
    }

    private void refused(Supplier<Answer> request, int status, String code, int audits) {
      long[] before = writes(owner);
      Answer answer = request.get();
      assertProblem(answer, status, code);
      assertThat(writes(owner))
          .as("events and audit entries")
          .containsExactly(before[0], before[1] + audits);
    }

    @Test
    @DisplayName("an unknown provider is a 404 unknown_provider")
    void unknownProvider() {
      refused(() -> post("/connectors/nope/start", "", asOwner), 404, "unknown_provider");
      refused(
          () -> post("/connectors/nope/callback", "{\"code\":\"c\",\"state\":\"s\"}", asOwner),
          404,
          "unknown_provider");
    }

    @Test
    @DisplayName("a provider that is not available in this mode is a 409 provider_unavailable")
    void liveOnlyProviderInMockMode() {
      refused(
          () -> post("/connectors/" + LiveOnlyConnectors.PROVIDER + "/start", "", asOwner),
          409,
          "provider_unavailable");
      refused(
          () ->
              post(
                  "/connectors/" + LiveOnlyConnectors.PROVIDER + "/callback",
                  "{\"code\":\"c\",\"state\":\"s\"}",
                  asOwner),
          409,
          "provider_unavailable");
    }

    @Test
    @DisplayName("an unknown state is a 400 invalid_state that writes only its audit entry")
    void unknownState() {
      refused(
          () ->
              post(
                  "/connectors/mock/callback",
                  "{\"code\":\"c\",\"state\":\"AAAAAAAAAAAAAAAAAAAAAA\"}",
                  asOwner),
          400,
          "invalid_state",
          1);
    }

    @Test
    @DisplayName("a reused state is a 400 invalid_state that writes only its audit entry")
    void reusedState() {
      String state = start();
      String body = "{\"code\":\"c\",\"state\":\"" + state + "\"}";
      assertThat(post("/connectors/mock/callback", body, asOwner).status()).isEqualTo(200);

      refused(() -> post("/connectors/mock/callback", body, asOwner), 400, "invalid_state", 1);
    }

    @Test
    @DisplayName("another user's or another provider's state is a 400 invalid_state")
    void otherUsersState() {
      String state = start();
      UUID admin = addMember(owner, Role.ADMIN);
      String body = "{\"code\":\"c\",\"state\":\"" + state + "\"}";

      refused(
          () -> post("/connectors/mock/callback", body, as(owner.orgId(), admin)),
          400,
          "invalid_state",
          1);
    }

    @Test
    @DisplayName("a missing code or state and malformed JSON are 400s")
    void missingFields() {
      String state = start();
      refused(
          () -> post("/connectors/mock/callback", "{\"state\":\"" + state + "\"}", asOwner),
          400,
          "missing_code");
      refused(
          () -> post("/connectors/mock/callback", "{\"code\":\"c\",\"state\":\" \"}", asOwner),
          400,
          "missing_state");
      refused(
          () -> post("/connectors/mock/callback", "{\"code\":", asOwner), 400, "malformed_json");
      refused(
          () -> send("POST", "/connectors/mock/callback", null, asOwner), 400, "malformed_json");
      // The state was not used up by the refusals.
      assertThat(
              post(
                      "/connectors/mock/callback",
                      "{\"code\":\"c\",\"state\":\"" + state + "\"}",
                      asOwner)
                  .status())
          .isEqualTo(200);
    }

    @Test
    @DisplayName("an agent or a viewer starting OAuth is a 403")
    void agentOrViewer() {
      for (Role role : List.of(Role.AGENT, Role.VIEWER)) {
        UUID member = addMember(owner, role);
        refused(
            () -> post("/connectors/mock/start", "", as(owner.orgId(), member)), 403, "forbidden");
        refused(
            () ->
                post(
                    "/connectors/mock/callback",
                    "{\"code\":\"c\",\"state\":\"s\"}",
                    as(owner.orgId(), member)),
            403,
            "forbidden");
      }
    }

    @Test
    @DisplayName("an account of another org is a 404 for health checks and deletes")
    void otherOrgsAccount() {
      Actor other = newOrg("Other Co");
      var otherAccounts =
          omniFlow
              .connectors()
              .complete(other, "mock", "code", omniFlow.connectors().start(other, "mock").state());
      String foreign = otherAccounts.get(0).accountRef();

      refused(
          () -> post("/connectors/mock/" + foreign + "/healthcheck", "", asOwner),
          404,
          "not_found");
      refused(() -> delete("/connectors/mock/" + foreign, asOwner), 404, "not_found");
      refused(() -> delete("/connectors/mock/not-a-ref", asOwner), 404, "not_found");
      assertThat(omniFlow.connectors().account(other, "mock", foreign).status().name())
          .isEqualTo("HEALTHY");
    }
  }
}
