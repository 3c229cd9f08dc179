package ai.omniflow.leads;

import ai.omniflow.OmniFlowException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Coarse bands of a lead's score for lists and routing: cold below {@value #WARM_FROM}, hot from
 * {@value #HOT_FROM}, warm between.
 */
public enum ScoreBand {
  COLD(Integer.MIN_VALUE, ScoreBand.WARM_FROM - 1),
  WARM(ScoreBand.WARM_FROM, ScoreBand.HOT_FROM - 1),
  HOT(ScoreBand.HOT_FROM, Integer.MAX_VALUE);

  /** The lowest warm score. */
  public static final int WARM_FROM = 40;

  /** The lowest hot score. */
  public static final int HOT_FROM = 70;

  private final int min;
  private final int max;

  ScoreBand(int min, int max) {
    this.min = min;
    this.max = max;
  }

  /** The lowest score in the band. */
  public int min() {
    return min;
  }

  /** The highest score in the band. */
  public int max() {
    return max;
  }

  /** The band's wire name, e.g. {@code hot}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The band of {@code score}. */
  public static ScoreBand of(int score) {
    return score >= HOT_FROM ? HOT : score >= WARM_FROM ? WARM : COLD;
  }

  /**
   * @throws OmniFlowException {@code invalid_filter} (bad request) for anything but cold, warm or
   *     hot
   */
  public static ScoreBand parse(@Nullable String s) {
    for (ScoreBand b : values()) {
      if (b.wireName().equals(s)) {
        return b;
      }
    }
    throw OmniFlowException.badRequest(
        LeadErrors.INVALID_FILTER, "band must be cold, warm or hot.");
  }
}
