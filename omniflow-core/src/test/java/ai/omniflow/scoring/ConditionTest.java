package ai.omniflow.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.fields.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConditionTest {
  static final List<LeadField> FIELDS =
      List.of(
          new LeadField("budget", "Budget", FieldType.MONEY, List.of()),
          new LeadField("area", "Area", FieldType.TEXT, List.of()),
          new LeadField("timeline", "Timeline", FieldType.CHOICE, List.of("Soon", "Later")),
          new LeadField("pre_approved", "Pre-approved", FieldType.BOOLEAN, List.of()),
          new LeadField("move_by", "Move by", FieldType.DATE, List.of()));

  static Condition leaf(String field, Operator op, Object... values) {
    return new Condition.Leaf(field, op, Arrays.asList(values));
  }

  /** Whether {@code when} fires for the facts {@code facts} builds. */
  static boolean fires(Condition when, UnaryOperator<LeadFacts.Builder> facts) {
    CompiledRules rules =
        CompiledRules.compile(
            FIELDS,
            new RuleSet(
                Map.of(),
                Duration.ofDays(7),
                List.of(new ScoringRule("r", ScoringGroup.FIT, 1, when))));
    return RuleScorer.score(facts.apply(rules.facts()).build(), rules, Instant.EPOCH).total() == 1;
  }

  static UnaryOperator<LeadFacts.Builder> budget(Object v) {
    return b -> b.set("budget", v);
  }

  static UnaryOperator<LeadFacts.Builder> area(String v) {
    return b -> b.set("area", v);
  }

  static final UnaryOperator<LeadFacts.Builder> EMPTY = b -> b;

  @Nested
  @DisplayName("Each operator")
  class Operators {
    @Test
    void eqMatchesEqualNumbersTextAndBooleans() {
      assertThat(fires(leaf("budget", Operator.EQ, 500), budget(500))).isTrue();
      assertThat(
              fires(leaf("budget", Operator.EQ, 500), budget(new java.math.BigDecimal("500.00"))))
          .isTrue();
      assertThat(fires(leaf("budget", Operator.EQ, 500), budget(501))).isFalse();
      assertThat(fires(leaf("area", Operator.EQ, "Mission"), area("Mission"))).isTrue();
      assertThat(fires(leaf("pre_approved", Operator.EQ, true), b -> b.set("pre_approved", true)))
          .isTrue();
      assertThat(fires(leaf("pre_approved", Operator.EQ, true), b -> b.set("pre_approved", false)))
          .isFalse();
    }

    @Test
    void neqMatchesADifferentValueButNotAMissingOne() {
      assertThat(fires(leaf("budget", Operator.NEQ, 500), budget(400))).isTrue();
      assertThat(fires(leaf("budget", Operator.NEQ, 500), budget(500))).isFalse();
      assertThat(fires(leaf("budget", Operator.NEQ, 500), EMPTY)).isFalse();
      assertThat(fires(leaf("area", Operator.NEQ, "Mission"), area("Soma"))).isTrue();
      assertThat(fires(leaf("area", Operator.NEQ, "Mission"), EMPTY)).isFalse();
    }

    @Test
    void inMatchesAnyListedValue() {
      assertThat(
              fires(
                  leaf("timeline", Operator.IN, "Soon", "Later"), b -> b.set("timeline", "Later")))
          .isTrue();
      assertThat(fires(leaf("timeline", Operator.IN, "Soon"), b -> b.set("timeline", "Later")))
          .isFalse();
      assertThat(fires(leaf("budget", Operator.IN, 1, 2, 3), budget(2))).isTrue();
      assertThat(fires(leaf("budget", Operator.IN, 1, 2, 3), EMPTY)).isFalse();
    }

    @Test
    void orderingOperatorsCompareNumbers() {
      assertThat(fires(leaf("budget", Operator.GT, 500), budget(501))).isTrue();
      assertThat(fires(leaf("budget", Operator.GT, 500), budget(500))).isFalse();
      assertThat(fires(leaf("budget", Operator.GTE, 500), budget(500))).isTrue();
      assertThat(fires(leaf("budget", Operator.LT, 500), budget(499.5))).isTrue();
      assertThat(fires(leaf("budget", Operator.LT, 500), budget(500))).isFalse();
      assertThat(fires(leaf("budget", Operator.LTE, 500), budget(500))).isTrue();
      assertThat(fires(leaf("budget", Operator.LT, 500), EMPTY)).isFalse();
    }

    @Test
    void betweenIncludesBothEnds() {
      Condition c = leaf("budget", Operator.BETWEEN, 100, 200);
      assertThat(fires(c, budget(100))).isTrue();
      assertThat(fires(c, budget(200))).isTrue();
      assertThat(fires(c, budget(99))).isFalse();
      assertThat(fires(c, budget(201))).isFalse();
      assertThat(fires(c, EMPTY)).isFalse();
    }

    @Test
    void orderingOperatorsCompareDates() {
      Condition c = leaf("move_by", Operator.LT, "2026-03-01");
      assertThat(fires(c, b -> b.set("move_by", "2026-02-28"))).isTrue();
      assertThat(fires(c, b -> b.set("move_by", java.time.LocalDate.of(2026, 3, 1)))).isFalse();
    }

    @Test
    void containsAndStartsWithSearchText() {
      assertThat(fires(leaf("area", Operator.CONTAINS, "Heights"), area("Pacific Heights")))
          .isTrue();
      assertThat(fires(leaf("area", Operator.CONTAINS, "Heights"), area("Soma"))).isFalse();
      assertThat(fires(leaf("area", Operator.STARTS_WITH, "Pac"), area("Pacific Heights")))
          .isTrue();
      assertThat(fires(leaf("area", Operator.STARTS_WITH, "Heights"), area("Pacific Heights")))
          .isFalse();
      assertThat(fires(leaf("area", Operator.CONTAINS, "x"), EMPTY)).isFalse();
    }

    @Test
    void matchesFindsTheRegularExpressionAnywhereUnlessAnchored() {
      assertThat(fires(leaf("area", Operator.MATCHES, "9410[0-9]"), area("zip 94107"))).isTrue();
      assertThat(fires(leaf("area", Operator.MATCHES, "^9410[0-9]$"), area("zip 94107"))).isFalse();
      assertThat(fires(leaf("area", Operator.MATCHES, "^9410[0-9]$"), area("94107"))).isTrue();
    }

    @Test
    void existsTellsAGivenValueFromAMissingOne() {
      assertThat(fires(leaf("budget", Operator.EXISTS), budget(0))).isTrue();
      assertThat(fires(leaf("budget", Operator.EXISTS), EMPTY)).isFalse();
      assertThat(fires(leaf("area", Operator.EXISTS), area("x"))).isTrue();
      assertThat(fires(leaf("area", Operator.EXISTS), EMPTY)).isFalse();
    }
  }

  @Nested
  @DisplayName("Composites")
  class Composites {
    final Condition big = leaf("budget", Operator.GTE, 500);
    final Condition mission = leaf("area", Operator.EQ, "Mission");

    @Test
    void allNeedsEveryPart() {
      Condition c = new Condition.All(List.of(big, mission));
      assertThat(fires(c, b -> b.set("budget", 600).set("area", "Mission"))).isTrue();
      assertThat(fires(c, b -> b.set("budget", 600).set("area", "Soma"))).isFalse();
      assertThat(fires(new Condition.All(List.of(big, mission, big)), budget(600))).isFalse();
    }

    @Test
    void anyNeedsOnePart() {
      Condition c = new Condition.Any(List.of(big, mission));
      assertThat(fires(c, area("Mission"))).isTrue();
      assertThat(fires(c, budget(600))).isTrue();
      assertThat(fires(c, EMPTY)).isFalse();
      assertThat(fires(new Condition.Any(List.of(big, mission, big)), area("Mission"))).isTrue();
    }

    @Test
    void notInvertsAndNests() {
      assertThat(fires(new Condition.Not(big), budget(100))).isTrue();
      assertThat(fires(new Condition.Not(big), budget(600))).isFalse();
      assertThat(fires(new Condition.Not(leaf("budget", Operator.EXISTS)), EMPTY)).isTrue();
      Condition nested =
          new Condition.All(
              List.of(new Condition.Any(List.of(big, mission)), new Condition.Not(mission)));
      assertThat(fires(nested, budget(600))).isTrue();
      assertThat(fires(nested, b -> b.set("budget", 600).set("area", "Mission"))).isFalse();
    }
  }

  @Nested
  @DisplayName("Compiling")
  class Compiling {
    @Test
    void builtInFieldsAreReadable() {
      assertThat(
              fires(
                  leaf("source_channel", Operator.EQ, "referral"),
                  b -> b.set("source_channel", "referral")))
          .isTrue();
      assertThat(
              fires(
                  leaf("last_intent", Operator.EQ, "showing_request"),
                  b -> b.lastIntent("showing_request")))
          .isTrue();
      assertThat(
              fires(
                  leaf("inbound_count", Operator.GTE, 2),
                  b -> b.engagement(Instant.EPOCH).engagement(Instant.EPOCH)))
          .isTrue();
      assertThat(fires(leaf("inbound_count", Operator.EQ, 0), EMPTY)).isTrue();
    }

    @Test
    void aBadConditionIsRefusedNamingTheRuleAndProblem() {
      RuleSet bad =
          new RuleSet(
              Map.of(),
              Duration.ofDays(1),
              List.of(
                  new ScoringRule("r", ScoringGroup.FIT, 1, leaf("area", Operator.MATCHES, "(")),
                  new ScoringRule("s", ScoringGroup.FIT, 1, leaf("nope", Operator.EXISTS))));
      assertThat(CompiledRules.problems(FIELDS, bad))
          .extracting(Problem::path)
          .containsExactly("/rules/0/when/value", "/rules/1/when/field");
      assertThatThrownBy(() -> CompiledRules.compile(FIELDS, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("/rules/1/when/field : unknown field 'nope'");
    }

    @Test
    void factsOfAWrongTypeAreRefused() {
      CompiledRules rules =
          CompiledRules.compile(FIELDS, new RuleSet(Map.of(), Duration.ofDays(1), List.of()));
      assertThatThrownBy(() -> rules.facts().set("budget", "lots"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> rules.facts().set("colour", "red"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> rules.facts().set("inbound_count", 3))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
