package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.pack.OverrideStatus;
import ai.omniflow.pack.PackOverride;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.scoring.ScoringRule;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An org's own override of its pack (docs/verticals.md, "An org's own override"): saved as a patch,
 * checked as a whole pack, merged into the pack every engine reads, and deleted.
 */
class OrgPackOverrideTest {
  private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

  private static final String PATCH =
      """
      # Acme's pipeline
      stages:
        - {key: qualified, label: Pre-qualified}
        - {key: nurturing, label: Nurturing, before: qualified}
      scoring:
        rules:
          - {key: pre_approved, points: 25}
      reply_templates:
        pricing_question: Hi {contact_first_name}, {agent_name} will send the details here.
      """;

  private final UUID orgId = UUID.randomUUID();
  private final User owner = new User(UUID.randomUUID(), "owner@acme.example", "Olivia", NOW);
  private final Actor actor = Actor.of(orgId, owner.id(), Role.OWNER);
  private OmniFlow omniFlow;

  @BeforeEach
  void setUp() {
    omniFlow =
        OmniFlow.builder()
            .packSource(ClasspathPackSource.shipped())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    omniFlow.tenancy().createOrg(orgId, "Acme Homes", owner);
    omniFlow.packs().select(actor, "real-estate");
  }

  private VerticalPack current() {
    return omniFlow.packs().current(actor).orElseThrow();
  }

  private static int points(VerticalPack pack, String rule) {
    return pack.scoring().rules().stream()
        .filter(r -> r.key().equals(rule))
        .mapToInt(ScoringRule::points)
        .findFirst()
        .orElseThrow();
  }

  private OmniFlowException refused(String patch) {
    return (OmniFlowException)
        assertThatThrownBy(() -> omniFlow.packs().saveOverride(actor, patch))
            .isInstanceOf(OmniFlowException.class)
            .actual();
  }

  @Test
  void aSavedOverrideIsMergedIntoTheOrgsPackWhichKeepsItsSlugAndVersion() {
    PackOverride saved = omniFlow.packs().saveOverride(actor, PATCH);

    VerticalPack pack = current();
    assertThat(saved.baseSlug()).isEqualTo("real-estate");
    assertThat(saved.patch()).isEqualTo(PATCH);
    assertThat(saved.updatedAt()).isEqualTo(NOW);
    assertThat(omniFlow.packs().override(actor)).contains(saved);
    assertThat(pack.slug()).isEqualTo("real-estate");
    assertThat(pack.version()).isEqualTo("1.6.2");
    assertThat(pack.stages())
        .extracting(VerticalPack.Stage::key)
        .startsWith("new", "contacted", "nurturing", "qualified");
    assertThat(pack.stages())
        .filteredOn(s -> s.key().equals("qualified"))
        .extracting(VerticalPack.Stage::label)
        .containsExactly("Pre-qualified");
    assertThat(points(pack, "pre_approved")).isEqualTo(25);
    assertThat(pack.replyTemplates().get("pricing_question")).startsWith("Hi {contact_first_name}");
    assertThat(omniFlow.packs().available(actor))
        .filteredOn(p -> p.slug().equals("real-estate"))
        .allSatisfy(p -> assertThat(points(p, "pre_approved")).isEqualTo(15));
  }

