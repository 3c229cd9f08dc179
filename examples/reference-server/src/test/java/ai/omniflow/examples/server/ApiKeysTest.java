package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("API keys over HTTP")
class ApiKeysTest extends ServerTest {

  @Test
  @DisplayName("issuing answers 201 with the token once; listing never shows a token or hash")
  void issueListAndRevoke() {
    Actor owner = newOrg("Key Holder Co");
    UUID agent = addMember(owner, Role.AGENT);
    Map<String, String> asOwner = as(owner.orgId(), owner.userId());

    Answer issued =
        post("/api-keys", "{\"user_id\": \"" + agent + "\", \"name\": \"CRM sync\"}", asOwner);

    assertThat(issued.status()).isEqualTo(201);
    JsonNode key = issued.json();
    String id = key.path("id").asString();
    String token = key.path("token").asString();
    assertThat(token).startsWith("ofk_").startsWith(key.path("prefix").asString());
    assertThat(key.path("user_id").asString()).isEqualTo(agent.toString());
    assertThat(issued.headers().firstValue("Location"))
        .get()
        .asString()
        .endsWith("/api-keys/" + id);

    Answer list = get("/api-keys", asOwner);
    assertThat(list.json().path("total").asLong()).isEqualTo(1);
    assertThat(list.json().path("items").get(0).path("id").asString()).isEqualTo(id);
    assertThat(list.body()).doesNotContain(token).doesNotContain("hash").doesNotContain("token");

    assertThat(get("/me", bearer(token)).json().path("role").asString()).isEqualTo("agent");

    Answer revoked = delete("/api-keys/" + id, asOwner);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("revoked_at").asString()).endsWith("Z");
    assertProblem(get("/me", bearer(token)), 401, "unauthenticated");

    JsonNode audit = get("/audit?limit=2", asOwner).json();
    assertThat(audit.path("items").get(0).path("action").asString()).isEqualTo("api_key.revoke");
    assertThat(audit.toString()).doesNotContain(token);
  }

  @Test
  @DisplayName("an admin cannot mint the owner's key; a key names who issued it")
  void anAdminCannotMintAnOwnersKey() {
    Actor owner = newOrg("Escalation Co");
    UUID admin = addMember(owner, Role.ADMIN);
    UUID agent = addMember(owner, Role.AGENT);
    Map<String, String> asAdmin = as(owner.orgId(), admin);

    assertProblem(
        post("/api-keys", "{\"user_id\": \"" + owner.userId() + "\", \"name\": \"x\"}", asAdmin),
        403,
        "forbidden");
    assertThat(get("/api-keys", as(owner.orgId(), owner.userId())).json().path("total").asLong())
        .isZero();

    Answer issued =
        post("/api-keys", "{\"user_id\": \"" + agent + "\", \"name\": \"agent\"}", asAdmin);
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    assertThat(issued.json().path("issued_by_user_id").asString()).isEqualTo(admin.toString());
    JsonNode audit = get("/audit?limit=1", as(owner.orgId(), owner.userId())).json();
    assertThat(audit.toString()).contains(agent.toString()).contains(admin.toString());
  }
}
