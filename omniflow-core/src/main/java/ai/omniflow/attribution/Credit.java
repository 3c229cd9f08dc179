package ai.omniflow.attribution;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What one model credits to one channel (or campaign, or, for the ordered Shapley value, channel at
 * a position): conversions with {@value AttributionResult#CONVERSION_SCALE} decimals and value in
 * cents.
 *
 * @param channel the channel
 * @param campaign the campaign at campaign level, else {@code null}
 * @param content the content at content level, else {@code null}
 * @param agent the agent at agent level, else {@code null}
 * @param position the position of first appearance for the ordered Shapley value (1, 2, …), else 0
 * @param conversions the conversions credited, scale {@value AttributionResult#CONVERSION_SCALE}
 * @param value the value credited, scale 2
 */
public record Credit(
    String channel,
    @Nullable String campaign,
    int position,
    BigDecimal conversions,
    BigDecimal value,
    @Nullable String content,
    @Nullable String agent) {
  /** A credit at channel or campaign level. */
  public Credit(
      String channel,
      @Nullable String campaign,
      int position,
      BigDecimal conversions,
      BigDecimal value) {
    this(channel, campaign, position, conversions, value, null, null);
  }
}
