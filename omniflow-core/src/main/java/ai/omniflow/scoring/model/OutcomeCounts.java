package ai.omniflow.scoring.model;

/** How many won and lost outcomes a set of closed leads holds. */
public record OutcomeCounts(int won, int lost) {
  public static final OutcomeCounts NONE = new OutcomeCounts(0, 0);

  /**
   * @throws IllegalArgumentException if a count is negative
   */
  public OutcomeCounts {
    if (won < 0 || lost < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  public int total() {
    return won + lost;
  }

  @Override
  public String toString() {
    return won + " won and " + lost + " lost";
  }
}
