package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Identity over HTTP with dev-auth on")
class IdentityTest extends ServerTest {

  @Test
  @DisplayName("/me with the dev headers returns the seeded dev owner and org")
  void meWithDevHeadersReturnsTheDevActor() {
    Answer me = get("/me", as(DEV_ORG, DEV_USER));

    assertThat(me.status()).isEqualTo(200);
    JsonNode json = me.json();
    assertThat(json.path("org_id").asString()).isEqualTo(DevSeed.ORG);
    assertThat(json.path("user_id").asString()).isEqualTo(DevSeed.USER);
    assertThat(json.path("role").asString()).isEqualTo("owner");
    assertThat(json.path("org_name").asString()).isEqualTo("Dev Org");
    assertThat(json.has("pack_slug")).isTrue();
  }

  @Test
  @DisplayName("a member with the agent role who asks for owner gets agent")
  void aRequestedRoleIsCappedAtTheMembership() {
    Actor owner = newOrg("Capping Co");
    UUID agent = addMember(owner, Role.AGENT);

    Answer me = get("/me", as(owner.orgId(), agent, "owner"));

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("role").asString()).isEqualTo("agent");
  }

  @Test
  @DisplayName("an owner may act with a lower role, and then is refused what it may not do")
  void anOwnerMayActWithALowerRole() {
    Actor owner = newOrg("Lower Role Co");

    Answer me = get("/me", as(owner.orgId(), owner.userId(), "viewer"));
    Answer audit = get("/audit", as(owner.orgId(), owner.userId(), "viewer"));

    assertThat(me.json().path("role").asString()).isEqualTo("viewer");
    assertProblem(audit, 403, "forbidden");
  }

  @Test
  @DisplayName("no identity, an unknown member, a malformed UUID or an unknown role is a 401")
  void missingOrUnknownIdentityIsUnauthenticated() {
    assertProblem(get("/me", Map.of()), 401, "unauthenticated");
    assertProblem(get("/me", as(DEV_ORG, UUID.randomUUID())), 401, "unauthenticated");
    assertProblem(get("/me", as(UUID.randomUUID(), DEV_USER)), 401, "unauthenticated");
    assertProblem(
        get("/me", Map.of("X-Omniflow-Org-Id", "not-a-uuid", "X-Omniflow-User-Id", DevSeed.USER)),
        401,
        "unauthenticated");
    assertProblem(get("/me", Map.of("X-Omniflow-Org-Id", DevSeed.ORG)), 401, "unauthenticated");
    assertProblem(get("/me", as(DEV_ORG, DEV_USER, "emperor")), 401, "unauthenticated");
    assertProblem(get("/me", bearer("ofk_nonsense")), 401, "unauthenticated");
    String secret = "A".repeat(43);
    String unknownOrg = UUID.randomUUID().toString().replace("-", "");
    String devOrg = DevSeed.ORG.replace("-", "");
    assertProblem(get("/me", bearer("ofk_" + unknownOrg + "_" + secret)), 401, "unauthenticated");
    assertProblem(get("/me", bearer("ofk_" + devOrg + "_" + secret)), 401, "unauthenticated");
    assertThat(get("/me", Map.of()).headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  @DisplayName("the request id is echoed when sent and made up when not")
  void theRequestIdIsEchoedOrGenerated() {
    Map<String, String> headers = new java.util.HashMap<>(as(DEV_ORG, DEV_USER));
    headers.put("X-Request-Id", "req-identity-1");

    Answer given = get("/me", headers);
    Answer made = get("/me", as(DEV_ORG, DEV_USER));
    Answer problem = get("/me", Map.of("X-Request-Id", "req-identity-2"));

    assertThat(given.headers().firstValue("X-Request-Id")).contains("req-identity-1");
    assertThat(made.headers().firstValue("X-Request-Id")).get().asString().isNotBlank();
    assertThat(problem.json().path("request_id").asString()).isEqualTo("req-identity-2");
  }

  @Test
  @DisplayName("/healthz answers ok without identity after checking the database")
  void healthNeedsNoIdentity() {
    Answer health = get("/healthz", Map.of());

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asString()).isEqualTo("ok");
  }
}
