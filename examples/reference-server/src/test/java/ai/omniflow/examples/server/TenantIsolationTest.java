package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.IssuedApiKey;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Tenants are isolated over HTTP")
class TenantIsolationTest extends ServerTest {
  private Actor a;
  private Actor b;
  private Map<String, String> asA;
  private Map<String, String> asB;

  @BeforeEach
  void twoOrgs() {
    a = newOrg("Org A");
    b = newOrg("Org B");
    asA = as(a.orgId(), a.userId());
    asB = as(b.orgId(), b.userId());
    assertThat(post("/verticals/select", "{\"pack_slug\": \"real-estate\"}", asA).status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("org B sees none of org A's events or audit entries")
  void orgBCannotSeeOrgAsLogs() {
    JsonNode eventsB = get("/events?limit=200", asB).json();
    JsonNode auditB = get("/audit?limit=200", asB).json();
    JsonNode eventsA = get("/events?limit=200", asA).json();

    assertThat(eventsB.path("items").size()).isPositive();
    eventsB
        .path("items")
        .forEach(e -> assertThat(e.path("org_id").asString()).isEqualTo(b.orgId().toString()));
    auditB
        .path("items")
        .forEach(e -> assertThat(e.path("org_id").asString()).isEqualTo(b.orgId().toString()));
    assertThat(eventsB.toString()).doesNotContain(a.orgId().toString());
    assertThat(auditB.toString()).doesNotContain(a.orgId().toString());
    assertThat(eventsA.path("total").asLong()).isGreaterThan(eventsB.path("total").asLong());
  }

  @Test
  @DisplayName("org A's API key is a 404 to org B, and stays valid")
  void anotherOrgsKeyIsNotFound() {
    IssuedApiKey key = omniFlow.apiKeys().issue(a, a.userId(), "A's sync");
    long[] before = writes(b);

    assertProblem(delete("/api-keys/" + key.key().id(), asB), 404, "not_found");

    assertThat(writes(b)).containsExactly(before);
    assertThat(get("/api-keys", asB).json().toString()).doesNotContain(key.key().id().toString());
    assertThat(get("/me", bearer(key.token())).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("org B cannot issue a key for a member of org A")
  void anotherOrgsUserIsNotFound() {
    long[] before = writes(b);

    assertProblem(
        post("/api-keys", "{\"user_id\": \"" + a.userId() + "\", \"name\": \"x\"}", asB),
        404,
        "not_found");

    assertThat(writes(b)).containsExactly(before);
  }

  @Test
  @DisplayName("a member of org A naming org B in the headers is a 401")
  void aMemberOfAnotherOrgIsUnauthenticated() {
    assertProblem(get("/events", as(b.orgId(), a.userId())), 401, "unauthenticated");
  }
}
