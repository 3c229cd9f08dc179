package ai.omniflow.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.Condition;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.fields.Problem;
import ai.omniflow.nurture.PlaybookStep.Branch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Branches on a lead field or score band, and waits in business time")
class LeadBranchesAndBusinessWaitsTest {
  static final List<LeadField> FIELDS =
      List.of(
          new LeadField("budget", "Budget", FieldType.MONEY, List.of()),
          new LeadField("timeline", "Timeline", FieldType.CHOICE, List.of("now", "later")));
  static final Condition BIG_BUDGET =
      new Condition.All(
          List.of(
              new Condition.Leaf("budget", Operator.GTE, List.of(500_000L)),
              new Condition.Leaf("timeline", Operator.EQ, List.of("now"))));

  static final Playbook SORTING =
      new Playbook(
          "sorting",
          "Sorting",
          "",
          true,
          List.of(
              new Branch("hot", Branch.On.BAND, List.of(), List.of("hot"), null, "call", null),
              new Branch("big", Branch.On.FIELD, List.of(), List.of(), BIG_BUDGET, "call", "later"),
              new PlaybookStep.Wait("later", Duration.ofHours(2), true),
              new PlaybookStep.Stop("done"),
              new PlaybookStep.CreateTask(
                  "call", TaskKind.CALL, "Call the lead", Duration.ofHours(1))));

  static Map<String, Object> playbook(Map<String, Object> step) {
    return Map.of(
        "key", "p", "name", "P", "steps", List.of(step, Map.of("key", "call", "stop", Map.of())));
  }

