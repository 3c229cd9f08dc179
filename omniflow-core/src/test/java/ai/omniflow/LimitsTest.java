package ai.omniflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.contacts.Contact;
import ai.omniflow.fields.Condition;
import ai.omniflow.fields.Operator;
import ai.omniflow.leads.LeadOutcome;
import ai.omniflow.leads.LeadService;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.Availability;
import ai.omniflow.routing.LastResort;
import ai.omniflow.routing.RoutingConfig;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.routing.RoutingPolicy;
import ai.omniflow.routing.RoutingRule;
import ai.omniflow.routing.Shift;
import ai.omniflow.routing.TimeOff;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
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

  @Test
  void aLeadPatchWithMoreThanAHundredFieldsOrAnOverlongValueIsRefused() {
    Map<String, @Nullable Object> many = new LinkedHashMap<>();
    for (int i = 0; i <= Limits.MAX_LIST; i++) {
      many.put("f" + i, "x");
    }
    refused(() -> new LeadService.Patch(many, null, null, false), "invalid_fields");
    String secret = "s3cr3t".repeat(1000);
    refused(
        () -> new LeadService.Patch(Map.of("notes", secret), null, null, false), "invalid_fields");
    assertThatThrownBy(() -> new LeadService.Patch(Map.of("notes", secret), null, null, false))
        .hasMessageContaining("fields.notes")
        .hasMessageContaining("4096")
        .hasMessageNotContaining("s3cr3t");
    refused(
        () -> new LeadService.Patch(Map.of("notes", "a\0b"), null, null, false), "invalid_fields");
    refused(
        () -> new LeadService.Patch(Map.of("k".repeat(300), 1), null, null, false),
        "invalid_fields");
    Map<String, @Nullable Object> fine = new LinkedHashMap<>();
    fine.put("notes", "x".repeat(Limits.MAX_FREE_TEXT));
    fine.put("budget", 5);
    fine.put("gone", null);
    assertThat(new LeadService.Patch(fine, null, null, false).fields()).hasSize(3);
  }

  @Test
  void aContactNameBeyondTheNameLimitOrWithNulIsRefused() {
    UUID id = UUID.randomUUID();
    UUID org = UUID.randomUUID();
    refused(
        () -> new Contact(id, org, "x".repeat(Limits.MAX_NAME + 1), NOW, NOW, null),
        "invalid_display_name");
    refused(() -> new Contact(id, org, "Ana\0", NOW, NOW, null), "invalid_display_name");
    assertThat(new Contact(id, org, "x".repeat(Limits.MAX_NAME), NOW, NOW, null).displayName())
        .hasSize(Limits.MAX_NAME);
  }

  @Test
  void anAvailabilityWithMoreThanAHundredShiftsOrPeriodsIsRefused() {
    List<Shift> shifts = new ArrayList<>();
    List<TimeOff> off = new ArrayList<>();
    for (int i = 0; i <= Limits.MAX_LIST; i++) {
      shifts.add(new Shift(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));
      Instant from = NOW.plus(Duration.ofDays(i));
      off.add(new TimeOff(from, from.plus(Duration.ofHours(1))));
    }
    refused(() -> new Availability(ZoneOffset.UTC, shifts, List.of(), false), "invalid_shifts");
    refused(() -> new Availability(ZoneOffset.UTC, List.of(), off, false), "invalid_out_of_office");
    assertThat(
            new Availability(
                    ZoneOffset.UTC,
                    shifts.subList(0, Limits.MAX_LIST),
                    off.subList(0, Limits.MAX_LIST),
                    false)
                .shifts())
        .hasSize(Limits.MAX_LIST);
  }

  @Test
  void anOutOfOfficePeriodOutsideTheRecordWindowIsRefused() {
    refused(() -> new TimeOff(Instant.parse("1999-12-31T00:00:00Z"), NOW), "invalid_out_of_office");
    refused(
        () -> new TimeOff(NOW, Instant.parse("+1000000-01-01T00:00:00Z")), "invalid_out_of_office");
    assertThat(new TimeOff(Limits.EARLIEST, Limits.LATEST).covers(NOW)).isTrue();
  }

  @Test
  void aRoutingConfigWithMoreThanAHundredRulesIsRefused() {
    List<RoutingRule> rules = new ArrayList<>();
    for (int i = 0; i <= Limits.MAX_LIST; i++) {
      rules.add(
          new RoutingRule("r" + i, new Condition.Leaf("zip", Operator.EXISTS, List.of()), "sf"));
    }
    refused(() -> new RoutingConfig(rules, null, true, LastResort.POND, null), "invalid_rules");
    assertThat(
            new RoutingConfig(rules.subList(0, Limits.MAX_LIST), null, true, LastResort.POND, null)
                .rules())
        .hasSize(Limits.MAX_LIST);
  }

  @Test
  void aRoutingGroupWithMoreThanAHundredMembersIsRefused() {
    List<UUID> members = new ArrayList<>();
    for (int i = 0; i <= Limits.MAX_LIST; i++) {
      members.add(UUID.randomUUID());
    }
    refused(
        () ->
            new RoutingGroup(
                "sf", "SF", RoutingPolicy.ROUND_ROBIN, members, Duration.ofMinutes(5), null),
        "invalid_members");
  }
}
