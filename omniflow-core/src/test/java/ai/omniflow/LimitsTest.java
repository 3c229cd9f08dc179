package ai.omniflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Limits refuse hostile values naming the field and never echoing the value")
class LimitsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private static void refused(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.INVALID_INPUT);
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).hasSizeLessThan(200);
            });
  }

  @Test
  void aHugeExponentIsRefusedBeforeBigDecimalAllocatesIt() {
    refused(() -> Limits.decimal("amount", "1e-2000000"), "invalid_amount");
    refused(() -> Limits.decimal("amount", "1e999999999"), "invalid_amount");
    refused(() -> Limits.decimal("amount", "9".repeat(1000)), "invalid_amount");
    refused(() -> Limits.decimal("amount", "1e-20"), "invalid_amount");
    refused(() -> Limits.decimal("amount", "1e30"), "invalid_amount");
    refused(() -> Limits.decimal("amount", "twelve"), "invalid_amount");
    assertThat(Limits.decimal("amount", " 12500.00 ")).isEqualByComparingTo("12500");
    assertThat(Limits.decimal("amount", "1.25e3")).isEqualByComparingTo("1250");
  }

  @Test
  void anOutcomeWithAMillionDecimalsIsRefusedWithAShortMessage() {
    BigDecimal tiny = BigDecimal.ONE.movePointLeft(2_000_000);
    refused(
        () -> new LeadOutcome(LeadOutcome.Status.WON, tiny, "USD", NOW, null), "invalid_amount");
    refused(
        () -> new LeadOutcome(LeadOutcome.Status.WON, new BigDecimal("-5"), "USD", NOW, null),
        "invalid_amount");
    refused(
        () ->
            new LeadOutcome(LeadOutcome.Status.WON, BigDecimal.TEN, "X".repeat(100_000), NOW, null),
        "invalid_currency");
  }

  @Test
  void anOutcomeClosedOutsideTheRecordWindowIsRefused() {
    for (Instant bad :
        List.of(
            Instant.parse("-999999999-01-01T00:00:00Z"),
            Instant.parse("-290000-01-01T00:00:00Z"),
            Instant.parse("1999-12-31T23:59:59Z"),
            Instant.parse("2999-01-01T00:00:00Z"))) {
      refused(
          () -> new LeadOutcome(LeadOutcome.Status.LOST, null, null, bad, null),
          "invalid_closed_at");
    }
    refused(
        () -> Limits.past("closed_at", NOW.plus(Duration.ofMinutes(6)), NOW), "invalid_closed_at");
    assertThat(Limits.past("closed_at", NOW.plus(Duration.ofMinutes(5)), NOW)).isNotNull();
  }

  @Test
  void anOfferTimeoutBeyondSevenDaysOrNotPositiveIsRefused() {
    for (Duration bad :
        List.of(Duration.ofHours(999_999_999_999L), Duration.ofDays(8), Duration.ZERO)) {
      refused(
          () -> new RoutingGroup("sf", "SF", RoutingPolicy.ROUND_ROBIN, List.of(), bad, null),
          "invalid_offer_timeout");
    }
    assertThat(
            new RoutingGroup(
                    "sf", "SF", RoutingPolicy.ROUND_ROBIN, List.of(), Duration.ofDays(7), null)
                .offerTimeout())
        .isEqualTo(Limits.MAX_OFFER_TIMEOUT);
  }

  @Test
  void anAgentWithTenThousandLanguagesOrALongNameIsRefused() {
    Set<String> languages = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      languages.add("l" + i);
    }
    refused(
        () -> new Agent(UUID.randomUUID(), null, "Ana", true, 1, 1, languages, Availability.ALWAYS),
        "invalid_languages");
    refused(
        () ->
            new Agent(
                UUID.randomUUID(),
                null,
                "Ana",
                true,
                1,
                1,
                Set.of("x".repeat(36)),
                Availability.ALWAYS),
        "invalid_languages");
  }

  @Test
  void userTextWithNulOrBeyondItsLengthIsRefusedNamingTheField() {
    refused(() -> Limits.text("campaign", "a\0b", 10), "invalid_campaign");
    refused(() -> Limits.text("campaign", "x".repeat(11), 10), "invalid_campaign");
    assertThat(Limits.text("campaign", "x".repeat(10), 10)).hasSize(10);
    assertThat(Limits.platformText("a\0b\0c", 2)).isEqualTo("ab");
  }
}
