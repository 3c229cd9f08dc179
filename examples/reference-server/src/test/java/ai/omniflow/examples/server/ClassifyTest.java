package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Classifying a host's own text over HTTP")
class ClassifyTest extends ServerTest {

  @Test
  @DisplayName("uses the org's selected pack when no pack_slug is given")
  void usesTheOrgsPack() {
    Actor owner = newOrg("Classify Realty");
    omniFlow.packs().select(owner, "real-estate");

    Answer answer =
        post(
            "/inbox/classify",
            "{\"text\": \"can I come see the house saturday?\"}",
            as(owner.orgId(), owner.userId()));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.path("intent").asString()).isEqualTo("showing_request");
    assertThat(json.path("confidence").asDouble()).isBetween(0.0, 1.0).isPositive();
    assertThat(json.has("runner_up")).isTrue();
    assertThat(json.path("runner_up_confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.path("matched").isArray()).isTrue();
    assertThat(json.path("matched").size()).isPositive();
  }

  @Test
  @DisplayName("uses the pack named by pack_slug, and any member, even a viewer, may call it")
  void aViewerMayClassifyWithAnotherPack() {
    Actor owner = newOrg("Classify Generic");
    omniFlow.packs().select(owner, "real-estate");
    UUID viewer = addMember(owner, Role.VIEWER);

    Answer answer =
        post(
            "/inbox/classify",
            "{\"text\": \"I want to book an appointment\", \"pack_slug\": \"generic\"}",
            as(owner.orgId(), viewer));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("intent").asString()).isEqualTo("booking_request");
  }

  @Test
  @DisplayName("refuses a blank text or one over 4096 characters with 422")
  void refusesBadText() {
    Actor owner = newOrg("Classify Bad Text");
    omniFlow.packs().select(owner, "generic");
    Map<String, String> h = as(owner.orgId(), owner.userId());

    assertProblem(post("/inbox/classify", "{\"text\": \"   \"}", h), 422, "invalid_text");
    assertProblem(post("/inbox/classify", "{}", h), 422, "invalid_text");
    String tooLong = "a".repeat(4097);
    assertProblem(
        post("/inbox/classify", "{\"text\": \"" + tooLong + "\"}", h), 422, "invalid_text");
    assertThat(post("/inbox/classify", "{\"text\": \"" + "a".repeat(4096) + "\"}", h).status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("refuses an unknown pack with 422 unknown_pack, and no pack at all with 422")
  void refusesUnknownOrMissingPack() {
    Actor owner = newOrg("Classify No Pack");
    Map<String, String> h = as(owner.orgId(), owner.userId());

    assertProblem(
        post("/inbox/classify", "{\"text\": \"price?\", \"pack_slug\": \"dentist\"}", h),
        422,
        "unknown_pack");
    assertProblem(post("/inbox/classify", "{\"text\": \"price?\"}", h), 422, "no_pack_selected");
  }

  @Test
  @DisplayName("refuses a caller without credentials")
  void refusesAnonymous() {
    assertThat(post("/inbox/classify", "{\"text\": \"price?\"}", Map.of()).status()).isEqualTo(401);
  }
}
