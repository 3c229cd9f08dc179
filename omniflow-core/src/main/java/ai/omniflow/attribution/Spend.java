package ai.omniflow.attribution;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What was spent on one channel (or one campaign of it) on one day, for ROI and ROAS. One per (org,
 * day, channel, campaign): recording it again replaces it.
 *
 * <pre>{@code
 * Spend s = Spend.of(orgId, LocalDate.parse("2026-05-01"), "facebook_ad", "spring_sale",
 *     new BigDecimal("120.50"), "USD", now);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link OmniFlowException} {@code invalid_day}, {@code invalid_channel}, {@code
 * invalid_campaign}, {@code invalid_amount} or {@code invalid_currency} (invalid input) outside the
 * bounds below.
 *
 * @param orgId its org
 * @param day the day (UTC) the money was spent, within {@link Limits#EARLIEST}–{@link
 *     Limits#LATEST}
 * @param channel the channel key, as {@link ExternalTouchpoint#channel(String)} checks it
 * @param campaign the campaign, or {@code null} for the channel as a whole; at most {@link
 *     Limits#MAX_ID}, not blank
 * @param amount not negative, at most {@link #MAX_AMOUNT}, no more decimals than the currency has
 *     (and at most 2)
 * @param currency an ISO 4217 code, upper case
 * @param recordedAt when it was recorded
 */
public record Spend(
    java.util.UUID orgId,
    LocalDate day,
    String channel,
    @Nullable String campaign,
    BigDecimal amount,
    String currency,
    Instant recordedAt) {
  /** The largest amount for one day: 999,999,999,999.99. */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

  /** Validates and normalizes (amount stripped to the currency's scale, currency upper case). */
  public Spend {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(day, "day");
    Limits.instant("day", day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    channel = ExternalTouchpoint.channel(channel);
    if (campaign != null) {
      Limits.text("campaign", campaign, Limits.MAX_ID);
      if (campaign.isBlank()) {
        throw OmniFlowException.invalidInput("invalid_campaign", "campaign must not be blank.");
      }
    }
    currency = currency(currency);
    amount = amount(amount, currency);
    Limits.instant("recorded_at", recordedAt);
  }

  /** The same as the canonical constructor; reads better at call sites. */
  public static Spend of(
      java.util.UUID orgId,
      LocalDate day,
      String channel,
      @Nullable String campaign,
      BigDecimal amount,
      String currency,
      Instant recordedAt) {
    return new Spend(orgId, day, channel, campaign, amount, currency, recordedAt);
  }

  /**
   * Checks an ISO 4217 code (upper-casing it).
   *
   * @throws OmniFlowException {@code invalid_currency} (invalid input) otherwise
   */
  public static String currency(String code) {
    Limits.text("currency", code, 3);
    String c = code.toUpperCase(Locale.ROOT);
    if (c.length() != 3 || !c.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z')) {
      throw invalidCurrency();
    }
    try {
      Currency found = Currency.getInstance(c);
      if (found.getDefaultFractionDigits() < 0) {
        throw invalidCurrency();
      }
      return c;
    } catch (IllegalArgumentException e) {
      throw invalidCurrency();
    }
  }

  private static BigDecimal amount(BigDecimal amount, String currency) {
    Limits.money("amount", amount);
    if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
      throw OmniFlowException.invalidInput(
          "invalid_amount", "amount must be between 0 and " + MAX_AMOUNT.toPlainString() + ".");
    }
    int digits = Math.min(2, Currency.getInstance(currency).getDefaultFractionDigits());
    BigDecimal plain = amount.stripTrailingZeros();
    if (plain.scale() > digits) {
      throw OmniFlowException.invalidInput(
          "invalid_amount", "amount must have at most " + digits + " decimals in this currency.");
    }
    return amount.setScale(digits);
  }

  private static OmniFlowException invalidCurrency() {
    return OmniFlowException.invalidInput(
        AttributionErrors.INVALID_CURRENCY, "currency must be an ISO 4217 code such as USD.");
  }
}
