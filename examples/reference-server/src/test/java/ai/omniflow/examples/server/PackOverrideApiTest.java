package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.PackOverride;
import ai.omniflow.tenancy.Actor;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("An org's own override of its pack over HTTP")
class PackOverrideApiTest extends ServerTest {
  private static final String PATCH =
      "stages:\n  - {key: qualified, label: Pre-qualified}\n"
          + "scoring:\n  rules:\n    - {key: pre_approved, points: 25}\n";

  private static String body(String patch) {
    return JSON.writeValueAsString(Map.of("patch", patch));
  }

  @Test
  @DisplayName("is saved, read back and merged into the org's pack, and deleted")
  void savedReadAndDeleted() {
    Actor owner = newOrg("Acme Homes");
    omniFlow.packs().select(owner, "real-estate");
    Map<String, String> h = as(owner.orgId(), owner.userId());

    Answer saved = send("PUT", "/verticals/override", body(PATCH), h);

    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.json().path("pack_slug").asString()).isEqualTo("real-estate");
    assertThat(saved.json().path("applies").asBoolean()).isTrue();
    assertThat(saved.json().path("patch").asString()).isEqualTo(PATCH);
    JsonNode read = get("/verticals/override", h).json();
    assertThat(read.path("revision").asString())
        .isEqualTo(saved.json().path("revision").asString());
    assertThat(omniFlow.packs().current(owner).orElseThrow().stages())
        .anySatisfy(s -> assertThat(s.label()).isEqualTo("Pre-qualified"));
    assertThat(get("/events?limit=1", h).json().path("items").get(0).path("type").asString())
        .isEqualTo("org.pack_override_saved");

