package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.IssuedApiKey;
import ai.omniflow.tenancy.Role;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@DisplayName("Identity over HTTP with dev-auth off")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"omniflow.dev-auth.enabled=false", "omniflow.seed.enabled=true"})
class DevAuthOffTest extends ServerTest {

  @Test
  @DisplayName("the dev headers are ignored: the request is a 401")
  void devHeadersAreIgnored() {
    assertProblem(get("/me", as(DEV_ORG, DEV_USER)), 401, "unauthenticated");
  }

  @Test
  @DisplayName("a Bearer API key acts as its member with the membership's role")
  void bearerApiKeysWork() {
    Actor owner = newOrg("Keys Co");
    UUID manager = addMember(owner, Role.MANAGER);
    IssuedApiKey key = omniFlow.apiKeys().issue(owner, manager, "CRM sync");

    Answer me = get("/me", bearer(key.token()));

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("org_id").asString()).isEqualTo(owner.orgId().toString());
    assertThat(me.json().path("user_id").asString()).isEqualTo(manager.toString());
    assertThat(me.json().path("role").asString()).isEqualTo("manager");
  }

  @Test
  @DisplayName("a key revoked over HTTP is refused with a 401 from then on")
  void aRevokedKeyIsUnauthenticated() {
    Actor owner = newOrg("Revoking Co");
    IssuedApiKey admin = omniFlow.apiKeys().issue(owner, owner.userId(), "admin console");
    IssuedApiKey doomed = omniFlow.apiKeys().issue(owner, owner.userId(), "old script");
    assertThat(get("/me", bearer(doomed.token())).status()).isEqualTo(200);

    Answer revoked = delete("/api-keys/" + doomed.key().id(), bearer(admin.token()));

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().path("revoked_at").isNull()).isFalse();
    assertProblem(get("/me", bearer(doomed.token())), 401, "unauthenticated");
    assertThat(get("/me", bearer(admin.token())).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a malformed Authorization header is a 401")
  void aMalformedAuthorizationIsUnauthenticated() {
    assertProblem(
        get("/me", java.util.Map.of("Authorization", "Basic Zm9vOmJhcg==")),
        401,
        "unauthenticated");
    assertProblem(get("/me", bearer("ofk_" + "0".repeat(32) + "_x")), 401, "unauthenticated");
  }
}
