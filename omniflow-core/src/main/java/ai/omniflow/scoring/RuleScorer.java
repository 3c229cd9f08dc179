package ai.omniflow.scoring;

import java.time.Instant;

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
  private static final int ENGAGEMENT = ScoringGroup.ENGAGEMENT.ordinal();
  private static final long[] NO_WORDS = new long[0];

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
    CompiledRules.Check[] predicates = rules.predicates;
    int[] groups = rules.groupOrdinals;
    int[] points = rules.points;
    int n = predicates.length;
    // First pass: which rules fire (a bit each: rules 0-63 in `fired`, the rest in `more`) and the
    // group sums; the second pass then fills an array of exactly the right size.
    long fired = 0;
    long[] more = n > 64 ? new long[(n - 1) >>> 6] : NO_WORDS;
    int count = 0;
    int[] sums = new int[GROUPS.length];
    for (int r = 0; r < n; r++) {
      if (predicates[r].test(facts)) {
        if (r < 64) {
          fired |= 1L << r;
        } else {
          more[(r >>> 6) - 1] |= 1L << r;
        }
        count++;
        int g = groups[r];
        sums[g] += g == ENGAGEMENT ? decayed(points[r], decay) : points[r];
      }
    }
    int[] caps = rules.caps;
    for (int g = 0; g < sums.length; g++) {
      if (sums[g] > caps[g]) {
        count++;
      }
    }
    Contribution[] lines = new Contribution[count];
    int k = 0;
    for (int w = -1; w < more.length; w++) {
      long bits = w < 0 ? fired : more[w];
      int base = (w + 1) << 6;
      while (bits != 0) {
        int r = base + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        Contribution c = rules.contributions[r];
        if (groups[r] == ENGAGEMENT && decay != 1.0) {
          int p = decayed(points[r], decay);
          if (p != c.points()) {
            c = new Contribution(c.ruleKey(), c.group(), p);
          }
        }
        lines[k++] = c;
      }
    }
    int total = 0;
    for (int g = 0; g < sums.length; g++) {
      if (sums[g] > caps[g]) {
        lines[k++] = new Contribution(rules.capKeys[g], GROUPS[g], caps[g] - sums[g]);
        sums[g] = caps[g];
      }
      total += sums[g];
    }
    return new Score(total, lines, sums);
  }

  private static int decayed(int points, double decay) {
    return decay == 1.0 ? points : (int) Math.round(points * decay);
  }
}
