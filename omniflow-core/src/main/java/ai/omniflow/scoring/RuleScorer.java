package ai.omniflow.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores leads with compiled rules. For each rule that holds, its points go to its group;
 * engagement points are multiplied by {@code 0.5^(age / halfLife)}, where age is the time from the
 * latest engagement event to {@code now} (no events or an event after {@code now}: no decay), and
 * rounded to the nearest point. A group whose sum exceeds its cap gets a {@code cap:<group>}
 * contribution that brings it down to the cap, so the explanation always sums to the total.
 *
 * <pre>{@code
 * Score s = RuleScorer.score(facts, rules, clock.instant());
 * }</pre>
 *
 * <p>Stateless and thread-safe; reads no clock.
 */
public final class RuleScorer {
  private static final ScoringGroup[] GROUPS = ScoringGroup.values();

  private RuleScorer() {}

  /**
   * @throws IllegalArgumentException if {@code facts} were not built for {@code rules}
   */
  public static Score score(LeadFacts facts, CompiledRules rules, Instant now) {
    if (facts.layout != rules.layout) {
      throw new IllegalArgumentException("facts were built for other rules");
    }
    double decay = 1.0;
    if (facts.engagementCount > 0) {
      long age = now.toEpochMilli() - facts.latestEngagementMillis;
      if (age > 0) {
        decay = Math.pow(0.5, age / rules.halfLifeMillis);
      }
    }
    int[] sums = new int[GROUPS.length];
    int n = rules.predicates.length;
    List<Contribution> out = new ArrayList<>(8);
    for (int r = 0; r < n; r++) {
      if (rules.predicates[r].test(facts)) {
        ScoringGroup g = rules.groups[r];
        int p = rules.points[r];
        if (g == ScoringGroup.ENGAGEMENT && decay != 1.0) {
          p = (int) Math.round(p * decay);
        }
        sums[g.ordinal()] += p;
        out.add(new Contribution(rules.keys[r], g, p));
      }
    }
    int total = 0;
    for (ScoringGroup g : GROUPS) {
      int cap = rules.caps[g.ordinal()];
      if (sums[g.ordinal()] > cap) {
        out.add(new Contribution(rules.capKeys[g.ordinal()], g, cap - sums[g.ordinal()]));
        sums[g.ordinal()] = cap;
      }
      total += sums[g.ordinal()];
    }
    return new Score(
        total,
        out,
        Map.of(
            ScoringGroup.FIT,
            sums[0],
            ScoringGroup.ENGAGEMENT,
            sums[1],
            ScoringGroup.INTENT,
            sums[2]));
  }
}
