package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.tenancy.Actor;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pack upgrades over HTTP")
class PackUpgradeApiTest extends ServerTest {

  @Test
  @DisplayName("offer nothing to an org on the catalog's version, and accept only the offered one")
  void nothingOfferedAndOnlyTheOfferedVersionAccepted() {
    Actor owner = newOrg("Up To Date Realty");
    omniFlow.packs().select(owner, "real-estate");
    Map<String, String> h = as(owner.orgId(), owner.userId());
    String version = omniFlow.tenancy().org(owner).packVersion();

    assertThat(get("/verticals/upgrade", h).status()).isEqualTo(204);
    Answer other = post("/verticals/upgrade/accept", "{\"version\": \"9.9.9\"}", h);
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().path("code").asString()).isEqualTo("pack_version_not_offered");
    Answer same = post("/verticals/upgrade/accept", "{\"version\": \"" + version + "\"}", h);
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.json().path("pack_version").asString()).isEqualTo(version);
    Map<String, String> viewer = as(owner.orgId(), owner.userId(), "viewer");
    assertThat(
            post("/verticals/upgrade/accept", "{\"version\": \"" + version + "\"}", viewer)
                .status())
        .isEqualTo(403);
  }

  @Test
  @DisplayName("needs a selected pack to accept")
  void needsAPack() {
    Actor owner = newOrg("No Pack Realty");
    Answer refused =
        post(
            "/verticals/upgrade/accept",
            "{\"version\": \"1.0.0\"}",
            as(owner.orgId(), owner.userId()));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("code").asString()).isEqualTo("no_pack_selected");
  }
}
