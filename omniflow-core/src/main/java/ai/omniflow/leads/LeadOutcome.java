package ai.omniflow.leads;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a lead ended: won with the revenue it brought, or lost with a reason. Attribution reads the
 * amount and currency of won leads.
 *
 * <pre>{@code
 * LeadOutcome won = LeadOutcome.of(Status.WON, new BigDecimal("12500.00"), "USD", closedAt, null);
 * }</pre>
 *
 * @param amount the revenue, never negative nor above {@link #MAX_AMOUNT}; required for a won lead,
 *     optional for a lost one
 * @param currency the ISO 4217 code of the amount, upper case, present exactly when {@code amount}
 *     is
 * @param closedAt when it closed, within {@link Limits#EARLIEST} and {@link Limits#LATEST}
 * @param reason why it was won or lost, up to {@value #MAX_REASON} characters
 */
public record LeadOutcome(
    Status status,
    @Nullable BigDecimal amount,
    @Nullable String currency,
    Instant closedAt,
    @Nullable String reason) {
  /** The largest amount kept: a quadrillion in any currency is a typo, not a sale. */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999999");

  /** The longest reason kept. */
  public static final int MAX_REASON = 500;

  /** Won or lost. */
  public enum Status {
    WON,
    LOST;

    /** The status's wire name, {@code won} or {@code lost}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws OmniFlowException {@code invalid_outcome} (invalid input) for anything but {@code
     *     won} or {@code lost}
     */
    public static Status parse(@Nullable String s) {
      if ("won".equals(s)) {
        return WON;
      }
      if ("lost".equals(s)) {
        return LOST;
      }
      throw OmniFlowException.invalidInput(
          LeadErrors.INVALID_OUTCOME, "status must be 'won' or 'lost'.");
    }
  }

  /**
   * @throws OmniFlowException (invalid input) {@code invalid_amount} for a negative amount, a won
   *     lead without one, more decimals than the currency has, or beyond {@link Limits#money};
   *     {@code invalid_closed_at} for an instant outside {@link Limits#instant}; {@code
   *     invalid_currency} for a code that is not ISO 4217 or a currency without an amount; {@code
   *     invalid_reason} for a blank or too long reason
   */
  public LeadOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(closedAt, "closedAt");
    Limits.instant("closed_at", closedAt);
    if (amount == null && currency != null) {
      throw OmniFlowException.invalidInput(
          LeadErrors.INVALID_CURRENCY, "A currency was given without an amount.");
    }
    if (amount != null) {
      // Scale and precision first: nothing below may format an amount of a million digits.
      Limits.money("amount", amount);
      if (amount.signum() < 0) {
        throw OmniFlowException.invalidInput(
            LeadErrors.INVALID_AMOUNT, "amount must not be negative.");
      }
      if (amount.compareTo(MAX_AMOUNT) > 0) {
        throw OmniFlowException.invalidInput(
            LeadErrors.INVALID_AMOUNT,
            "amount must be at most " + MAX_AMOUNT.toPlainString() + ".");
      }
      if (currency == null) {
        throw OmniFlowException.invalidInput(
            LeadErrors.INVALID_CURRENCY, "An amount needs its ISO 4217 currency, e.g. USD.");
      }
      Currency c = currency(currency);
      currency = c.getCurrencyCode();
      int digits = Math.max(0, c.getDefaultFractionDigits());
      BigDecimal plain = amount.stripTrailingZeros();
      if (plain.scale() > digits) {
        throw OmniFlowException.invalidInput(
            LeadErrors.INVALID_AMOUNT, currency + " amounts have at most " + digits + " decimals.");
      }
      amount = plain.scale() < 0 ? plain.setScale(0) : plain;
    } else if (status == Status.WON) {
      throw OmniFlowException.invalidInput(
          LeadErrors.INVALID_AMOUNT, "A won lead needs the amount it brought, with its currency.");
    }
    if (reason != null) {
      Limits.text("reason", reason, Limits.MAX_FREE_TEXT);
      reason = reason.strip();
      if (reason.isEmpty() || reason.length() > MAX_REASON) {
        throw OmniFlowException.invalidInput(
            LeadErrors.INVALID_REASON, "reason must be 1 to " + MAX_REASON + " characters.");
      }
    }
  }

  private static Currency currency(String code) {
    String c = code.strip().toUpperCase(Locale.ROOT);
    if (!c.matches("[A-Z]{3}")) {
      throw OmniFlowException.invalidInput(
          LeadErrors.INVALID_CURRENCY, "currency must be an ISO 4217 code such as USD.");
    }
    try {
      Currency found = Currency.getInstance(c);
      if (found.getDefaultFractionDigits() < 0 && !c.equals("XXX")) {
        // Funds and metals (XAU, XDR...) are not money a small business is paid in.
        throw new IllegalArgumentException(c);
      }
      return found;
    } catch (IllegalArgumentException e) {
      throw OmniFlowException.invalidInput(
          LeadErrors.INVALID_CURRENCY, "currency is not an ISO 4217 currency.");
    }
  }
}
