package ai.omniflow.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.Operator;
import ai.omniflow.testing.PropertyCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RuleScorerTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  static ScoringRule rule(String key, ScoringGroup g, int points, Condition when) {
    return new ScoringRule(key, g, points, when);
  }

  static final Condition ALWAYS = new Condition.All(List.of());

  static CompiledRules compile(Map<ScoringGroup, Integer> caps, ScoringRule... rules) {
    return CompiledRules.compile(
        ConditionTest.FIELDS, new RuleSet(caps, Duration.ofDays(7), List.of(rules)));
  }

  @Test
  void theExplanationListsEachRuleThatFiredWithItsPoints() {
    CompiledRules rules =
        compile(
            Map.of(),
            rule("big", ScoringGroup.FIT, 20, ConditionTest.leaf("budget", Operator.GTE, 500)),
            rule("small", ScoringGroup.FIT, -5, ConditionTest.leaf("budget", Operator.LT, 100)),
            rule(
                "asks",
                ScoringGroup.INTENT,
                10,
                ConditionTest.leaf("last_intent", Operator.EXISTS)));
    Score s =
        RuleScorer.score(rules.facts().set("budget", 900).lastIntent("x").build(), rules, NOW);
    assertThat(s.total()).isEqualTo(30);
    assertThat(s.contributions())
        .containsExactly(
            new Contribution("big", ScoringGroup.FIT, 20),
            new Contribution("asks", ScoringGroup.INTENT, 10));
    assertThat(s.subtotal(ScoringGroup.FIT)).isEqualTo(20);
    assertThat(s.subtotal(ScoringGroup.ENGAGEMENT)).isZero();
  }

  @Test
  void aGroupOverItsCapGetsAnAdjustmentSoTheExplanationStillSums() {
    CompiledRules rules =
        compile(
            Map.of(ScoringGroup.FIT, 25),
            rule("a", ScoringGroup.FIT, 20, ALWAYS),
            rule("b", ScoringGroup.FIT, 15, ALWAYS),
            rule("c", ScoringGroup.INTENT, 7, ALWAYS));
    Score s = RuleScorer.score(rules.facts().build(), rules, NOW);
    assertThat(s.subtotal(ScoringGroup.FIT)).isEqualTo(25);
    assertThat(s.total()).isEqualTo(32);
    assertThat(s.contributions()).contains(new Contribution("cap:fit", ScoringGroup.FIT, -10));
    assertThat(s.contributions().stream().filter(Contribution::isCap)).hasSize(1);
  }

  @Test
  void engagementPointsHalveEachHalfLifeSinceTheLatestEngagement() {
    CompiledRules rules = compile(Map.of(), rule("e", ScoringGroup.ENGAGEMENT, 20, ALWAYS));
    assertThat(scoreAt(rules, NOW)).isEqualTo(20);
    assertThat(scoreAt(rules, NOW.minus(Duration.ofDays(7)))).isEqualTo(10);
    assertThat(scoreAt(rules, NOW.minus(Duration.ofDays(14)))).isEqualTo(5);
    assertThat(scoreAt(rules, NOW.plus(Duration.ofDays(1)))).isEqualTo(20);
    // only the latest event counts
    LeadFacts two =
        rules
            .facts()
            .engagement(NOW.minus(Duration.ofDays(30)))
            .engagement(NOW.minus(Duration.ofDays(7)))
            .build();
    assertThat(RuleScorer.score(two, rules, NOW).total()).isEqualTo(10);
  }

  @Test
  void otherGroupsDoNotDecay() {
    CompiledRules rules = compile(Map.of(), rule("f", ScoringGroup.FIT, 20, ALWAYS));
    assertThat(scoreAt(rules, NOW.minus(Duration.ofDays(70)))).isEqualTo(20);
  }

  @Test
  void aPackWithMoreThanSixtyFourRulesExplainsEachInRuleOrder() {
    List<ScoringRule> many = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      many.add(rule("r" + i, ScoringGroup.FIT, 1, i % 3 == 0 ? ALWAYS : new Condition.Not(ALWAYS)));
    }
    CompiledRules rules =
        CompiledRules.compile(
            ConditionTest.FIELDS,
            new RuleSet(Map.of(ScoringGroup.FIT, 40), Duration.ofDays(7), many));
    Score s = RuleScorer.score(rules.facts().build(), rules, NOW);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 130; i += 3) {
      expected.add("r" + i);
    }
    expected.add("cap:fit");
    assertThat(s.contributions()).extracting(Contribution::ruleKey).isEqualTo(expected);
    assertThat(s.contributions().get(expected.size() - 1).points()).isEqualTo(40 - 44);
    assertThat(s.total()).isEqualTo(40);
  }

  @Test
  void aScoreBuiltFromPartsMustSumAndEqualsTheScorersScore() {
    CompiledRules rules =
        compile(
            Map.of(ScoringGroup.FIT, 25),
            rule("a", ScoringGroup.FIT, 20, ALWAYS),
            rule("b", ScoringGroup.FIT, 15, ALWAYS),
            rule("c", ScoringGroup.INTENT, 7, ALWAYS));
    Score scored = RuleScorer.score(rules.facts().build(), rules, NOW);
    Score built =
        new Score(
            32,
            List.of(
                new Contribution("a", ScoringGroup.FIT, 20),
                new Contribution("b", ScoringGroup.FIT, 15),
                new Contribution("c", ScoringGroup.INTENT, 7),
                new Contribution("cap:fit", ScoringGroup.FIT, -10)),
            Map.of(ScoringGroup.FIT, 25, ScoringGroup.INTENT, 7));
    assertThat(built).isEqualTo(scored).hasSameHashCodeAs(scored);
    assertThat(built.toString()).isEqualTo(scored.toString());
    assertThat(scored.subtotals())
        .containsExactly(
            Map.entry(ScoringGroup.FIT, 25),
            Map.entry(ScoringGroup.ENGAGEMENT, 0),
            Map.entry(ScoringGroup.INTENT, 7));
    assertThatThrownBy(() -> scored.contributions().add(new Contribution("x", ScoringGroup.FIT, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () ->
                new Score(
                    21,
                    List.of(new Contribution("a", ScoringGroup.FIT, 20)),
                    Map.of(ScoringGroup.FIT, 20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total 21");
    assertThatThrownBy(
            () -> new Score(20, List.of(new Contribution("a", ScoringGroup.FIT, 20)), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subtotal of fit");
  }

  static int scoreAt(CompiledRules rules, Instant engagedAt) {
    return RuleScorer.score(rules.facts().engagement(engagedAt).build(), rules, NOW).total();
  }

  // ---- properties over generated rule sets and leads

  record Case(CompiledRules rules, LeadFacts facts, long ageMillis) {}

  static Condition randomCondition(Random r, int depth) {
    int kind = depth > 2 ? 0 : r.nextInt(5);
    return switch (kind) {
      case 1 ->
          new Condition.All(List.of(randomCondition(r, depth + 1), randomCondition(r, depth + 1)));
      case 2 ->
          new Condition.Any(List.of(randomCondition(r, depth + 1), randomCondition(r, depth + 1)));
      case 3 -> new Condition.Not(randomCondition(r, depth + 1));
      default ->
          switch (r.nextInt(5)) {
            case 0 -> ConditionTest.leaf("budget", Operator.GTE, r.nextInt(1000));
            case 1 ->
                ConditionTest.leaf("area", Operator.STARTS_WITH, "" + (char) ('a' + r.nextInt(3)));
            case 2 -> ConditionTest.leaf("pre_approved", Operator.EQ, r.nextBoolean());
            case 3 -> ConditionTest.leaf("inbound_count", Operator.GTE, r.nextInt(4));
            default -> ConditionTest.leaf("timeline", Operator.IN, "Soon");
          };
    };
  }

  static Case randomCase(Random r) {
    List<ScoringRule> rules = new ArrayList<>();
    int n = 1 + r.nextInt(r.nextInt(8) == 0 ? 150 : 25);
    for (int i = 0; i < n; i++) {
      ScoringGroup g = ScoringGroup.values()[r.nextInt(3)];
      int points = g == ScoringGroup.ENGAGEMENT ? r.nextInt(40) : r.nextInt(61) - 20;
      rules.add(rule("r" + i, g, points, randomCondition(r, 0)));
    }
    Map<ScoringGroup, Integer> caps = new java.util.EnumMap<>(ScoringGroup.class);
    for (ScoringGroup g : ScoringGroup.values()) {
      if (r.nextInt(4) > 0) {
        caps.put(g, r.nextInt(60));
      }
    }
    CompiledRules compiled =
        CompiledRules.compile(
            ConditionTest.FIELDS,
            new RuleSet(caps, Duration.ofHours(1 + r.nextInt(24 * 14)), rules));
    LeadFacts.Builder b = compiled.facts();
    if (r.nextBoolean()) b.set("budget", r.nextInt(1200));
    if (r.nextBoolean()) b.set("area", "" + (char) ('a' + r.nextInt(3)) + "rea");
    if (r.nextBoolean()) b.set("pre_approved", r.nextBoolean());
    if (r.nextBoolean()) b.set("timeline", r.nextBoolean() ? "Soon" : "Later");
    int events = r.nextInt(5);
    long age = (long) r.nextInt(60 * 24 * 60) * 60_000L;
    for (int i = 0; i < events; i++) {
      b.engagement(NOW.minusMillis(age + r.nextInt(1_000_000)));
    }
    return new Case(compiled, b.build(), age);
  }

  @Test
  void theScoreIsTheSumOfItsContributions() {
    PropertyCheck.forAll(
        1000,
        RuleScorerTest::randomCase,
        c -> {
          Score s = RuleScorer.score(c.facts(), c.rules(), NOW);
          assertThat(s.contributions().stream().mapToInt(Contribution::points).sum())
              .isEqualTo(s.total());
          assertThat(s.subtotals().values().stream().mapToInt(Integer::intValue).sum())
              .isEqualTo(s.total());
        });
  }

  @Test
  void theExplanationIsWhatAPlainWalkOverTheRulesGives() {
    PropertyCheck.forAll(
        1000,
        RuleScorerTest::randomCase,
        c -> {
          Instant now = NOW.plus(Duration.ofMinutes(c.ageMillis() % 997));
          assertThat(RuleScorer.score(c.facts(), c.rules(), now))
              .isEqualTo(plainScore(c.facts(), c.rules(), now));
        });
  }

  /** The scorer's semantics written as the simplest loop, to check the fast one against. */
  static Score plainScore(LeadFacts facts, CompiledRules rules, Instant now) {
    double decay = 1.0;
    if (facts.engagementCount() > 0 && now.isAfter(facts.latestEngagement())) {
      long age = now.toEpochMilli() - facts.latestEngagement().toEpochMilli();
      decay = Math.pow(0.5, age / (double) rules.ruleSet().engagementHalfLife().toMillis());
    }
    List<Contribution> out = new ArrayList<>();
    Map<ScoringGroup, Integer> sums = new java.util.EnumMap<>(ScoringGroup.class);
    for (int i = 0; i < rules.ruleSet().rules().size(); i++) {
      ScoringRule rule = rules.ruleSet().rules().get(i);
      if (rules.predicates[i].test(facts)) {
        int p = rule.points();
        if (rule.group() == ScoringGroup.ENGAGEMENT && decay != 1.0) {
          p = (int) Math.round(p * decay);
        }
        out.add(new Contribution(rule.key(), rule.group(), p));
        sums.merge(rule.group(), p, Integer::sum);
      }
    }
    int total = 0;
    for (ScoringGroup g : ScoringGroup.values()) {
      int sum = sums.getOrDefault(g, 0);
      Integer cap = rules.ruleSet().caps().get(g);
      if (cap != null && sum > cap) {
        out.add(new Contribution("cap:" + g.key(), g, cap - sum));
        sum = cap;
      }
      sums.put(g, sum);
      total += sum;
    }
    return new Score(total, out, sums);
  }

  @Test
  void noGroupEverExceedsItsCap() {
    PropertyCheck.forAll(
        1000,
        RuleScorerTest::randomCase,
        c -> {
          Score s = RuleScorer.score(c.facts(), c.rules(), NOW);
          c.rules()
              .ruleSet()
              .caps()
              .forEach((g, cap) -> assertThat(s.subtotal(g)).as(g.key()).isLessThanOrEqualTo(cap));
        });
  }

  @Test
  void olderEngagementNeverScoresMore() {
    PropertyCheck.forAll(
        1000,
        RuleScorerTest::randomCase,
        c -> {
          Score earlier = RuleScorer.score(c.facts(), c.rules(), NOW);
          Score later = RuleScorer.score(c.facts(), c.rules(), NOW.plus(Duration.ofHours(6)));
          Score muchLater = RuleScorer.score(c.facts(), c.rules(), NOW.plus(Duration.ofDays(90)));
          assertThat(later.subtotal(ScoringGroup.ENGAGEMENT))
              .isLessThanOrEqualTo(earlier.subtotal(ScoringGroup.ENGAGEMENT));
          assertThat(muchLater.subtotal(ScoringGroup.ENGAGEMENT))
              .isLessThanOrEqualTo(later.subtotal(ScoringGroup.ENGAGEMENT));
          assertThat(later.total()).isLessThanOrEqualTo(earlier.total());
        });
  }
}
