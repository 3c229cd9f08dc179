package ai.omniflow.scoring;

import java.util.Objects;

/**
 * One line of a score's explanation: a rule that fired and the points it added (after decay), or a
 * cap adjustment with the key {@code cap:<group>} that takes a group back down to its cap.
 */
public record Contribution(String ruleKey, ScoringGroup group, int points) {
  public Contribution {
    Objects.requireNonNull(ruleKey, "ruleKey");
    Objects.requireNonNull(group, "group");
  }

  /** Whether this is a cap adjustment rather than a rule. */
  public boolean isCap() {
    return ruleKey.startsWith("cap:");
  }
}
