package ai.omniflow.store.spi;

import ai.omniflow.attribution.Spend;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The transaction org's spend per day and channel or campaign. */
public interface SpendRepository {
  /**
   * Stores the spend, replacing the one of the same day, channel and campaign.
   *
   * @return the spend it replaced, if any
   * @throws IllegalArgumentException if it is of another org
   */
  Optional<Spend> put(Spend spend);

  /** The spend of that day, channel and campaign ({@code null} for the channel as a whole). */
  Optional<Spend> find(LocalDate day, String channel, @Nullable String campaign);

  /**
   * The spend from {@code from} to {@code to} (both days included), summed per channel, campaign
   * and currency, ordered by channel, campaign (the channel's own first) and currency.
   */
  List<Total> totals(LocalDate from, LocalDate to);

  /**
   * A sum of spend.
   *
   * @param channel the channel
   * @param campaign the campaign, or {@code null} for spend on the channel as a whole
   * @param currency the currency
   * @param amount the sum, scale 2
   */
  record Total(String channel, @Nullable String campaign, String currency, BigDecimal amount) {}
}
