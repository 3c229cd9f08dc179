package ai.omniflow.leads;

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
          "invalid_outcome", "status must be 'won' or 'lost', was " + quoted(s) + ".");
    }
  }

  /**
   * @throws OmniFlowException (invalid input) {@code invalid_amount} for a negative amount, a won
   *     lead without one, or more decimals than the currency has; {@code invalid_currency} for a
   *     code that is not ISO 4217 or a currency without an amount; {@code invalid_reason} for a
   *     blank or too long reason
   */
  public LeadOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(closedAt, "closedAt");
    if (amount == null && currency != null) {
      throw OmniFlowException.invalidInput(
          "invalid_currency", "A currency was given without an amount.");
    }
    if (amount != null) {
      if (amount.signum() < 0) {
        throw OmniFlowException.invalidInput(
            "invalid_amount", "amount must not be negative, was " + shown(amount) + ".");
      }
      if (amount.compareTo(MAX_AMOUNT) > 0) {
        throw OmniFlowException.invalidInput(
            "invalid_amount", "amount must be at most " + MAX_AMOUNT.toPlainString() + ".");
      }
      if (currency == null) {
        throw OmniFlowException.invalidInput(
            "invalid_currency", "An amount needs its ISO 4217 currency, e.g. USD.");
      }
      Currency c = currency(currency);
      currency = c.getCurrencyCode();
      int digits = Math.max(0, c.getDefaultFractionDigits());
      BigDecimal plain = amount.stripTrailingZeros();
      if (plain.scale() > digits) {
        throw OmniFlowException.invalidInput(
            "invalid_amount",
            currency + " amounts have at most " + digits + " decimals, was " + shown(amount) + ".");
      }
      amount = plain.scale() < 0 ? plain.setScale(0) : plain;
    } else if (status == Status.WON) {
      throw OmniFlowException.invalidInput(
          "invalid_amount", "A won lead needs the amount it brought, with its currency.");
    }
    if (reason != null) {
      reason = reason.strip();
      if (reason.isEmpty() || reason.length() > MAX_REASON) {
        throw OmniFlowException.invalidInput(
            "invalid_reason", "reason must be 1 to " + MAX_REASON + " characters.");
      }
    }
  }

  private static Currency currency(String code) {
    String c = code.strip().toUpperCase(Locale.ROOT);
    if (!c.matches("[A-Z]{3}")) {
      throw OmniFlowException.invalidInput(
          "invalid_currency", "currency must be an ISO 4217 code such as USD, was " + quoted(code));
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
          "invalid_currency", "currency " + quoted(code) + " is not an ISO 4217 currency.");
    }
  }

  private static String quoted(@Nullable String s) {
    return s == null ? "nothing" : "'" + s + "'";
  }

  /**
   * An amount as an error may show it: plain when short, else cut, so {@code 1e-2000000} never
   * becomes two million digits in a message.
   */
  private static String shown(BigDecimal amount) {
    String s =
        Math.abs((long) amount.scale()) <= 40 && amount.precision() <= 40
            ? amount.toPlainString()
            : amount.toString();
    return s.length() <= 44 ? s : s.substring(0, 40) + "...";
  }
}
