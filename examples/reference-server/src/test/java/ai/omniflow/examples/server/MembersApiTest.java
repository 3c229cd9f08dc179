package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Members over HTTP")
class MembersApiTest extends ServerTest {

  @Test
  @DisplayName("an admin adds and promotes up to admin, never to owner, and the last owner stays")
  void rolesAreManagedWithinTheCallersRole() {
    Actor owner = newOrg("Members Co");
    Map<String, String> asOwner = as(owner.orgId(), owner.userId());
    UUID admin = addMember(owner, Role.ADMIN);
    Map<String, String> asAdmin = as(owner.orgId(), admin);

    Answer added =
        post(
            "/members",
            "{\"email\": \"sam@example.com\", \"name\": \"Sam\", \"role\": \"agent\"}",
            asAdmin);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String sam = added.json().path("user_id").asString();
    assertProblem(
        post(
            "/members",
            "{\"email\": \"o2@example.com\", \"name\": \"O\", \"role\": \"owner\"}",
            asAdmin),
        403,
        "forbidden");
    assertProblem(
        send("PUT", "/members/" + sam, "{\"role\": \"owner\"}", asAdmin), 403, "forbidden");
    assertThat(
            send("PUT", "/members/" + sam, "{\"role\": \"admin\"}", asAdmin)
                .json()
                .path("role")
                .asString())
        .isEqualTo("admin");
    assertProblem(
        send("PUT", "/members/" + owner.userId(), "{\"role\": \"viewer\"}", asAdmin),
        403,
        "forbidden");
    assertProblem(
        send("PUT", "/members/" + owner.userId(), "{\"role\": \"admin\"}", asOwner),
        409,
        "last_owner");
    assertProblem(delete("/members/" + owner.userId(), asOwner), 409, "last_owner");

    assertThat(delete("/members/" + sam, asAdmin).status()).isEqualTo(204);
    assertThat(get("/members", asOwner).body()).doesNotContain(sam).contains(admin.toString());
  }

  @Test
  @DisplayName(
      "adding an e-mail another org uses reveals nothing; the same org twice is a conflict")
  void emailsDoNotLeakAcrossOrgs() {
    Actor a = newOrg("Org A");
    Actor b = newOrg("Org B");
    String body = "{\"email\": \"ana@example.com\", \"name\": \"Ana\", \"role\": \"agent\"}";
    assertThat(post("/members", body, as(a.orgId(), a.userId())).status()).isEqualTo(201);

    assertThat(post("/members", body, as(b.orgId(), b.userId())).status()).isEqualTo(201);
    assertProblem(post("/members", body, as(b.orgId(), b.userId())), 409, "user_exists");
    assertThat(get("/members", as(b.orgId(), b.userId())).json().size()).isEqualTo(2);
  }
}
