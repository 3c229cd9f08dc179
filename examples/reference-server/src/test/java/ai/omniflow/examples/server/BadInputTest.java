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

@DisplayName("Bad input is answered with a problem and writes nothing")
class BadInputTest extends ServerTest {
  private Actor owner;
  private Map<String, String> asOwner;

  @BeforeEach
  void anOrgWithAPack() {
    owner = newOrg("Bad Input Co");
    omniFlow.packs().select(owner, "generic");
    asOwner = as(owner.orgId(), owner.userId());
  }

  /** Sends the request, checks the problem, and checks no event or audit entry was written. */
  private void refused(Supplier<Answer> request, int status, String code) {
    assertRefusedWritingNothing(owner, request, status, code);
  }

  @Test
  @DisplayName("an unknown pack slug is a 422 unknown_pack")
  void unknownPack() {
    refused(
        () -> post("/verticals/select", "{\"pack_slug\": \"dentistry\"}", asOwner),
        422,
        "unknown_pack");
  }

  @Test
  @DisplayName("a missing pack slug is a 422")
  void missingPackSlug() {
    refused(() -> post("/verticals/select", "{}", asOwner), 422, "invalid_pack_slug");
  }

  @Test
  @DisplayName("malformed JSON, a missing body and a JSON array are 400 malformed_json")
  void malformedJson() {
    refused(() -> post("/verticals/select", "{\"pack_slug\": ", asOwner), 400, "malformed_json");
    refused(() -> send("POST", "/verticals/select", null, asOwner), 400, "malformed_json");
    refused(() -> post("/api-keys", "[1, 2]", asOwner), 400, "malformed_json");
  }

  @Test
  @DisplayName("a body that is not JSON is a 415")
  void notJson() {
    Map<String, String> headers = new java.util.HashMap<>(asOwner);
    headers.put("Content-Type", "text/plain");
    refused(
        () -> send("POST", "/verticals/select", "generic", headers), 415, "unsupported_media_type");
  }

  @Test
  @DisplayName("a viewer selecting a pack is a 403")
  void viewerSelectingAPack() {
    UUID viewer = addMember(owner, Role.VIEWER);
    refused(
        () ->
            post(
                "/verticals/select", "{\"pack_slug\": \"real-estate\"}", as(owner.orgId(), viewer)),
        403,
        "forbidden");
  }

  @Test
  @DisplayName("an agent issuing an API key is a 403")
  void agentIssuingAKey() {
    UUID agent = addMember(owner, Role.AGENT);
    refused(
        () ->
            post(
                "/api-keys",
                "{\"user_id\": \"" + agent + "\", \"name\": \"mine\"}",
                as(owner.orgId(), agent)),
        403,
        "forbidden");
  }

  @Test
  @DisplayName("missing or unknown identity is a 401")
  void missingIdentity() {
    refused(
        () -> post("/verticals/select", "{\"pack_slug\": \"real-estate\"}", Map.of()),
        401,
        "unauthenticated");
    refused(
        () ->
            post(
                "/verticals/select",
                "{\"pack_slug\": \"real-estate\"}",
                as(owner.orgId(), UUID.randomUUID())),
        401,
        "unauthenticated");
  }

  @Test
  @DisplayName("a limit outside 1..200, a negative offset or a non-number is a 400 invalid_paging")
  void badPaging() {
    for (String query :
        new String[] {
          "limit=0", "limit=201", "limit=-1", "offset=-1", "limit=abc", "offset=1.5", "limit=1e3"
        }) {
      refused(() -> get("/events?" + query, asOwner), 400, "invalid_paging");
      refused(() -> get("/audit?" + query, asOwner), 400, "invalid_paging");
    }
    assertThat(get("/events?limit=200&offset=0", asOwner).status()).isEqualTo(200);
    assertThat(get("/events?limit=1&offset=100000", asOwner).json().path("items").size()).isZero();
  }

  @Test
  @DisplayName("an unknown path is a 404 problem and a wrong method a 405 problem")
  void unknownPathAndWrongMethod() {
    refused(() -> get("/no-such-endpoint", asOwner), 404, "not_found");
    refused(() -> get("/no-such-endpoint", Map.of()), 404, "not_found");
    refused(() -> get("/error", asOwner), 404, "not_found");
    refused(() -> delete("/verticals/select", asOwner), 405, "method_not_allowed");
    refused(() -> send("PUT", "/me", "{}", asOwner), 405, "method_not_allowed");
  }

  @Test
  @DisplayName("an API key for a user who is no member, or with a malformed id, is refused")
  void badApiKeyRequests() {
    refused(
        () ->
            post(
                "/api-keys",
                "{\"user_id\": \"" + UUID.randomUUID() + "\", \"name\": \"x\"}",
                asOwner),
        404,
        "not_found");
    refused(
        () -> post("/api-keys", "{\"user_id\": \"nope\", \"name\": \"x\"}", asOwner),
        422,
        "invalid_user_id");
    refused(
        () ->
            post(
                "/api-keys",
                "{\"user_id\": \"" + owner.userId() + "\", \"name\": \"  \"}",
                asOwner),
        422,
        "invalid_name");
    refused(() -> delete("/api-keys/not-a-uuid", asOwner), 404, "not_found");
    refused(() -> delete("/api-keys/" + UUID.randomUUID(), asOwner), 404, "not_found");
  }
}
