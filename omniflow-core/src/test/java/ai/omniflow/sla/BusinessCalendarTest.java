package ai.omniflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A business calendar")
class BusinessCalendarTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  static final ZoneId CHATHAM = ZoneId.of("Pacific/Chatham");

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  static BusinessCalendar office(ZoneId zone) {
    return BusinessCalendar.weekdays(zone, LocalTime.of(9, 0), LocalTime.of(17, 0));
  }

  @Nested
  @DisplayName("across a weekend and a daylight-saving change")
  class WorkedExample {
    // New York moved its clocks from 02:00 EST to 03:00 EDT on Sunday 2026-03-08.
    final BusinessCalendar calendar = office(NEW_YORK);
    final Instant fridayAfternoon = at("2026-03-06T16:00", NEW_YORK);

    @Test
    @DisplayName("a two-hour window from Friday 16:00 ends Monday 10:00, in the new offset")
    void twoHoursFromFridayAfternoonEndOnMondayMorning() {
      Instant due = calendar.dueAt(fridayAfternoon, Duration.ofHours(2));

      assertThat(fridayAfternoon).isEqualTo(Instant.parse("2026-03-06T21:00:00Z"));
      assertThat(due).isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
      assertThat(due).isEqualTo(at("2026-03-09T10:00", NEW_YORK));
      assertThat(calendar.businessTimeBetween(fridayAfternoon, due)).isEqualTo(Duration.ofHours(2));
      assertThat(Duration.between(fridayAfternoon, due)).isEqualTo(Duration.ofHours(65));
    }

    @Test
    @DisplayName("a window used up at closing time is due at the closing, not at the next opening")
    void aWindowEndingAtClosingIsDueAtTheClosing() {
      assertThat(calendar.dueAt(fridayAfternoon, Duration.ofHours(1)))
          .isEqualTo(at("2026-03-06T17:00", NEW_YORK));
    }

    @Test
    @DisplayName("the weekend is closed and the calendar next opens on Monday at 09:00 local time")
    void theWeekendIsClosed() {
      Instant saturday = at("2026-03-07T12:00", NEW_YORK);

      assertThat(calendar.isOpen(saturday)).isFalse();
      assertThat(calendar.nextOpening(saturday)).isEqualTo(at("2026-03-09T09:00", NEW_YORK));
      assertThat(calendar.isOpen(at("2026-03-09T09:00", NEW_YORK))).isTrue();
      assertThat(calendar.isOpen(at("2026-03-09T08:59", NEW_YORK))).isFalse();
    }

    @Test
    @DisplayName("counts a negative business time when the end comes before the start")
    void betweenIsAntisymmetric() {
      Instant due = calendar.dueAt(fridayAfternoon, Duration.ofHours(2));
      assertThat(calendar.businessTimeBetween(due, fridayAfternoon))
          .isEqualTo(Duration.ofHours(-2));
    }
  }

  @Nested
  @DisplayName("on the wall clock of its zone")
  class Zones {
    @Test
    @DisplayName(
        "counts a day open all day as 25 hours when London falls back and 23 when it springs forward")
    void londonDaysOfTwentyFiveAndTwentyThreeHours() {
      BusinessCalendar sundays =
          BusinessCalendar.builder()
              .zone("Europe/London")
              .open(DayOfWeek.SUNDAY, "00:00", "24:00")
              .build();

      assertThat(
              sundays.businessTimeBetween(
                  at("2026-10-24T12:00", LONDON), at("2026-10-26T12:00", LONDON)))
          .isEqualTo(Duration.ofHours(25));
      assertThat(
              sundays.businessTimeBetween(
                  at("2026-03-28T12:00", LONDON), at("2026-03-30T12:00", LONDON)))
          .isEqualTo(Duration.ofHours(23));
    }

    @Test
    @DisplayName(
        "counts a period inside London's repeated hour twice, once for each time the clock shows it")
    void aPeriodInTheRepeatedHourCountsTwice() {
      // On 2026-10-25 London shows 01:00–02:00 twice: 00:00–01:00Z (BST), then 01:00–02:00Z (GMT).
      BusinessCalendar calendar =
          BusinessCalendar.builder()
              .zone(LONDON)
              .open(DayOfWeek.MONDAY, "09:00", "17:00")
              .specialDay("2026-10-25", List.of(OpeningHours.of("01:15", "01:45")))
              .build();
      Instant midnightUtc = Instant.parse("2026-10-25T00:00:00Z");

      assertThat(calendar.dueAt(midnightUtc, Duration.ofMinutes(45)))
          .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
      assertThat(calendar.businessTimeBetween(midnightUtc, Instant.parse("2026-10-25T03:00:00Z")))
          .isEqualTo(Duration.ofHours(1));
      assertThat(calendar.isOpen(Instant.parse("2026-10-25T00:50:00Z"))).isFalse();
    }

    @Test
    @DisplayName(
        "opens a period that starts in a spring-forward gap at the jump, and skips the hour that never shows")
    void aPeriodAcrossTheGapLosesTheSkippedHour() {
      // New York skips 02:00–03:00 on 2026-03-08: 01:30 EST is 06:30Z, 03:30 EDT is 07:30Z.
      BusinessCalendar calendar =
          BusinessCalendar.builder()
              .zone(NEW_YORK)
              .open(DayOfWeek.MONDAY, "09:00", "17:00")
              .specialDay("2026-03-08", List.of(OpeningHours.of("01:30", "03:30")))
              .build();

      assertThat(
              calendar.businessTimeBetween(
                  Instant.parse("2026-03-08T06:00:00Z"), Instant.parse("2026-03-08T08:00:00Z")))
          .isEqualTo(Duration.ofHours(1));
      assertThat(calendar.isOpen(Instant.parse("2026-03-08T07:15:00Z"))).isTrue();
      assertThat(calendar.dueAt(Instant.parse("2026-03-08T06:45:00Z"), Duration.ofMinutes(30)))
          .isEqualTo(Instant.parse("2026-03-08T07:15:00Z"));
    }

    @Test
    @DisplayName("adds nothing for a period wholly inside a spring-forward gap")
    void aPeriodInsideTheGapNeverOpens() {
      BusinessCalendar calendar =
          BusinessCalendar.builder()
              .zone(NEW_YORK)
              .open(DayOfWeek.MONDAY, "09:00", "17:00")
              .specialDay("2026-03-08", List.of(OpeningHours.of("02:15", "02:45")))
              .build();

      assertThat(
              calendar.businessTimeBetween(
                  Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z")))
          .isEqualTo(Duration.ZERO);
    }

    @Test
    @DisplayName("reads hours in Kolkata, five and a half hours ahead of UTC")
    void kolkata() {
      BusinessCalendar calendar =
          BusinessCalendar.weekdays(KOLKATA, LocalTime.of(9, 0), LocalTime.of(18, 0));
      Instant start = Instant.parse("2026-06-01T03:00:00Z"); // Monday 08:30 IST

      assertThat(calendar.isOpen(start)).isFalse();
      assertThat(calendar.dueAt(start, Duration.ofHours(1)))
          .isEqualTo(Instant.parse("2026-06-01T04:30:00Z"));
      assertThat(calendar.dueAt(Instant.parse("2026-06-05T12:00:00Z"), Duration.ofHours(1)))
          .as("Friday 17:30 IST plus an hour is Monday 09:30 IST")
          .isEqualTo(Instant.parse("2026-06-08T04:00:00Z"));
    }

    @Test
    @DisplayName(
        "reads hours on the Chatham Islands, 12:45 ahead, across their autumn change to standard time")
    void chatham() {
      BusinessCalendar calendar = office(CHATHAM);
      // Monday 2026-06-01 09:00 at +12:45 is 20:15Z on the Sunday before.
      assertThat(calendar.dueAt(Instant.parse("2026-05-31T20:00:00Z"), Duration.ofMinutes(30)))
          .isEqualTo(Instant.parse("2026-05-31T20:45:00Z"));
      // Chatham leaves +13:45 for +12:45 on Sunday 2026-04-05.
      Instant friday = at("2026-04-03T16:30", CHATHAM);
      Instant due = calendar.dueAt(friday, Duration.ofHours(1));
      assertThat(due).isEqualTo(at("2026-04-06T09:30", CHATHAM));
      assertThat(due).isEqualTo(Instant.parse("2026-04-05T20:45:00Z"));
    }
  }

  @Nested
  @DisplayName("with periods across midnight, holidays and special days")
  class Periods {
    final BusinessCalendar lateFridays =
        BusinessCalendar.builder()
            .zone(LONDON)
            .open(DayOfWeek.THURSDAY, "22:00", "02:00")
            .open(DayOfWeek.FRIDAY, "22:00", "02:00")
            .holiday("2026-06-12")
            .build();

    @Test
    @DisplayName("runs a Friday 22:00–02:00 period into Saturday")
    void aFridayNightPeriodEndsOnSaturday() {
      Instant fridayLate = at("2026-06-05T23:00", LONDON);

      assertThat(lateFridays.dueAt(fridayLate, Duration.ofHours(2)))
          .isEqualTo(at("2026-06-06T01:00", LONDON));
      assertThat(lateFridays.isOpen(at("2026-06-06T01:59", LONDON))).isTrue();
      assertThat(lateFridays.isOpen(at("2026-06-06T02:00", LONDON))).isFalse();
      assertThat(lateFridays.openPerWeek()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    @DisplayName("keeps a holiday's own periods closed but lets the day before run into it")
    void aHolidayClosesItsOwnPeriodsOnly() {
      assertThat(lateFridays.isOpen(at("2026-06-12T01:00", LONDON)))
          .as("Thursday's period runs into the Friday holiday")
          .isTrue();
      assertThat(lateFridays.isOpen(at("2026-06-12T23:00", LONDON))).isFalse();
      assertThat(lateFridays.isOpen(at("2026-06-13T01:00", LONDON))).isFalse();
      assertThat(lateFridays.nextOpening(at("2026-06-12T03:00", LONDON)))
          .isEqualTo(at("2026-06-18T22:00", LONDON));
    }

    @Test
    @DisplayName("skips a holiday and uses a special day's own hours")
    void holidaysAndSpecialDays() {
      BusinessCalendar calendar =
          office(NEW_YORK).toBuilder()
              .holiday("2026-12-25")
              .specialDay("2026-12-24", List.of(OpeningHours.of("09:00", "13:00")))
              .build();

      assertThat(calendar.dueAt(at("2026-12-23T16:30", NEW_YORK), Duration.ofHours(1)))
          .isEqualTo(at("2026-12-24T09:30", NEW_YORK));
      assertThat(calendar.dueAt(at("2026-12-24T12:30", NEW_YORK), Duration.ofHours(1)))
          .isEqualTo(at("2026-12-28T09:30", NEW_YORK));
      assertThat(calendar.isOpen(at("2026-12-24T14:00", NEW_YORK))).isFalse();
      assertThat(calendar.isOpen(at("2026-12-25T10:00", NEW_YORK))).isFalse();
    }

    @Test
    @DisplayName("skips whole weeks for a long window and still lands on the exact minute")
    void longWindows() {
      BusinessCalendar calendar = office(NEW_YORK);
      Instant start = at("2026-01-05T09:00", NEW_YORK);

      assertThat(calendar.dueAt(start, Duration.ofDays(30)))
          .as("720 hours is 18 weeks of 40 hours")
          .isEqualTo(at("2026-05-08T17:00", NEW_YORK));
    }
  }

  @Nested
  @DisplayName("that is always open")
  class AlwaysOpen {
    @Test
    @DisplayName("counts wall time")
    void countsWallTime() {
      BusinessCalendar always = BusinessCalendar.alwaysOpen();
      Instant start = Instant.parse("2026-03-08T06:59:59.5Z");

      assertThat(always.dueAt(start, Duration.ofMinutes(5))).isEqualTo(start.plusSeconds(300));
      assertThat(always.isOpen(start)).isTrue();
      assertThat(always.businessTimeBetween(start, start.plusSeconds(7))).hasSeconds(7);
    }
  }
}
