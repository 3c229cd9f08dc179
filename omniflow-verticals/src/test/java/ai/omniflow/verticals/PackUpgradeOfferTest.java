package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.pack.AcceptedPack;
import ai.omniflow.pack.OverrideStatus;
import ai.omniflow.pack.PackChange;
import ai.omniflow.pack.PackUpgrade;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.spi.PackPatcher;
import ai.omniflow.pack.spi.PackSource;
import ai.omniflow.pack.spi.PackTexts;
import ai.omniflow.scoring.ScoringRule;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An org keeps the pack version it accepted when the host ships a newer one, sees what the new
 * version changes, and moves to it only when it accepts it (docs/verticals.md, "Upgrades offered to
 * orgs", decision 0080). Two OmniFlows over one store play the host before and after its upgrade.
 */
class PackUpgradeOfferTest {
  private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

  @TempDir Path dir;

  private final InMemoryStore store = new InMemoryStore();
  private final UUID orgId = UUID.randomUUID();
  private final User owner = new User(UUID.randomUUID(), "owner@acme.example", "Olivia", NOW);
  private final Actor actor = Actor.of(orgId, owner.id(), Role.OWNER);
  private String v162;

  @BeforeEach
  void setUp() throws IOException {
    try (InputStream in =
        getClass().getResourceAsStream("/ai/omniflow/verticals/packs/real-estate.yaml")) {
      v162 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve("real-estate.yaml"), v162);
    OmniFlow before = host();
    before.tenancy().createOrg(orgId, "Acme Homes", owner);
    before.packs().select(actor, "real-estate");
  }

  /** The host as it starts now: its pack folder read afresh, over the same store. */
  private OmniFlow host() {
    return OmniFlow.builder()
        .store(store)
        .packSource(DirectoryPackSource.of(dir))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  /** The host ships real-estate 1.7.0: a stage renamed, a rule's points raised, a rule removed. */
  private OmniFlow upgradedHost() throws IOException {
    String v170 =
        v162.replace("version: 1.6.2", "version: 1.7.0")
            .replace(
                "  - key: qualified\n    label: Qualified",
                "  - key: qualified\n    label: Pre-qualified")
            .replace(
                "    - key: pre_approved\n      group: fit\n      points: 15",
                "    - key: pre_approved\n      group: fit\n      points: 25")
            .replace(
                "    - key: just_browsing\n      group: fit\n      points: -10\n"
                    + "      when: {field: timeline, op: eq, value: Just browsing}\n",
                "");
    assertThat(v170).isNotEqualTo(v162).contains("version: 1.7.0").doesNotContain("just_browsing");
    Files.writeString(dir.resolve("real-estate.yaml"), v170);
    return host();
  }

  private static String label(VerticalPack pack, String stage) {
    return pack.stages().stream()
        .filter(s -> s.key().equals(stage))
        .map(VerticalPack.Stage::label)
        .findFirst()
        .orElseThrow();
  }

  private static int points(VerticalPack pack, String rule) {
    return pack.scoring().rules().stream()
        .filter(r -> r.key().equals(rule))
        .mapToInt(ScoringRule::points)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anOrgKeepsTheVersionItAcceptedWhenTheHostShipsANewerOne() throws IOException {
    OmniFlow after = upgradedHost();

    VerticalPack pack = after.packs().current(actor).orElseThrow();
    assertThat(pack.version()).isEqualTo("1.6.2");
    assertThat(label(pack, "qualified")).isEqualTo("Qualified");
    assertThat(points(pack, "pre_approved")).isEqualTo(15);
    assertThat(after.tenancy().org(actor).packVersion()).isEqualTo("1.6.2");
  }

  @Test
  void theNewerVersionIsOfferedWithWhatItChanges() throws IOException {
    OmniFlow after = upgradedHost();

    PackUpgrade offer = after.packs().upgrade(actor).orElseThrow();

    assertThat(offer.slug()).isEqualTo("real-estate");
    assertThat(offer.acceptedVersion()).isEqualTo("1.6.2");
    assertThat(offer.offeredVersion()).isEqualTo("1.7.0");
    assertThat(offer.changes())
        .extracting(c -> c.kind() + " " + c.path())
        .containsExactlyInAnyOrder(
            "changed /version",
            "changed /stages[qualified]/label",
            "changed /scoring/rules[pre_approved]/points",
            "removed /scoring/rules[just_browsing]");
    assertThat(offer.changes())
        .filteredOn(c -> c.path().equals("/stages[qualified]/label"))
        .extracting(PackChange::before, PackChange::after)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Qualified", "Pre-qualified"));
  }

  @Test
  void acceptingTheOfferMovesTheOrgToItAndOnlyTheOfferedVersionIsAccepted() throws IOException {
    OmniFlow after = upgradedHost();

    assertThatThrownBy(() -> after.packs().acceptUpgrade(actor, "1.6.9"))
        .extracting(e -> ((OmniFlowException) e).code())
        .isEqualTo("pack_version_not_offered");
    assertThat(after.tenancy().org(actor).packVersion()).isEqualTo("1.6.2");

    assertThat(after.packs().acceptUpgrade(actor, "1.7.0").packVersion()).isEqualTo("1.7.0");

    VerticalPack pack = after.packs().current(actor).orElseThrow();
    assertThat(label(pack, "qualified")).isEqualTo("Pre-qualified");
    assertThat(points(pack, "pre_approved")).isEqualTo(25);
    assertThat(after.packs().upgrade(actor)).isEmpty();
    assertThat(after.events().list(actor, ai.omniflow.PageRequest.of(1, 0)).items())
        .extracting(e -> e.type())
        .containsExactly("org.pack_upgraded");
  }

  @Test
  void theOrgsOverrideStaysOnTheAcceptedVersionAndIsCheckedOverTheOfferedOneBeforeAccepting()
      throws IOException {
    host()
        .packs()
        .saveOverride(
            actor,
            "scoring:\n  rules:\n    - {key: just_browsing, remove: true}\n"
                + "stages:\n  - {key: new, label: Fresh}\n");
    OmniFlow after = upgradedHost();

    VerticalPack pack = after.packs().current(actor).orElseThrow();
    assertThat(pack.version()).isEqualTo("1.6.2");
    assertThat(label(pack, "new")).isEqualTo("Fresh");
    assertThat(label(pack, "qualified")).isEqualTo("Qualified");
    OmniFlowException refused =
        (OmniFlowException)
            assertThatThrownBy(() -> after.packs().acceptUpgrade(actor, "1.7.0"))
                .isInstanceOf(OmniFlowException.class)
                .actual();
    assertThat(refused.code()).isEqualTo("invalid_pack_override");
    assertThat(refused.getMessage())
        .contains(
            "/scoring/rules/0/key : the base pack has no item 'just_browsing' here to remove");
    assertThat(after.tenancy().org(actor).packVersion()).isEqualTo("1.6.2");

    after.packs().saveOverride(actor, "stages:\n  - {key: new, label: Fresh}\n");
    after.packs().acceptUpgrade(actor, "1.7.0");
    VerticalPack upgraded = after.packs().current(actor).orElseThrow();
    assertThat(label(upgraded, "new")).isEqualTo("Fresh");
    assertThat(label(upgraded, "qualified")).isEqualTo("Pre-qualified");
  }

  @Test
  void anOrgOnTheCatalogsVersionIsOfferedNothing() {
    assertThat(host().packs().upgrade(actor)).isEmpty();
  }

  /** A second org whose pack was set before texts were kept (V32): its org row only. */
  private Actor orgThatSelectedBeforeTextsWereKept(String version) {
    UUID id = UUID.randomUUID();
    User o = new User(UUID.randomUUID(), "o@old.example", "Old", NOW);
    host().tenancy().createOrg(id, "Old Homes", o);
    Actor old = Actor.of(id, o.id(), Role.OWNER);
    store.inTransaction(
        old,
        tx -> {
          tx.orgs().update(tx.orgs().current().orElseThrow().withPack("real-estate", version));
          return null;
        });
    return old;
  }

  private Optional<AcceptedPack> kept(Actor a) {
    return store.inTransaction(a, tx -> tx.acceptedPacks().find());
  }

  @Test
  void anOrgThatSelectedBeforeTextsWereKeptHasItsVersionKeptOnItsFirstRead() throws IOException {
    Actor old = orgThatSelectedBeforeTextsWereKept("1.6.2");
    assertThat(kept(old)).isEmpty();

    assertThat(host().packs().current(old).orElseThrow().version()).isEqualTo("1.6.2");

    assertThat(kept(old))
        .hasValueSatisfying(
            k -> {
              assertThat(k.version()).isEqualTo("1.6.2");
              assertThat(k.acceptedAt()).isEqualTo(NOW); // the org's creation: nothing older kept
            });
    OmniFlow after = upgradedHost();
    VerticalPack pack = after.packs().current(old).orElseThrow();
    assertThat(pack.version()).isEqualTo("1.6.2");
    assertThat(label(pack, "qualified")).isEqualTo("Qualified");
    assertThat(after.packs().upgrade(old).orElseThrow().changes())
        .extracting(c -> c.kind() + " " + c.path())
        .contains("changed /stages[qualified]/label");
    assertThat(after.events().list(old, ai.omniflow.PageRequest.of(10, 0)).items())
        .extracting(e -> e.type())
        .doesNotContain("org.pack_selected", "org.pack_upgraded");
  }

  @Test
  void anOrgThatSelectedBeforeTextsWereKeptIsNeverMovedToANewerVersionByReading()
      throws IOException {
    OmniFlow after = upgradedHost();
    Actor old = orgThatSelectedBeforeTextsWereKept("1.6.2");

    after.packs().current(old);
    PackUpgrade offer = after.packs().upgrade(old).orElseThrow();

    assertThat(offer.acceptedVersion()).isEqualTo("1.6.2");
    assertThat(offer.changes()).isNull(); // 1.6.2's text is in no source any more
    assertThat(kept(old)).isEmpty();
    assertThat(after.tenancy().org(old).packVersion()).isEqualTo("1.6.2");
  }

  @Test
  void anOverrideBrokenByAnEditedPackIsLeftOutMergedOnceAndShownAsBroken() throws IOException {
    host()
        .packs()
        .saveOverride(actor, "scoring:\n  rules:\n    - {key: just_browsing, remove: true}\n");
    // The host edits its pack file without a new version: the rule the override removes is gone.
    Files.writeString(
        dir.resolve("real-estate.yaml"),
        v162.replace(
            "    - key: just_browsing\n      group: fit\n      points: -10\n"
                + "      when: {field: timeline, op: eq, value: Just browsing}\n",
            ""));
    AtomicInteger merges = new AtomicInteger();
    OmniFlow edited = countingHost(merges);

    for (int i = 0; i < 3; i++) {
      assertThat(edited.packs().current(actor).orElseThrow().version()).isEqualTo("1.6.2");
    }
    OverrideStatus status = edited.packs().overrideStatus(actor).orElseThrow();

    assertThat(status.state()).isEqualTo(OverrideStatus.State.BROKEN);
    assertThat(status.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("/scoring/rules/0/key");
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.message()).contains("no item 'just_browsing' here to remove");
            });
    assertThat(merges).hasValue(1);
    edited.packs().saveOverride(actor, "stages:\n  - {key: new, label: Fresh}\n");
    assertThat(edited.packs().overrideStatus(actor).orElseThrow().state())
        .isEqualTo(OverrideStatus.State.APPLIED);
    assertThat(label(edited.packs().current(actor).orElseThrow(), "new")).isEqualTo("Fresh");
  }

  /** The host over its folder, counting the merges of org overrides its source makes. */
  private OmniFlow countingHost(AtomicInteger merges) {
    PackSource folder = DirectoryPackSource.of(dir);
    PackSource counting =
        new PackSource() {
          @Override
          public List<VerticalPack> packs() {
            return folder.packs();
          }

          @Override
          public Optional<PackPatcher> patcher() {
            return folder
                .patcher()
                .map(
                    p ->
                        (base, patch) -> {
                          merges.incrementAndGet();
                          return p.patch(base, patch);
                        });
          }

          @Override
          public Optional<PackTexts> texts() {
            return folder.texts();
          }
        };
    return OmniFlow.builder()
        .store(store)
        .packSource(counting)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }
}
