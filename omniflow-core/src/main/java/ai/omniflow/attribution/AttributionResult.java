package ai.omniflow.attribution;

import java.math.BigDecimal;
import java.util.List;

/**
 * One model's credits over a set of journeys. The credits' conversions sum exactly to {@code
 * conversions} and their values to {@code value}, to the cent: each total is shared in whole units
 * (1/10,000 of a conversion, one cent) by largest remainder, ties going to the earlier channel by
 * name.
 *
 * @param model the model
 * @param journeys the journeys counted (converting or not)
 * @param paths the distinct paths they formed
 * @param conversions the conversions, as a whole number with {@value #CONVERSION_SCALE} decimals
 * @param value the total value, scale 2
 * @param credits one per channel (or campaign, or channel and position) the model credits,
 *     including those credited zero, ordered by channel, campaign and position
 */
public record AttributionResult(
    AttributionModel model,
    long journeys,
    long paths,
    BigDecimal conversions,
    BigDecimal value,
    List<Credit> credits) {
  /** The decimals of credited conversions: 4. */
  public static final int CONVERSION_SCALE = 4;

  /** Copies the credits. */
  public AttributionResult {
    credits = List.copyOf(credits);
  }
}