    Answer deleted = delete("/verticals/override", h);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
    assertThat(deleted.json().path("playbooks_invalid").isArray()).isTrue();
    assertThat(deleted.json().path("playbooks_invalid").size()).isZero();
    assertThat(get("/verticals/override", h).status()).isEqualTo(404);
    Answer again = delete("/verticals/override", h);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("deleted").asBoolean()).isFalse();
    assertThat(omniFlow.packs().current(owner).orElseThrow().stages())
        .noneSatisfy(s -> assertThat(s.label()).isEqualTo("Pre-qualified"));
  }

  @Test
  @DisplayName(
      "that breaks the pack is refused with 422, each problem at its path, writing nothing")
  void badOverrideRefused() {
    Actor owner = newOrg("Acme Homes");
    omniFlow.packs().select(owner, "real-estate");
    Map<String, String> h = as(owner.orgId(), owner.userId());
    assertThat(send("PUT", "/verticals/override", body(PATCH), h).status()).isEqualTo(200);

    Answer refused =
        send(
            "PUT",
            "/verticals/override",
            body("stages:\n  - {key: qualified, lable: Pre-qualified}\nslug: mine\n"),
            h);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("code").asString()).isEqualTo("invalid_pack_override");
    assertThat(refused.json().path("detail").asString())
        .contains("/slug : an org's override builds on the org's pack (real-estate 1.6.2)");
    Answer unknownKey =
        send("PUT", "/verticals/override", body("stages:\n  - {key: qualified, lable: X}\n"), h);
    assertThat(unknownKey.json().path("detail").asString())
        .contains("/stages/0/lable : unknown key 'lable'");
    JsonNode error = unknownKey.json().path("errors").get(0);
    assertThat(error.path("path").asString()).isEqualTo("/stages/0/lable");
    assertThat(error.path("line").asInt()).isEqualTo(2);
    assertThat(error.path("message").asString()).startsWith("unknown key 'lable'");
    // The merge's problems come first: the head's slug is refused before the stages are read.
    assertThat(refused.json().path("errors").get(0).path("path").asString()).isEqualTo("/slug");
    assertThat(refused.json().path("errors").get(0).path("line").asInt()).isEqualTo(3);
    assertThat(get("/verticals/override", h).json().path("patch").asString()).isEqualTo(PATCH);
  }

  @Test
  @DisplayName("may be read by a viewer but not saved, and needs a selected pack")
  void rolesAndNoPack() {
    Actor owner = newOrg("No Pack Yet");
    Map<String, String> h = as(owner.orgId(), owner.userId());

    assertThat(send("PUT", "/verticals/override", body(PATCH), h).json().path("code").asString())
        .isEqualTo("no_pack_selected");
    omniFlow.packs().select(owner, "real-estate");
    Map<String, String> viewer = as(owner.orgId(), owner.userId(), "viewer");
    assertThat(send("PUT", "/verticals/override", body(PATCH), viewer).status()).isEqualTo(403);
    assertThat(get("/verticals/override", viewer).status()).isEqualTo(404);
  }

  @Test
  @DisplayName(
      "that no longer merges over the org's pack is shown as broken, with why, and left out")
  void brokenOverrideShown() {
    Actor owner = newOrg("Old Homes");
    Map<String, String> h = as(owner.orgId(), owner.userId());
    // An org that selected 1.5.0 before texts were kept, with an override valid over 1.5.0: the
    // host now ships another version, which the org follows, and over which it does not merge.
    String patch =
        "# removes a rule 1.5.0 had\nscoring:\n  rules:\n    - {key: ghost, remove: true}\n";
    store.inTransaction(
        owner,
        tx -> {
          tx.orgs().update(tx.orgs().current().orElseThrow().withPack("real-estate", "1.5.0"));
          tx.packOverrides()
              .save(
                  new PackOverride(
                      owner.orgId(),
                      "real-estate",
                      patch,
                      UUID.randomUUID(),
                      java.time.Instant.parse("2026-12-01T00:00:00Z")));
          return null;
        });

    JsonNode read = get("/verticals/override", h).json();

    assertThat(read.path("status").asString()).isEqualTo("broken");
    assertThat(read.path("applies").asBoolean()).isTrue();
    JsonNode error = read.path("errors").get(0);
    assertThat(error.path("path").asString()).isEqualTo("/scoring/rules/0/key");
    assertThat(error.path("line").asInt()).isEqualTo(4);
    assertThat(error.path("message").asString()).contains("no item 'ghost' here to remove");
    assertThat(omniFlow.packs().current(owner)).isPresent();
    assertThat(omniFlow.tenancy().org(owner).packVersion()).isEqualTo("1.5.0");
    assertThat(get("/verticals/override", h).json().path("status").asString()).isEqualTo("broken");

    assertThat(send("PUT", "/verticals/override", body(PATCH), h).status()).isEqualTo(200);
    JsonNode fixed = get("/verticals/override", h).json();
    assertThat(fixed.path("status").asString()).isEqualTo("applied");
    assertThat(fixed.path("errors").size()).isZero();
  }

  @Test
  @DisplayName(
      "removing the override a playbook's stage came from answers that playbook in"
          + " playbooks_invalid, as the other changes of the pack do")
  void deletingListsThePlaybooksThatNoLongerFit() {
    Actor owner = newOrg("Override Playbook Homes");
    omniFlow.packs().select(owner, "real-estate");
    Map<String, String> h = as(owner.orgId(), owner.userId());
    String added = "stages:\n- {key: nurturing, label: Nurturing, before: qualified}\n";
    Answer saved = send("PUT", "/verticals/override", body(added), h);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    given(h).playbook(Given.callThenStage("park", "Call, then park", "park_it", "nurturing"));

    Answer deleted = delete("/verticals/override", h);

    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
    JsonNode invalid = deleted.json().path("playbooks_invalid");
    assertThat(invalid.size()).as(deleted.body()).isEqualTo(1);
    assertThat(invalid.get(0).path("playbook_id").asString()).isEqualTo("park");
    assertThat(invalid.get(0).path("problems").get(0).path("path").asString())
        .isEqualTo("/steps/1/change_stage/stage");
    assertThat(get("/nurture/playbooks/park", h).json().path("status").asString())
        .isEqualTo("invalid");
  }
}
