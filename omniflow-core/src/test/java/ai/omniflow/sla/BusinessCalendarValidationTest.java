package ai.omniflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A business calendar refuses")
class BusinessCalendarValidationTest {
  static final String HOSTILE = "<script>".repeat(2_000);

  static BusinessCalendar.Builder monday() {
    return BusinessCalendar.builder()
        .zone("Europe/London")
        .open(DayOfWeek.MONDAY, "09:00", "17:00");
  }

  static void refused(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.INVALID_INPUT);
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("<script>");
            });
  }

  @Test
  @DisplayName("overlapping periods on one day, naming the day")
  void overlappingPeriods() {
    refused(() -> monday().open(DayOfWeek.MONDAY, "16:00", "18:00").build(), "invalid_hours");
    assertThatThrownBy(() -> monday().open(DayOfWeek.MONDAY, "16:00", "18:00").build())
        .hasMessageContaining("MONDAY");
  }

  @Test
  @DisplayName(
      "a period crossing midnight into the next day's first period, Sunday into Monday too")
  void overlapsAcrossMidnight() {
    refused(
        () ->
            monday()
                .open(DayOfWeek.FRIDAY, "22:00", "02:00")
                .open(DayOfWeek.SATURDAY, "01:00", "05:00")
                .build(),
        "invalid_hours");
    refused(() -> monday().open(DayOfWeek.SUNDAY, "23:00", "09:30").build(), "invalid_hours");
    assertThatCode(
            () ->
                monday()
                    .open(DayOfWeek.FRIDAY, "22:00", "02:00")
                    .open(DayOfWeek.SATURDAY, "02:00", "05:00")
                    .build())
        .as("touching periods are fine")
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("an unknown time zone, without echoing it")
  void unknownZone() {
    refused(() -> BusinessCalendar.builder().zone("Mars/Olympus_Mons"), "invalid_zone");
    refused(() -> BusinessCalendar.builder().zone(HOSTILE), "invalid_zone");
    refused(
        () -> BusinessCalendar.builder().open(DayOfWeek.MONDAY, "09:00", "17:00").build(),
        "invalid_zone");
  }

  @Test
  @DisplayName("an unparseable or out-of-range date, without echoing it")
  void badDates() {
    refused(() -> monday().holiday("2026-13-45"), "invalid_holidays");
    refused(() -> monday().holiday(HOSTILE), "invalid_holidays");
    refused(() -> monday().holiday(LocalDate.of(1999, 12, 31)), "invalid_holidays");
    refused(
        () -> monday().specialDay("25/12/2026", List.of(OpeningHours.of("09:00", "12:00"))),
        "invalid_special_days");
  }

  @Test
  @DisplayName("empty, zero-length and sub-minute periods, and unparseable times")
  void badPeriods() {
    refused(() -> OpeningHours.of("09:00", "09:00"), "invalid_hours");
    refused(() -> new OpeningHours(LocalTime.of(9, 0, 30), LocalTime.of(17, 0)), "invalid_hours");
    refused(() -> OpeningHours.of("9am", "17:00"), "invalid_hours");
    refused(() -> OpeningHours.of("09:00", HOSTILE), "invalid_hours");
    refused(() -> BusinessCalendar.builder().zone("UTC").build(), "invalid_hours");
    refused(() -> monday().specialDay("2026-12-24", List.of()), "invalid_special_days");
    assertThat(OpeningHours.of("00:00", "00:00").length()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  @DisplayName("too many periods, holidays or special days")
  void tooMany() {
    BusinessCalendar.Builder b = BusinessCalendar.builder().zone("UTC");
    for (int h = 0; h < BusinessCalendar.MAX_PERIODS_PER_DAY; h++) {
      b.open(DayOfWeek.MONDAY, new OpeningHours(LocalTime.of(h, 0), LocalTime.of(h, 30)));
    }
    refused(() -> b.open(DayOfWeek.MONDAY, "20:00", "21:00"), "invalid_hours");

    BusinessCalendar.Builder h = monday();
    LocalDate d = LocalDate.of(2026, 1, 1);
    for (int i = 0; i < BusinessCalendar.MAX_HOLIDAYS; i++) {
      h.holiday(d.plusDays(i));
    }
    refused(() -> h.holiday(d.minusDays(1)), "invalid_holidays");
  }

  @Test
  @DisplayName("a date that is both a holiday and a special day")
  void holidayAndSpecialDay() {
    refused(
        () ->
            monday()
                .holiday("2026-12-24")
                .specialDay("2026-12-24", List.of(OpeningHours.of("09:00", "12:00")))
                .build(),
        "invalid_special_days");
  }

  @Test
  @DisplayName(
      "windows that are not positive or longer than 30 days, and instants outside its range")
  void badArguments() {
    BusinessCalendar calendar = monday().build();
    Instant start = Instant.parse("2026-06-01T10:00:00Z");
    refused(() -> calendar.dueAt(start, Duration.ZERO), "invalid_window");
    refused(() -> calendar.dueAt(start, Duration.ofMinutes(-5)), "invalid_window");
    refused(() -> calendar.dueAt(start, Duration.ofDays(30).plusNanos(1)), "invalid_window");
    refused(
        () -> calendar.dueAt(Instant.parse("1999-12-31T23:59:59Z"), Duration.ofHours(1)),
        "invalid_start");
    refused(() -> calendar.isOpen(Instant.MAX), "invalid_at");
    refused(() -> calendar.businessTimeBetween(start, Instant.MIN), "invalid_to");
  }

  @Test
  @DisplayName(
      "nothing that is only an unusual zone: fixed offsets and zones with odd offsets build")
  void unusualZonesBuild() {
    for (String id : List.of("+05:45", "UTC", "Asia/Kathmandu", "Australia/Lord_Howe")) {
      assertThat(
              BusinessCalendar.weekdays(ZoneId.of(id), LocalTime.of(9, 0), LocalTime.of(17, 0))
                  .openPerWeek())
          .isEqualTo(Duration.ofHours(40));
    }
  }
}
