package ai.omniflow.scoring;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * A lead's rule score with its explanation: {@code total} is the sum of the contributions' points,
 * and each group's subtotal (after its cap) the sum of that group's contributions.
 *
 * <pre>{@code
 * Score s = RuleScorer.score(facts, rules, clock.instant());
 * s.total();                     // the sum of the contributions
 * s.contributions();             // each rule that fired, then any cap adjustments
 * s.subtotal(ScoringGroup.FIT);  // after the fit cap
 * }</pre>
 *
 * <p>A value: immutable, thread-safe, equal to another score with the same total, contributions and
 * subtotals. A final class rather than a record so that {@link RuleScorer} can hand over the list
 * and sums it built without copying them (docs/decisions/0013).
 */
public final class Score {
  private static final ScoringGroup[] GROUPS = ScoringGroup.values();

  private final int total;
  private final List<Contribution> contributions;
  private final int[] subtotals; // by ScoringGroup ordinal; never written after construction

  /**
   * A score from its parts; {@code contributions} and {@code subtotals} are copied, a group missing
   * from {@code subtotals} has subtotal 0.
   *
   * @throws IllegalArgumentException if the total or a subtotal is not the sum of its contributions
   * @throws NullPointerException if a contribution or subtotal is {@code null}
   */
  public Score(int total, List<Contribution> contributions, Map<ScoringGroup, Integer> subtotals) {
    this.total = total;
    Contribution[] lines = contributions.toArray(new Contribution[0]);
    for (Contribution c : lines) {
      Objects.requireNonNull(c, "contribution");
    }
    this.contributions = new Lines(lines);
    this.subtotals = new int[GROUPS.length];
    subtotals.forEach((g, v) -> this.subtotals[g.ordinal()] = v);
    String problem = problem(total, this.contributions, this.subtotals);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * The scorer's path: takes ownership of {@code lines} (exactly the contributions, none null) and
   * {@code subtotals} (by group ordinal), which the caller must not touch afterwards. Sums are
   * checked only with assertions on, since the scorer builds them together.
   */
  Score(int total, Contribution[] lines, int[] subtotals) {
    this.total = total;
    this.contributions = new Lines(lines);
    this.subtotals = subtotals;
    assert problem(total, contributions, subtotals) == null
        : problem(total, contributions, subtotals);
  }

  private static @Nullable String problem(
      int total, List<Contribution> contributions, int[] subtotals) {
    int sum = 0;
    int[] groups = new int[GROUPS.length];
    for (Contribution c : contributions) {
      sum += c.points();
      groups[c.group().ordinal()] += c.points();
    }
    if (sum != total) {
      return "total " + total + " is not the sum " + sum;
    }
    for (ScoringGroup g : GROUPS) {
      if (groups[g.ordinal()] != subtotals[g.ordinal()]) {
        return "subtotal of " + g.key() + " is not its sum";
      }
    }
    return null;
  }

  /** The sum of the contributions' points. */
  public int total() {
    return total;
  }

  /** Each rule that fired with its points after decay, in rule order, then any cap adjustments. */
  public List<Contribution> contributions() {
    return contributions;
  }

  /** The group's subtotal after its cap; 0 if nothing in it fired. */
  public int subtotal(ScoringGroup group) {
    return subtotals[group.ordinal()];
  }

  /** Every group's subtotal after its cap, in group order; a new unmodifiable map each call. */
  public Map<ScoringGroup, Integer> subtotals() {
    EnumMap<ScoringGroup, Integer> m = new EnumMap<>(ScoringGroup.class);
    for (ScoringGroup g : GROUPS) {
      m.put(g, subtotals[g.ordinal()]);
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Score s
        && total == s.total
        && Arrays.equals(subtotals, s.subtotals)
        && contributions.equals(s.contributions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(total, contributions, Arrays.hashCode(subtotals));
  }

  @Override
  public String toString() {
    return "Score[total="
        + total
        + ", contributions="
        + contributions
        + ", subtotals="
        + subtotals()
        + "]";
  }

  /** An unmodifiable list over an array nobody else holds. */
  private static final class Lines extends AbstractList<Contribution> implements RandomAccess {
    private final Contribution[] a;

    Lines(Contribution[] a) {
      this.a = a;
    }

    @Override
    public Contribution get(int i) {
      return a[i];
    }

    @Override
    public int size() {
      return a.length;
    }
  }
}
