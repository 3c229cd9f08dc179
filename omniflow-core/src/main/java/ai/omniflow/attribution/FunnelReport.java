package ai.omniflow.attribution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The funnel from engagement to revenue per channel over a range: engagements (touchpoints),
 * threads, leads, qualified leads and won leads, each step with its rate from the step before.
 * docs/attribution.md says what each step counts.
 *
 * <pre>{@code
 * FunnelReport f = omniFlow.attribution().funnel(actor, from, to);
 * for (FunnelReport.Row r : f.channels()) { … r.leads() … r.wonRate() … }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the start of the range
 * @param to the end of the range (excluded)
 * @param qualifiedStages the stage keys at which an open lead counted as qualified, in pipeline
 *     order (empty when the org's pack has no stage keyed {@code qualified}: then only won leads)
 * @param channels one row per channel, by channel name
 * @param total the sum of the rows
 * @param truncated whether there were more than {@link #MAX_CHANNELS} channels (the first by name
 *     are kept, and the total is of those)
 */
public record FunnelReport(
    Instant from,
    Instant to,
    List<String> qualifiedStages,
    List<Row> channels,
    Row total,
    boolean truncated) {
  /** The most channels one funnel lists: 1,000. */
  public static final int MAX_CHANNELS = 1_000;

  /** Copies the lists. */
  public FunnelReport {
    qualifiedStages = List.copyOf(qualifiedStages);
    channels = List.copyOf(channels);
  }

  /**
   * One channel's funnel. Each rate is the step's count as a percentage of the step before (2
   * decimals), {@code null} when the step before is zero.
   *
   * @param channel the channel, or {@code all} for the total
   * @param engagements touchpoints in the range
   * @param threads inbox threads created in the range
   * @param leads leads created in the range
   * @param qualified of those, won or open at a qualified stage
   * @param won of those, won
   * @param threadRate threads per engagement
   * @param leadRate leads per thread (for channels without threads, such as ads, {@code null})
   * @param qualifiedRate qualified per lead
   * @param wonRate won per qualified lead
   * @param leadToWonRate won per lead
   */
  public record Row(
      String channel,
      long engagements,
      long threads,
      long leads,
      long qualified,
      long won,
      @Nullable BigDecimal threadRate,
      @Nullable BigDecimal leadRate,
      @Nullable BigDecimal qualifiedRate,
      @Nullable BigDecimal wonRate,
      @Nullable BigDecimal leadToWonRate) {}
}
