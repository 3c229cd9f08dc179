package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loaded packs used the way a host uses them: through core's catalog and OmniFlow. */
class PacksInOmniFlowTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path dir;

  private final UUID orgId = UUID.randomUUID();
  private final User owner =
      new User(UUID.randomUUID(), "owner@bayrealty.example", "Olivia Owner", NOW);

  @Test
  void theCatalogFindsShippedPacksBySlug() {
    PackCatalog catalog = PackCatalog.of(ClasspathPackSource.shipped());

    assertThat(catalog.all())
        .extracting(VerticalPack::slug)
        .containsExactly("generic", "real-estate", "home-services", "med-spa");
    assertThat(catalog.require("real-estate").leadFields()).hasSize(6);
    assertThat(catalog.find("generic")).isPresent();
    assertThatThrownBy(() -> catalog.require("dentist"))
        .isInstanceOf(OmniFlowException.class)
        .extracting(e -> ((OmniFlowException) e).code())
        .isEqualTo("unknown_pack");
  }

  @Test
  void anOrgSelectsAShippedPackThroughOmniFlow() {
    OmniFlow omniFlow =
        OmniFlow.builder()
            .packSource(ClasspathPackSource.shipped())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    omniFlow.tenancy().createOrg(orgId, "Bay Realty", owner);
    Actor actor = Actor.of(orgId, owner.id(), Role.OWNER);

    Org org = omniFlow.packs().select(actor, "real-estate");

    assertThat(org.packSlug()).isEqualTo("real-estate");
    assertThat(org.packVersion()).isEqualTo("1.6.2");
    assertThat(omniFlow.packs().current(actor))
        .hasValueSatisfying(p -> assertThat(p.intents()).hasSize(9));
  }

  @Test
  void aHostsOwnPackFromAFolderIsSelectableBesideTheShippedOnes() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/packs/valid/dentist.yaml")) {
      Files.copy(in, dir.resolve("dentist.yaml"));
    }
    OmniFlow omniFlow =
        OmniFlow.builder()
            .packSource(
                CombinedPackSource.of(ClasspathPackSource.shipped(), DirectoryPackSource.of(dir)))
            .build();
    omniFlow.tenancy().createOrg(orgId, "Bright Smiles", owner);
    Actor actor = Actor.of(orgId, owner.id(), Role.OWNER);

    assertThat(omniFlow.packs().available(actor))
        .extracting(VerticalPack::slug)
        .containsExactly("generic", "real-estate", "home-services", "med-spa", "dentist");
    assertThat(omniFlow.packs().select(actor, "dentist").packVersion()).isEqualTo("0.3.1");
  }
}
