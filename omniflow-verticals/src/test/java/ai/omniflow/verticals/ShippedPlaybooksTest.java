package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.nurture.PlaybookValidator;
import ai.omniflow.pack.PackValidator;
import ai.omniflow.pack.VerticalPack;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shipped packs' nurture playbooks")
class ShippedPlaybooksTest {
  private final List<VerticalPack> packs = ClasspathPackSource.shipped().packs();

  /** The problems loading the classpath pack file {@code file} fails with. */
  private static List<String> problemsOf(String file) {
    PackValidationException e =
        catchThrowableOfType(
            PackValidationException.class,
            () -> ClasspathPackSource.of(ShippedPlaybooksTest.class.getClassLoader(), file));
    assertThat(e).as("loading %s should fail", file).isNotNull();
    return e.problems();
  }

  @Test
  @DisplayName("every pack ships a gentle follow-up and a warm lead push, valid against the pack")
  void everyPackShipsTheTwoPlaybooks() {
    assertThat(packs).hasSize(4);
    for (VerticalPack pack : packs) {
      assertThat(pack.nurture().playbooks())
          .as(pack.slug())
          .extracting(Playbook::key)
          .contains("gentle-follow-up", "warm-lead-push");
      Set<String> intents =
          pack.intents().stream().map(VerticalPack.Intent::key).collect(Collectors.toSet());
      for (Playbook p : pack.nurture().playbooks()) {
        assertThat(PlaybookValidator.problems(p, pack.nurture().templates().keySet(), intents))
            .as(pack.slug() + " " + p.key())
            .isEmpty();
      }
      assertThat(PackValidator.problems(pack)).isEmpty();
    }
  }

  @Test
  @DisplayName("the gentle follow-up stops on any reply and the warm push reads the reply's intent")
  void gentleStopsOnReplyWarmBranchesOnIntent() {
    for (VerticalPack pack : packs) {
      Playbook gentle = pack.nurture().playbook("gentle-follow-up").orElseThrow();
      Playbook warm = pack.nurture().playbook("warm-lead-push").orElseThrow();
      assertThat(gentle.stopOnReply()).isTrue();
      assertThat(gentle.steps()).noneMatch(s -> s instanceof PlaybookStep.Branch);
      assertThat(warm.stopOnReply()).isFalse();
      assertThat(warm.steps())
          .anySatisfy(
              s ->
                  assertThat(s)
                      .isInstanceOfSatisfying(
                          PlaybookStep.Branch.class,
                          b -> assertThat(b.intents()).contains("not_interested")));
    }
  }

  @Test
  @DisplayName("every template a playbook sends has its Spanish text")
  void everyTemplateHasSpanish() {
    for (VerticalPack pack : packs) {
      assertThat(pack.nurture().localizedTemplates().get("es"))
          .as(pack.slug())
          .containsOnlyKeys(pack.nurture().templates().keySet());
      assertThat(pack.nurture().template("check_in", "es").orElseThrow()).startsWith("Hola");
    }
  }

  @Test
  @DisplayName("the real-estate pack speaks of showings, home services of estimates")
  void playbooksSpeakTheTradesLanguage() {
    VerticalPack realEstate = pack("real-estate");
    VerticalPack home = pack("home-services");
    assertThat(realEstate.nurture().templates().get("warm_push")).contains("showing");
    assertThat(home.nurture().templates().get("warm_push")).contains("estimate");
    assertThat(pack("med-spa").nurture().templates().get("warm_push")).contains("consultation");
  }

  @Test
  @DisplayName(
      "a nurture section with a cycle, unknown templates and bad steps is refused naming each step")
  void badNurtureIsRefusedNamingSteps() {
    String file = "packs/invalid/nurture-problems.yaml";
    assertThat(problemsOf(file))
        .containsExactly(
            file
                + ": /nurture/playbooks/0/steps/2 : step 'again' leads back to step 'nudge', a"
                + " cycle; a playbook only goes forward",
            file
                + ": /nurture/playbooks/1/steps/1 : Step 'never' waits PT0S; a wait is from 1"
                + " minute to 90 days.",
            file
                + ": /nurture/playbooks/1/steps/2 : a step is exactly one of send, wait, branch,"
                + " task, change_stage or stop; this is wait and stop",
            file
                + ": /nurture/playbooks/1/steps/3/task/kind : 'phone' is not a task kind; use"
                + " call, email, showing, visit or follow_up");
  }

