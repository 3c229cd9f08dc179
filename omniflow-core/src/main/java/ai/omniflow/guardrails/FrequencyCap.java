package ai.omniflow.guardrails;

/**
 * The most marketing messages one contact gets per day and per week (Monday to Sunday), counted in
 * the days of {@link Guardrails#countingZone}.
 *
 * <pre>{@code
 * FrequencyCap cap = new FrequencyCap(2, 5);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param perDay 1 to {@value #MAX}
 * @param perWeek {@code perDay} to {@value #MAX}
 */
public record FrequencyCap(int perDay, int perWeek) {
  /** Three a day and ten a week. */
  public static final FrequencyCap DEFAULT = new FrequencyCap(3, 10);

  /** The largest cap. */
  public static final int MAX = 1_000;

  /**
   * @throws IllegalArgumentException if a cap is below 1 or above {@value #MAX}, or the weekly cap
   *     is below the daily one
   */
  public FrequencyCap {
    if (perDay < 1 || perDay > MAX || perWeek < perDay || perWeek > MAX) {
      throw new IllegalArgumentException(
          "caps must be 1 to " + MAX + " and the weekly one at least the daily one");
    }
  }
}
