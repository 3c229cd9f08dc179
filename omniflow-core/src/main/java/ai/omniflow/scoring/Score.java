package ai.omniflow.scoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lead's rule score with its explanation: {@code total} is the sum of the contributions' points,
 * and each group's subtotal (after its cap) the sum of that group's contributions.
 *
 * @throws IllegalArgumentException if the total or a subtotal is not the sum of its contributions
 */
public record Score(
    int total, List<Contribution> contributions, Map<ScoringGroup, Integer> subtotals) {
  private static final ScoringGroup[] GROUPS = ScoringGroup.values();

  public Score {
    contributions = List.copyOf(contributions);
    subtotals = Map.copyOf(subtotals);
    int sum = 0;
    int[] groups = new int[GROUPS.length];
    for (Contribution c : contributions) {
      sum += c.points();
      groups[c.group().ordinal()] += c.points();
    }
    if (sum != total) {
      throw new IllegalArgumentException("total " + total + " is not the sum " + sum);
    }
    for (ScoringGroup g : GROUPS) {
      if (groups[g.ordinal()] != Objects.requireNonNullElse(subtotals.get(g), 0)) {
        throw new IllegalArgumentException("subtotal of " + g.key() + " is not its sum");
      }
    }
  }

  /** The group's subtotal after its cap; 0 if nothing in it fired. */
  public int subtotal(ScoringGroup group) {
    return subtotals.getOrDefault(group, 0);
  }
}