  @Test
  @DisplayName(
      "a playbook key used twice and nurture translations under no language code are refused,"
          + " each at its path")
  void repeatedPlaybookKeysAndBadLanguagesAreRefused() {
    String file = "packs/invalid/nurture-keys-and-languages.yaml";
    assertThat(problemsOf(file))
        .containsExactly(
            file
                + ": /nurture/localized_templates/spanish : 'spanish' is not a language code; use"
                + " two lower-case letters (ISO 639-1), e.g. es",
            file
                + ": /nurture/playbooks/1/key : the key 'follow-up' is already used at"
                + " /nurture/playbooks/0/key");
  }

  @Test
  @DisplayName("a playbook naming an unknown template or intent is refused at load")
  void unknownTemplateAndIntentAreRefused() {
    String file = "packs/nurture-unknown-template.yaml";
    assertThat(problemsOf(file))
        .containsExactly(
            file
                + ": /nurture/playbooks/0/steps/0/template : step 'nudge' sends the template"
                + " 'chek_in', which the pack's nurture templates do not have; known: check_in",
            file
                + ": /nurture/playbooks/0/steps/1/intents/0 : step 'fork' branches on the intent"
                + " 'pricing_questoin', which the pack does not have; known: pricing_question");
  }

  @Test
  @DisplayName(
      "a pack's playbook may branch on a lead field and a score band and wait in business time")
  void leadBranchesAndBusinessWaitsLoad() {
    VerticalPack pack =
        ClasspathPackSource.of(getClass().getClassLoader(), "packs/nurture-lead-branches.yaml")
            .packs()
            .get(0);
    List<PlaybookStep> steps = pack.nurture().playbook("sorting").orElseThrow().steps();
    assertThat(((PlaybookStep.Branch) steps.get(0)).bands()).containsExactly("hot");
    assertThat(((PlaybookStep.Branch) steps.get(1)).when()).isNotNull();
    assertThat(((PlaybookStep.Wait) steps.get(2)).businessTime()).isTrue();
  }

  @Test
  @DisplayName(
      "an unknown field, a malformed condition, an unknown band and a long business wait are"
          + " refused at load, each at its path")
  void badLeadBranchesAreRefusedAtTheirPaths() {
    String file = "packs/nurture-lead-branch-problems.yaml";
    assertThat(problemsOf(file))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        file
                            + ": /nurture/playbooks/0/steps/0/branch/when/op : unknown operator"
                            + " 'greater'"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        file
                            + ": /nurture/playbooks/0/steps/1/branch/bands/0 : 'lukewarm' is not a"
                            + " score band; the bands are cold, warm and hot"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        file
                            + ": /nurture/playbooks/0/steps/2 : Step 'long' waits PT744H of"
                            + " business time"));
  }

  @Test
  @DisplayName("a pack's playbook may move the lead to one of the pack's stages")
  void stageStepsLoad() {
    VerticalPack pack =
        ClasspathPackSource.of(getClass().getClassLoader(), "packs/nurture-stage-steps.yaml")
            .packs()
            .get(0);
    List<PlaybookStep> steps = pack.nurture().playbook("staging").orElseThrow().steps();
    assertThat(steps.get(1)).isEqualTo(new PlaybookStep.ChangeStage("mark_contacted", "contacted"));
  }

  @Test
  @DisplayName(
      "a stage step to a stage the pack lacks or to one that closes the lead is refused at load,"
          + " at its path")
  void badStageStepsAreRefusedAtTheirPaths() {
    String file = "packs/nurture-stage-step-problems.yaml";
    assertThat(problemsOf(file))
        .containsExactly(
            file
                + ": /nurture/playbooks/0/steps/1/change_stage/stage : step 'mark_contacted' moves"
                + " the lead to the stage 'contactd', which the pack does not have; known:"
                + " contacted, lost, new, won",
            file
                + ": /nurture/playbooks/0/steps/2/change_stage/stage : step 'mark_won' moves the"
                + " lead to the stage 'won', which closes it; a won or lost lead needs its"
                + " outcome, which a person records");
  }

  @Test
  @DisplayName("a branch on a field the pack does not have is refused at load, naming the field")
  void aBranchOnAnUnknownFieldIsRefused() {
    String file = "packs/nurture-unknown-field.yaml";
    assertThat(problemsOf(file))
        .singleElement()
        .asString()
        .startsWith(
            file
                + ": /nurture/playbooks/0/steps/0/branch/when/field : step 'big' branches on a"
                + " condition: unknown field 'budgett'; rules may read: budget,");
  }

  private VerticalPack pack(String slug) {
    return packs.stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow();
  }
}
