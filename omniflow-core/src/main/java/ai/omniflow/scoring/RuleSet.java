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
 * <p>Throws {@link IllegalArgumentException} if a cap is negative, the half-life is not positive,
 * rule keys repeat or the model weight is outside [0, 1]
 *
 * @param caps the most points each group may add; a group without a cap is uncapped
 * @param engagementHalfLife after this long, an engagement rule's points are halved
 * @param modelWeight how much the org's learned model counts when it has a usable one, 0 to 1: the
 *     final score is {@code (1 - w) * rules + w * 100 * probability}, rounded (docs/scoring.md)
 */
public record RuleSet(
    Map<ScoringGroup, Integer> caps,
    Duration engagementHalfLife,
    List<ScoringRule> rules,
    double modelWeight) {
  /** The model weight of a pack that names none. */
  public static final double DEFAULT_MODEL_WEIGHT = 0.5;

  /** Rules with the {@link #DEFAULT_MODEL_WEIGHT}. */
  public RuleSet(
      Map<ScoringGroup, Integer> caps, Duration engagementHalfLife, List<ScoringRule> rules) {
    this(caps, engagementHalfLife, rules, DEFAULT_MODEL_WEIGHT);
  }

  public RuleSet {
    if (!(modelWeight >= 0 && modelWeight <= 1)) {
      throw new IllegalArgumentException("modelWeight must be between 0 and 1");
    }
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