  @Test
  void anOverrideThatBreaksThePackIsRefusedWithEveryProblemAtItsPathAndNothingIsWritten() {
    omniFlow.packs().saveOverride(actor, PATCH);

    OmniFlowException e =
        refused(
            """
            stages:
              - {key: qualified, lable: Pre-qualified}
            scoring:
              rules:
                - {key: pre_approved, points: many}
            """);
    OmniFlowException merge =
        refused(
            """
            scoring:
              rules:
                - {key: ghost, remove: true}
                - {key: pre_approved, points: 5}
                - {key: pre_approved, points: 6}
            """);

    assertThat(e.code()).isEqualTo("invalid_pack_override");
    assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.INVALID_INPUT);
    assertThat(e.getMessage())
        .contains("/stages/0/lable : unknown key 'lable' (did you mean 'label'?)")
        .contains("/scoring/rules/0/points : ");
    assertThat(merge.getMessage())
        .contains("(2 problems)")
        .contains("/scoring/rules/0/key : the base pack has no item 'ghost' here to remove")
        .contains("/scoring/rules/2/key : the key 'pre_approved' is given twice in this list");
    assertThat(omniFlow.packs().override(actor))
        .hasValueSatisfying(o -> assertThat(o.patch()).isEqualTo(PATCH));
    assertThat(points(current(), "pre_approved")).isEqualTo(25);
  }

  @Test
  void aProblemTheMergeMakesInThePartsThePatchLeavesIsNamedInTheBasePack() {
    OmniFlowException e = refused("intents:\n  - {key: spam, remove: true}\n");

    assertThat(e.code()).isEqualTo("invalid_pack_override");
    assertThat(e.getMessage())
        .contains("no intent has the key 'spam'")
        .contains("(in the base pack real-estate 1.6.2, as this override leaves it)");
    assertThat(omniFlow.packs().override(actor)).isEmpty();
  }

  @Test
  void anOverrideMayNotNameABaseASlugOrAVersion() {
    OmniFlowException e = refused("base: generic\nslug: acme\nversion: 2.0.0\nname: Acme\n");

    assertThat(e.code()).isEqualTo("invalid_pack_override");
    assertThat(e.getMessage())
        .contains("/base : an org's override builds on the org's pack (real-estate 1.6.2)")
        .contains("/slug : ")
        .contains("/version : ");
    assertThat(omniFlow.packs().override(actor)).isEmpty();
  }

  @Test
  void malformedTooLongAndEmptyPatchesAreRefused() {
    assertThat(refused("stages: [\n").code()).isEqualTo("invalid_pack_override");
    assertThat(refused("- a list\n").getMessage()).contains("one YAML mapping");
    assertThat(refused("").code()).isEqualTo("invalid_pack_override");
    OmniFlowException tooLong = refused("name: " + "x".repeat(PackOverride.MAX_PATCH));
    assertThat(tooLong.code()).isEqualTo("invalid_patch");
    assertThat(tooLong.getMessage()).hasSizeLessThan(200);
    assertThat(omniFlow.packs().override(actor)).isEmpty();
  }

  @Test
  void aViewerMayReadTheOverrideButNotSaveOrDeleteIt() {
    Actor viewer = Actor.of(orgId, UUID.randomUUID(), Role.VIEWER);
    omniFlow.packs().saveOverride(actor, PATCH);

    assertThat(omniFlow.packs().override(viewer)).isPresent();
    assertThatThrownBy(() -> omniFlow.packs().saveOverride(viewer, "name: Mine\n"))
        .extracting(x -> ((OmniFlowException) x).code())
        .isEqualTo("forbidden");
    assertThatThrownBy(() -> omniFlow.packs().deleteOverride(viewer))
        .extracting(x -> ((OmniFlowException) x).code())
        .isEqualTo("forbidden");
  }

  @Test
  void deletingTheOverrideGivesThePackBackAsTheCatalogHasIt() {
    omniFlow.packs().saveOverride(actor, PATCH);

    assertThat(omniFlow.packs().deleteOverride(actor)).isTrue();
    assertThat(omniFlow.packs().deleteOverride(actor)).isFalse();
    assertThat(omniFlow.packs().override(actor)).isEmpty();
    assertThat(points(current(), "pre_approved")).isEqualTo(15);
  }

  @Test
  void anOverrideAppliesOnlyWhileTheOrgsPackIsTheOneItWasWrittenFor() {
    omniFlow.packs().saveOverride(actor, PATCH);

    omniFlow.packs().select(actor, "generic");
    assertThat(current().stages()).extracting(VerticalPack.Stage::key).doesNotContain("nurturing");
    omniFlow.packs().select(actor, "real-estate");
    assertThat(current().stages()).extracting(VerticalPack.Stage::key).contains("nurturing");
  }

  @Test
  void anOrgWithoutAPackHasNothingToOverride() {
    UUID other = UUID.randomUUID();
    User o = new User(UUID.randomUUID(), "o@none.example", "O", NOW);
    omniFlow.tenancy().createOrg(other, "None", o);

    assertThatThrownBy(
            () -> omniFlow.packs().saveOverride(Actor.of(other, o.id(), Role.OWNER), PATCH))
        .extracting(x -> ((OmniFlowException) x).code())
        .isEqualTo("no_pack_selected");
  }

  @Test
  void aRefusalListsEachProblemWithItsPathLineAndMessage() {
    OmniFlowException e =
        refused(
            """
            # a comment on line 1
            stages:
              - {key: qualified, lable: Pre-qualified}
            scoring:
              rules:
                - {key: pre_approved, points: many}
            """);

    assertThat(e.errors())
        .anySatisfy(
            x -> {
              assertThat(x.path()).isEqualTo("/stages/0/lable");
              assertThat(x.line()).isEqualTo(3);
              assertThat(x.message()).contains("unknown key 'lable'");
            })
        .anySatisfy(
            x -> {
              assertThat(x.path()).isEqualTo("/scoring/rules/0/points");
              assertThat(x.line()).isEqualTo(6);
            });
    assertThat(refused("stages: [\n").errors())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.path()).isEmpty();
              assertThat(x.line()).isPositive();
            });
  }

  @Test
  void aRefusalListsAtMostFiftyProblemsEachBoundedWithoutEchoingTheInput() {
    StringBuilder patch = new StringBuilder("stages:\n");
    String longKey = "k".repeat(600);
    for (int i = 0; i < 80; i++) {
      patch.append("  - {key: qualified, ").append(longKey).append(i).append(": x}\n");
    }

    OmniFlowException e = refused(patch.toString());

    assertThat(e.code()).isEqualTo("invalid_pack_override");
    assertThat(e.errors()).hasSize(OmniFlowException.MAX_ERRORS);
    assertThat(e.errors())
        .allSatisfy(
            x -> {
              assertThat(x.path()).hasSizeLessThanOrEqualTo(ai.omniflow.InputError.MAX_PATH);
              assertThat(x.message())
                  .hasSizeLessThanOrEqualTo(ai.omniflow.InputError.MAX_MESSAGE)
                  .doesNotContain(longKey);
              assertThat(x.line()).isBetween(2, 81);
            });
    assertThat(omniFlow.packs().override(actor)).isEmpty();
  }

  @Test
  void theStatusOfAnOverrideSaysWhetherItIsAppliedOrUnused() {
    omniFlow.packs().saveOverride(actor, PATCH);

    assertThat(omniFlow.packs().overrideStatus(actor))
        .hasValueSatisfying(
            s -> {
              assertThat(s.state()).isEqualTo(OverrideStatus.State.APPLIED);
              assertThat(s.errors()).isEmpty();
            });
    omniFlow.packs().select(actor, "generic");
    assertThat(omniFlow.packs().overrideStatus(actor).orElseThrow().state())
        .isEqualTo(OverrideStatus.State.UNUSED);
    omniFlow.packs().deleteOverride(actor);
    assertThat(omniFlow.packs().overrideStatus(actor)).isEmpty();
  }
}
