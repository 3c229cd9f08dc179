package ai.omniflow.attribution;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One contact's touchpoints in time order up to the outcome: converted (with its value) or not.
 * {@code w_shaped} and {@code full_path} also read which touch created the lead and which made the
 * opportunity; where a journey does not say, the lead is taken as created at the first touch and
 * the opportunity at the last (docs/attribution.md).
 *
 * <pre>{@code
 * Journey j = Journey.converted(new BigDecimal("1200.00"),
 *         List.of(Touch.of("facebook_ad"), Touch.of("instagram_dm"), Touch.of("sms")))
 *     .withLeadAt(1);
 * }</pre>
 *
 * <p>Immutable and thread-safe. The value is in the one currency of a computation; converting
 * currencies is the caller's part.
 *
 * <p>Throws {@link OmniFlowException} {@code invalid_touches}, {@code invalid_value}, {@code
 * invalid_converted_at}, {@code invalid_lead_at} or {@code invalid_opportunity_at} (invalid input)
 * otherwise
 *
 * @param touches 1 to {@link #MAX_TOUCHES} touches in time order; either all have a time, in
 *     non-decreasing order, or none has
 * @param converted whether the journey ended in a conversion
 * @param value the conversion's value, at least zero, at most 2 decimals; zero unless converted
 * @param convertedAt when it converted, if known (time decay measures ages back from it, else from
 *     the last touch)
 * @param leadAt the index of the touch that created the lead, or -1 if not known
 * @param opportunityAt the index of the touch that made the opportunity, or -1 if not known
 */
public record Journey(
    List<Touch> touches,
    boolean converted,
    BigDecimal value,
    @Nullable Instant convertedAt,
    int leadAt,
    int opportunityAt) {
  /** The most touches one journey (or one CSV path) may have: 100. */
  public static final int MAX_TOUCHES = 100;

  /** The most decimals a value may have: 2 (cents). */
  public static final int MAX_VALUE_SCALE = 2;

  /** Validates and copies. */
  public Journey {
    touches = List.copyOf(Limits.list("touches", touches, MAX_TOUCHES));
    if (touches.isEmpty()) {
      throw invalid("touches", "touches must not be empty.");
    }
    boolean timed = touches.get(0).at() != null;
    Instant previous = null;
    for (Touch t : touches) {
      Instant at = t.at();
      if ((at != null) != timed) {
        throw invalid("touches", "touches must all have a time or none.");
      }
      if (at != null && previous != null && at.isBefore(previous)) {
        throw invalid("touches", "touches must be in time order.");
      }
      previous = at;
    }
    value = checkedValue(value);
    if (!converted && value.signum() != 0) {
      throw invalid("value", "value must be zero for a journey that did not convert.");
    }
    if (convertedAt != null) {
      Limits.instant("converted_at", convertedAt);
      if (previous != null && convertedAt.isBefore(previous)) {
        throw invalid("converted_at", "converted_at must not be before the last touch.");
      }
    }
    if (leadAt < -1 || leadAt >= touches.size()) {
      throw invalid("lead_at", "lead_at must be -1 or the index of a touch.");
    }
    if (opportunityAt < -1 || opportunityAt >= touches.size()) {
      throw invalid("opportunity_at", "opportunity_at must be -1 or the index of a touch.");
    }
  }

  /** A journey that converted with {@code value}, markers unknown. */
  public static Journey converted(BigDecimal value, List<Touch> touches) {
    return new Journey(touches, true, value, null, -1, -1);
  }

  /** A journey that did not convert (lost or still open). */
  public static Journey notConverted(List<Touch> touches) {
    return new Journey(touches, false, BigDecimal.ZERO, null, -1, -1);
  }

  /** This journey with the lead created at touch {@code index}. */
  public Journey withLeadAt(int index) {
    return new Journey(touches, converted, value, convertedAt, index, opportunityAt);
  }

  /** This journey with the opportunity made at touch {@code index}. */
  public Journey withOpportunityAt(int index) {
    return new Journey(touches, converted, value, convertedAt, leadAt, index);
  }

  /** This journey converted at {@code at}. */
  public Journey withConvertedAt(Instant at) {
    return new Journey(touches, converted, value, at, leadAt, opportunityAt);
  }

  /** Whether its touches carry times. */
  public boolean timed() {
    return touches.get(0).at() != null;
  }

  static BigDecimal checkedValue(BigDecimal value) {
    Limits.money("value", value);
    if (value.signum() < 0) {
      throw invalid("value", "value must not be negative.");
    }
    if (value.scale() > MAX_VALUE_SCALE && value.stripTrailingZeros().scale() > MAX_VALUE_SCALE) {
      throw invalid("value", "value must have at most " + MAX_VALUE_SCALE + " decimals.");
    }
    return value;
  }

  private static OmniFlowException invalid(String field, String message) {
    return OmniFlowException.invalidInput("invalid_" + field, message);
  }
}
