package ai.omniflow.leads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.leads.internal.LeadFields;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Fuzz targets for amounts as hosts parse them ({@code new BigDecimal(text)}, as the reference
 * server does) and core then checks them: an outcome's amount and a money lead field. The only
 * exception is {@link OmniFlowException} of kind invalid input, its message short, and no amount
 * such as {@code 1e-2000000} is ever written out in full. {@code scripts/fuzz.sh MoneyFuzzTest 300}
 * fuzzes for longer.
 */
class MoneyFuzzTest {
  private static final LeadField BUDGET =
      new LeadField("budget", "Budget", FieldType.MONEY, List.of());
  private static final Instant CLOSED = Instant.parse("2026-03-01T10:00:00Z");
  private static final int MAX_MESSAGE = 300;

  @FuzzTest(maxDuration = "10s")
  void anyAmountMakesAnOutcomeOrAShortInvalidInputError(FuzzedDataProvider data) {
    String currency = data.consumeString(5);
    BigDecimal amount = parse(data.consumeRemainingAsString());
    if (amount == null) {
      return;
    }
    try {
      LeadOutcome o = new LeadOutcome(LeadOutcome.Status.WON, amount, currency, CLOSED, null);
      assertThat(o.amount()).isNotNull();
      assertThat(o.amount().compareTo(LeadOutcome.MAX_AMOUNT)).isLessThanOrEqualTo(0);
      assertThat(o.amount().scale()).isBetween(0, 4);
    } catch (OmniFlowException e) {
      assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.INVALID_INPUT);
      assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(MAX_MESSAGE);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyAmountIsABoundedMoneyFieldOrAShortInvalidInputError(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      Object v = LeadFields.normalize(BUDGET, text);
      BigDecimal d = ((BigDecimal) v).stripTrailingZeros();
      assertThat(d.scale()).isLessThanOrEqualTo(LeadFields.MAX_NUMBER_SCALE);
      assertThat((long) d.precision() - d.scale())
          .isLessThanOrEqualTo(LeadFields.MAX_NUMBER_INTEGER_DIGITS);
      assertThat(d.toPlainString()).hasSizeLessThan(64);
    } catch (OmniFlowException e) {
      assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.INVALID_INPUT);
      assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(MAX_MESSAGE);
    }
  }

  /** The host's parse: a decimal, or null where the host answers "not a number" itself. */
  private static BigDecimal parse(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
