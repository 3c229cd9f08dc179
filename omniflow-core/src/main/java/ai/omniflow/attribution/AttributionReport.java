package ai.omniflow.attribution;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Conversions and revenue credited per channel (or campaign, content or agent) by one or more
 * models over the journeys of an org, with spend, ROAS and ROI where spend was recorded. Within
 * each model the credited conversions and revenue sum exactly to the totals (decision 0036).
 *
 * <pre>{@code
 * AttributionReport r = omniFlow.attribution().report(actor, ReportQuery.of(from, to));
 * for (AttributionReport.ModelCredits m : r.models()) { … m.rows() … }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the first instant a journey ended at
 * @param to the instant journeys ended before
 * @param level channel, campaign, content or agent
 * @param currency the currency of revenue and spend, or {@code null} when nothing was won
 * @param lookback how far back each journey reached
 * @param journeys the journeys credited (converting or not)
 * @param untouched won leads in the range without any touchpoint in their lookback: counted here,
 *     credited to no one
 * @param otherCurrency won leads in the range in another currency than {@code currency} (or in a
 *     currency with more than 2 decimals): left out
 * @param models one entry per model, in the order asked for
 */
public record AttributionReport(
    Instant from,
    Instant to,
    AttributionLevel level,
    @Nullable String currency,
    Duration lookback,
    long journeys,
    long untouched,
    long otherCurrency,
    List<ModelCredits> models) {
  /** Copies the list. */
  public AttributionReport {
    models = List.copyOf(models);
  }

  /**
   * One model's credits.
   *
   * @param model the model's wire name
   * @param conversions total conversions, scale 4
   * @param revenue total revenue, scale 2
   * @param spend total spend in the range and currency, scale 2
   * @param rows one per channel (or campaign, content, agent, or channel and position for {@code
   *     shapley_ordered}) credited or with spend, by revenue, then conversions, descending
   */
  public record ModelCredits(
      String model, BigDecimal conversions, BigDecimal revenue, BigDecimal spend, List<Row> rows) {
    /** Copies the list. */
    public ModelCredits {
      rows = List.copyOf(rows);
    }
  }

  /**
   * What one model credits to one channel, or campaign, content or agent.
   *
   * @param channel the channel
   * @param campaign the campaign at campaign level, else {@code null}
   * @param position the position of first appearance under {@code shapley_ordered}, else 0
   * @param conversions credited conversions, scale 4
   * @param revenue credited revenue, scale 2
   * @param conversionShare percent of the model's conversions, scale 2 (0 when there are none)
   * @param revenueShare percent of the model's revenue, scale 2 (0 when there is none)
   * @param spend spend recorded for it in the range and currency, or {@code null} if none (always
   *     at content and agent level: spend is recorded per channel and campaign only)
   * @param roas revenue ÷ spend, scale 4, or {@code null} without spend (or with zero spend)
   * @param roi (revenue − spend) ÷ spend, scale 4, or {@code null} likewise
   * @param content the content at content level, else {@code null}
   * @param agent the agent (a user id) at agent level, else {@code null}
   */
  public record Row(
      String channel,
      @Nullable String campaign,
      int position,
      BigDecimal conversions,
      BigDecimal revenue,
      BigDecimal conversionShare,
      BigDecimal revenueShare,
      @Nullable BigDecimal spend,
      @Nullable BigDecimal roas,
      @Nullable BigDecimal roi,
      @Nullable String content,
      @Nullable String agent) {}
}
