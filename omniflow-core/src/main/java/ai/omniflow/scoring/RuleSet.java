package ai.omniflow.scoring;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The scoring section of a pack: per-group caps, the engagement half-life and the rules.
 *
 * <pre>{@code
 * RuleSet rules = new RuleSet(Map.of(ScoringGroup.FIT, 50), Duration.ofDays(7), List.of(rule));
 * }</pre>
 *
 * @param caps the most points each group may add; a group without a cap is uncapped
 * @param engagementHalfLife after this long, an engagement rule's points are halved
 * @throws IllegalArgumentException if a cap is negative, the half-life is not positive or rule keys
 *     repeat
 */
public record RuleSet(
    Map<ScoringGroup, Integer> caps, Duration engagementHalfLife, List<ScoringRule> rules) {
  public RuleSet {
    caps = Map.copyOf(caps);
    Objects.requireNonNull(engagementHalfLife, "engagementHalfLife");
    if (engagementHalfLife.isZero() || engagementHalfLife.isNegative()) {
      throw new IllegalArgumentException("engagementHalfLife must be positive");
    }
    rules = List.copyOf(rules);
    for (Map.Entry<ScoringGroup, Integer> e : caps.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("cap of " + e.getKey().key() + " must not be negative");
      }
    }
    Set<String> keys = new HashSet<>();
    for (ScoringRule r : rules) {
      if (!keys.add(r.key())) {
        throw new IllegalArgumentException("rule key '" + r.key() + "' appears twice");
      }
    }
  }
}