  static OmniFlowException refusal(Runnable r) {
    try {
      r.run();
    } catch (OmniFlowException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Nested
  @DisplayName("in JSON")
  class InJson {
    @Test
    @DisplayName("band and field branches and a business wait read back as written")
    void readBackAsWritten() {
      Map<String, Object> json = PlaybookJson.toJson(SORTING);
      assertThat(PlaybookJson.read(json, null)).isEqualTo(SORTING);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> steps = (List<Map<String, Object>>) json.get("steps");
      @SuppressWarnings("unchecked")
      Map<String, Object> band = (Map<String, Object>) steps.get(0).get("branch");
      assertThat(band)
          .containsEntry("on", "band")
          .containsEntry("bands", List.of("hot"))
          .containsEntry("then", "call")
          .doesNotContainKeys("intents", "when");
      assertThat((Object) steps.get(2).get("wait"))
          .isEqualTo(Map.of("duration", "PT2H", "business_time", true));
      assertThat(((Map<?, ?>) steps.get(1).get("branch")).get("when"))
          .isEqualTo(
              Map.of(
                  "all",
                  List.of(
                      Map.of("field", "budget", "op", "gte", "value", 500_000L),
                      Map.of("field", "timeline", "op", "eq", "value", "now"))));
    }

    @Test
    @DisplayName("a calendar wait keeps its short form, and the long form without business_time")
    void calendarWaitForms() {
      Playbook p =
          PlaybookJson.read(playbook(Map.of("key", "w", "wait", Map.of("duration", "P1D"))), null);
      assertThat(p.steps().get(0)).isEqualTo(new PlaybookStep.Wait("w", Duration.ofDays(1)));
      assertThat(((List<?>) PlaybookJson.toJson(p).get("steps")).get(0))
          .isEqualTo(Map.of("key", "w", "wait", "PT24H"));
    }

    @Test
    @DisplayName(
        "an unknown band, a malformed condition and a missing one are refused at their paths")
    void badBranchesAreRefusedAtTheirPaths() {
      assertThat(
              refusal(
                      () ->
                          PlaybookJson.read(
                              playbook(
                                  Map.of(
                                      "key",
                                      "b",
                                      "branch",
                                      Map.of(
                                          "on",
                                          "band",
                                          "bands",
                                          List.of("lukewarm"),
                                          "then",
                                          "call"))),
                              null))
                  .getMessage())
          .contains("/steps/0/branch/bands/0 'lukewarm' is not a score band");
      OmniFlowException malformed =
          refusal(
              () ->
                  PlaybookJson.read(
                      playbook(
                          Map.of(
                              "key",
                              "b",
                              "branch",
                              Map.of(
                                  "on",
                                  "field",
                                  "when",
                                  Map.of("field", "budget", "op", "greater", "value", 5),
                                  "then",
                                  "call"))),
                      null));
      assertThat(malformed.code()).isEqualTo(NurtureErrors.INVALID_PLAYBOOK);
      assertThat(malformed.getMessage())
          .contains("/steps/0/branch/when/op unknown operator 'greater'");
      assertThat(
              refusal(
                      () ->
                          PlaybookJson.read(
                              playbook(
                                  Map.of(
                                      "key", "b", "branch", Map.of("on", "field", "then", "call"))),
                              null))
                  .getMessage())
          .contains("/steps/0/branch/when is missing");
      assertThat(
              refusal(
                      () ->
                          PlaybookJson.read(
                              playbook(
                                  Map.of(
                                      "key",
                                      "b",
                                      "branch",
                                      Map.of(
                                          "on",
                                          "field",
                                          "when",
                                          Map.of(
                                              "any",
                                              List.of(Map.of("field", "x", "op", "exists"), 3)),
                                          "then",
                                          "call"))),
                              null))
                  .getMessage())
          .contains("/steps/0/branch/when/any/1 must be an object");
    }

    @Test
    @DisplayName(
        "a business wait over 30 days or a business_time that is not true or false is refused")
    void businessWaitBounds() {
      assertThat(
              refusal(
                      () ->
                          PlaybookJson.read(
                              playbook(
                                  Map.of(
                                      "key",
                                      "w",
                                      "wait",
                                      Map.of("duration", "P31D", "business_time", true))),
                              null))
                  .getMessage())
          .contains("/steps/0 Step 'w' waits PT744H of business time")
          .contains("from 1 minute to 30 days");
      assertThat(
              refusal(
                      () ->
                          PlaybookJson.read(
                              playbook(
                                  Map.of(
                                      "key",
                                      "w",
                                      "wait",
                                      Map.of("duration", "PT2H", "business_time", "yes"))),
                              null))
                  .getMessage())
          .contains("/steps/0/wait/business_time must be true or false");
    }
  }

  @Nested
  @DisplayName("as values")
  class AsValues {
    @Test
    @DisplayName("a branch names only what its condition reads")
    void aBranchNamesOnlyWhatItReads() {
      assertThatThrownBy(
              () -> new Branch("b", Branch.On.BAND, List.of("x"), List.of("hot"), null, "c", null))
          .hasMessageContaining("branches on band and names intents");
      assertThatThrownBy(
              () -> new Branch("b", Branch.On.REPLIED, List.of(), List.of(), BIG_BUDGET, "c", null))
          .hasMessageContaining("branches on replied and has a condition");
      assertThatThrownBy(
              () ->
                  new Branch(
                      "b", Branch.On.BAND, List.of(), List.of("hot", "hot"), null, "c", null))
          .hasMessageContaining("1 to 3 different bands");
      assertThatThrownBy(
              () -> new Branch("b", Branch.On.FIELD, List.of(), List.of(), null, "c", null))
          .hasMessageContaining("needs a condition");
    }

    @Test
    @DisplayName("a condition is bounded in parts, operands and text")
    void conditionsAreBounded() {
      List<Condition> many = new ArrayList<>();
      for (int i = 0; i < PlaybookStep.MAX_CONDITION_PARTS; i++) {
        many.add(new Condition.Leaf("budget", Operator.EXISTS, List.of()));
      }
      assertThatThrownBy(
              () ->
                  new Branch(
                      "b",
                      Branch.On.FIELD,
                      List.of(),
                      List.of(),
                      new Condition.Any(many),
                      "c",
                      null))
          .hasMessageContaining("more than " + PlaybookStep.MAX_CONDITION_PARTS + " parts");
      List<Object> values = new ArrayList<>();
      for (int i = 0; i <= PlaybookStep.MAX_CONDITION_VALUES; i++) {
        values.add("v" + i);
      }
      assertThatThrownBy(
              () ->
                  new Branch(
                      "b",
                      Branch.On.FIELD,
                      List.of(),
                      List.of(),
                      new Condition.Leaf("timeline", Operator.IN, values),
                      "c",
                      null))
          .hasMessageContaining("more than " + PlaybookStep.MAX_CONDITION_VALUES + " values");
      String longText = "x".repeat(10_000);
      OmniFlowException e =
          refusal(
              () ->
                  new Branch(
                      "b",
                      Branch.On.FIELD,
                      List.of(),
                      List.of(),
                      new Condition.Leaf("timeline", Operator.EQ, List.of(longText)),
                      "c",
                      null));
      assertThat(e.getMessage()).contains("text over 200 characters").doesNotContain(longText);
    }

    @Test
    @DisplayName("a field or band branch may sit in a playbook that stops on any reply")
    void leadBranchesDoNotReadReplies() {
      assertThat(SORTING.stopOnReply()).isTrue();
      assertThat(PlaybookValidator.structureProblems(true, SORTING.steps())).isEmpty();
    }
  }

  @Nested
  @DisplayName("against the pack")
  class AgainstThePack {
    @Test
    @DisplayName("a condition is checked as scoring rules are, naming the step's path")
    void conditionsAreCheckedAgainstTheLeadFields() {
      Playbook p =
          new Playbook(
              "p",
              "P",
              "",
              true,
              List.of(
                  new Branch(
                      "big",
                      Branch.On.FIELD,
                      List.of(),
                      List.of(),
                      new Condition.All(
                          List.of(
                              new Condition.Leaf("budgett", Operator.GTE, List.of(1L)),
                              new Condition.Leaf("timeline", Operator.EQ, List.of("someday")))),
                      "done",
                      null),
                  new PlaybookStep.Stop("done")));
      List<Problem> problems = PlaybookValidator.problems(p, Set.of(), Set.of(), Set.of(), FIELDS);
      assertThat(problems)
          .extracting(Problem::path)
          .containsExactly("/steps/0/branch/when/all/0/field", "/steps/0/branch/when/all/1/value");
      assertThat(problems.get(0).message())
          .startsWith("step 'big' branches on a condition: unknown field 'budgett'");
      assertThat(PlaybookValidator.problems(SORTING, Set.of(), Set.of(), Set.of(), FIELDS))
          .isEmpty();
    }

    @Test
    @DisplayName("the built-in fields scoring reads may be tested too")
    void builtInFields() {
      Playbook p =
          new Playbook(
              "p",
              "P",
              "",
              true,
              List.of(
                  new Branch(
                      "engaged",
                      Branch.On.FIELD,
                      List.of(),
                      List.of(),
                      new Condition.Leaf("inbound_count", Operator.GTE, List.of(3L)),
                      "done",
                      null),
                  new PlaybookStep.Stop("done")));
      assertThat(PlaybookValidator.problems(p, Set.of(), Set.of(), Set.of(), FIELDS)).isEmpty();
    }
  }
}
