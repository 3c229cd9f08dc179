package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.pack.AcceptedPack;
import ai.omniflow.tenancy.Actor;
import java.util.Map;
import java.util.Optional;
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

  private Optional<AcceptedPack> kept(Actor a) {
    return store.inTransaction(a, tx -> tx.acceptedPacks().find());
  }

  @Test
  @DisplayName(
      "keep the version an org chose before texts were kept on its first read, and never move it")
  void preV32OrgsKeptNotMoved() {
    Actor current = newOrg("Chose Early Realty");
    Actor behind = newOrg("Chose Long Ago Realty");
    String version =
        omniFlow.packs().available(current).stream()
            .filter(p -> p.slug().equals("real-estate"))
            .findFirst()
            .orElseThrow()
            .version();
    for (Actor a : new Actor[] {current, behind}) {
      String v = a == current ? version : "1.5.0";
      store.inTransaction(
          a,
          tx -> {
            tx.orgs().update(tx.orgs().current().orElseThrow().withPack("real-estate", v));
            return null;
          });
      assertThat(kept(a)).isEmpty();
    }

    assertThat(get("/verticals/upgrade", as(current.orgId(), current.userId())).status())
        .isEqualTo(204);
    Answer offer = get("/verticals/upgrade", as(behind.orgId(), behind.userId()));

    assertThat(omniFlow.packs().current(current)).isPresent();
    assertThat(kept(current)).hasValueSatisfying(k -> assertThat(k.version()).isEqualTo(version));
    assertThat(offer.status()).isEqualTo(200);
    assertThat(offer.json().path("accepted_version").asString()).isEqualTo("1.5.0");
    assertThat(offer.json().path("changes").isNull()).isTrue();
    omniFlow.packs().current(behind);
    assertThat(kept(behind)).isEmpty();
    assertThat(omniFlow.tenancy().org(behind).packVersion()).isEqualTo("1.5.0");
  }
}
