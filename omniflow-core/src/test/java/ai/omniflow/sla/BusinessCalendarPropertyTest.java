package ai.omniflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlowException;
import ai.omniflow.sla.internal.TimeAxis;
import ai.omniflow.testing.PropertyCheck;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the business-time arithmetic over random calendars (weekly periods, some
 * crossing midnight, holidays, special days), random zones (half of them chosen for odd offsets and
 * daylight-saving rules), random starts (half of them within days of a daylight-saving change) and
 * random windows from a nanosecond to 30 days. Seeded: a failure prints the seed to replay with
 * {@code -Domniflow.seed=…} (decision 0003).
 */
@DisplayName("Business-time arithmetic, on random calendars")
class BusinessCalendarPropertyTest {
  static final List<String> ODD_ZONES =
      List.of(
          "America/New_York",
          "Europe/London",
          "Asia/Kolkata",
          "Pacific/Chatham",
          "Australia/Lord_Howe",
          "America/St_Johns",
          "Europe/Dublin",
          "Africa/Casablanca",
          "Pacific/Apia",
          "Antarctica/Troll",
          "Asia/Kathmandu",
          "America/Sao_Paulo",
          "Asia/Tehran",
          "UTC");
  static final List<String> ALL_ZONES =
      new ArrayList<>(new TreeSet<>(ZoneId.getAvailableZoneIds()));

  /** A generated case: the calendar's definition as well, for the independent oracle. */
  record Case(
      BusinessCalendar calendar, Instant start, Duration window, Duration later, Duration more) {
    @Override
    public String toString() {
      return calendar
          + " weekly="
          + calendar.weeklyHours()
          + " holidays="
          + calendar.holidays()
          + " special="
          + calendar.specialDays()
          + " start="
          + start
          + " window="
          + window
          + " later="
          + later
          + " more="
          + more;
    }
  }

  static Case generate(Random r) {
    ZoneId zone =
        ZoneId.of(
            r.nextBoolean()
                ? ODD_ZONES.get(r.nextInt(ODD_ZONES.size()))
                : ALL_ZONES.get(r.nextInt(ALL_ZONES.size())));
    Instant start = start(r, zone);
    BusinessCalendar.Builder b = BusinessCalendar.builder().zone(zone);
    List<int[]> week = new ArrayList<>();
    int periods = 1 + r.nextInt(12);
    for (int i = 0; i < periods; i++) {
      int day = r.nextInt(7);
      int s = r.nextInt(24 * 4) * 15 + (r.nextInt(4) == 0 ? r.nextInt(15) : 0);
      int len = 1 + r.nextInt(r.nextBoolean() ? 6 * 60 : 24 * 60);
      if (len == 1440 && s != 0) {
        len = 1439;
      }
      int from = day * 1440 + s;
      int to = from + len;
      if (fits(week, from, to) && countOn(week, day) < BusinessCalendar.MAX_PERIODS_PER_DAY) {
        week.add(new int[] {from, to, day});
        b.open(
            DayOfWeek.of(day + 1),
            new OpeningHours(
                LocalTime.of(s / 60, s % 60), LocalTime.of((s + len) % 1440 / 60, (s + len) % 60)));
      }
    }
    if (week.isEmpty()) {
      b.open(DayOfWeek.MONDAY, "09:00", "17:00");
    }
    LocalDate around = LocalDateTime.ofInstant(start, zone).toLocalDate();
    TreeSet<LocalDate> taken = new TreeSet<>();
    for (int i = r.nextInt(12); i > 0; i--) {
      LocalDate d = around.plusDays(r.nextInt(60) - 10);
      if (taken.add(d) && inRange(d)) {
        b.holiday(d);
      }
    }
    for (int i = r.nextInt(5); i > 0; i--) {
      LocalDate d = around.plusDays(r.nextInt(40) - 5);
      if (taken.add(d) && inRange(d)) {
        int s = r.nextInt(20 * 60);
        int len = 1 + r.nextInt(12 * 60);
        List<OpeningHours> hours = new ArrayList<>();
        hours.add(
            new OpeningHours(
                LocalTime.of(s / 60, s % 60), LocalTime.of((s + len) % 1440 / 60, (s + len) % 60)));
        b.specialDay(new SpecialDay(d, hours));
      }
    }
    Duration window = window(r);
    Duration later = Duration.ofNanos((long) (r.nextDouble() * r.nextDouble() * 9e14));
    Duration more = Duration.ofNanos((long) (r.nextDouble() * r.nextDouble() * 9e14));
    if (window.plus(more).compareTo(BusinessCalendar.MAX_WINDOW) > 0) {
      more = Duration.ZERO;
    }
    return new Case(b.build(), start, window, later, more);
  }

  static boolean inRange(LocalDate d) {
    return d.getYear() >= 2000 && d.getYear() <= 2199;
  }

  static boolean fits(List<int[]> week, int from, int to) {
    int wk = 7 * 1440;
    for (int[] p : week) {
      for (int shift = -wk; shift <= wk; shift += wk) {
        if (from < p[1] + shift && p[0] + shift < to) {
          return false;
        }
      }
    }
    return true;
  }

  static int countOn(List<int[]> week, int day) {
    return (int) week.stream().filter(p -> p[2] == day).count();
  }

  static Instant start(Random r, ZoneId zone) {
    long from = Instant.parse("2000-01-08T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2199-11-01T00:00:00Z").getEpochSecond();
    Instant start = Instant.ofEpochSecond(from + (long) (r.nextDouble() * (to - from)));
    if (r.nextBoolean()) {
      ZoneOffsetTransition t = zone.getRules().nextTransition(start);
      if (t != null && t.getInstant().isBefore(Instant.parse("2199-11-01T00:00:00Z"))) {
        start = t.getInstant().minusSeconds(r.nextInt(3 * 86_400));
      }
    }
    return switch (r.nextInt(3)) {
      case 0 -> start.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      case 1 -> start.plusNanos(r.nextInt(1_000_000_000));
      default -> start;
    };
  }

  static Duration window(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Duration.ofMinutes(1 + r.nextInt(120));
      case 1 -> Duration.ofSeconds(1 + r.nextInt(7 * 86_400));
      case 2 -> Duration.ofNanos(1 + (long) (r.nextDouble() * 2.592e15));
      default -> Duration.ofNanos(1 + r.nextInt(1_000_000));
    };
  }

  /**
   * Whether the calendar is open at {@code t}, straight from its definition with the JDK's zone
   * rules: the wall clock then shows a time inside a period that started on that date or the day
   * before. Shares no code with the compiled calendar.
   */
  static boolean oracleIsOpen(BusinessCalendar c, Instant t) {
    LocalDateTime local = LocalDateTime.ofInstant(t, c.zone());
    for (LocalDate d = local.toLocalDate().minusDays(1);
        !d.isAfter(local.toLocalDate());
        d = d.plusDays(1)) {
      for (OpeningHours h : plan(c, d)) {
        LocalDateTime open = d.atTime(h.start());
        LocalDateTime close = open.plus(h.length());
        if (!local.isBefore(open) && local.isBefore(close)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The due time, or {@link Instant#MAX} where the calendar refuses it because the window would end
   * after the horizon (a calendar open a minute a week uses up a long window only centuries later):
   * "beyond the horizon" is later than every due time, so monotonicity still holds with it.
   */
  static Instant dueOrBeyondHorizon(BusinessCalendar calendar, Instant start, Duration window) {
    try {
      return calendar.dueAt(start, window);
    } catch (OmniFlowException e) {
      assertThat(e.code()).isEqualTo("invalid_window");
      assertThat(e.getMessage()).contains("would end after");
      return Instant.MAX;
    }
  }

  static List<OpeningHours> plan(BusinessCalendar c, LocalDate d) {
    if (c.holidays().contains(d)) {
      return List.of();
    }
    for (SpecialDay s : c.specialDays()) {
      if (s.date().equals(d)) {
        return s.hours();
      }
    }
    return c.weeklyHours().get(d.getDayOfWeek());
  }

  @Test
  @DisplayName("the business time from a start to its due time is the window, exactly")
  void betweenStartAndDueIsTheWindow() {
    PropertyCheck.forAll(
        1_000,
        BusinessCalendarPropertyTest::generate,
        c -> {
          Instant due = dueOrBeyondHorizon(c.calendar(), c.start(), c.window());
          if (due.equals(Instant.MAX)) {
            assertThat(c.calendar().businessTimeBetween(c.start(), TimeAxis.HORIZON))
                .as("refused only when the calendar is open less than the window before 2250")
                .isLessThan(c.window());
            return;
          }
          assertThat(due).isAfterOrEqualTo(c.start());
          assertThat(c.calendar().businessTimeBetween(c.start(), due)).isEqualTo(c.window());
          assertThat(c.calendar().businessTimeBetween(c.start(), due.minusNanos(1)))
              .as("and no earlier instant has it")
              .isLessThan(c.window());
        });
  }

  @Test
  @DisplayName("the due time never moves earlier when the start is later or the window longer")
  void dueAtIsMonotone() {
    PropertyCheck.forAll(
        1_000,
        BusinessCalendarPropertyTest::generate,
        c -> {
          Instant due = dueOrBeyondHorizon(c.calendar(), c.start(), c.window());
          assertThat(dueOrBeyondHorizon(c.calendar(), c.start().plus(c.later()), c.window()))
              .isAfterOrEqualTo(due);
          assertThat(dueOrBeyondHorizon(c.calendar(), c.start(), c.window().plus(c.more())))
              .isAfterOrEqualTo(due);
        });
  }

  @Test
  @DisplayName("business time adds up over any split point")
  void betweenIsAdditive() {
    PropertyCheck.forAll(
        500,
        BusinessCalendarPropertyTest::generate,
        c -> {
          Instant mid = c.start().plus(c.later());
          Instant end = mid.plus(c.more());
          BusinessCalendar cal = c.calendar();
          assertThat(
                  cal.businessTimeBetween(c.start(), mid).plus(cal.businessTimeBetween(mid, end)))
              .isEqualTo(cal.businessTimeBetween(c.start(), end));
        });
  }

  @Test
  @DisplayName("whether it is open agrees with the wall clock read by the JDK's own zone rules")
  void isOpenAgreesWithTheWallClock() {
    PropertyCheck.forAll(
        300,
        BusinessCalendarPropertyTest::generate,
        c -> {
          Random r = new Random(c.start().getEpochSecond());
          for (int i = 0; i < 50; i++) {
            Instant t = c.start().plusSeconds(r.nextInt(6 * 86_400) - 3 * 86_400);
            assertThat(c.calendar().isOpen(t))
                .as("open at %s", t)
                .isEqualTo(oracleIsOpen(c.calendar(), t));
          }
        });
  }

  @Test
  @DisplayName(
      "the business time of two days is what a minute-by-minute count on the wall clock finds")
  void betweenAgreesWithAMinuteByMinuteCount() {
    PropertyCheck.forAll(
        100,
        BusinessCalendarPropertyTest::generate,
        c -> {
          Instant from = c.start().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
          Instant to = from.plus(Duration.ofDays(2));
          long minutes = 0;
          for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            minutes += oracleIsOpen(c.calendar(), t) ? 1 : 0;
          }
          assertThat(c.calendar().businessTimeBetween(from, to))
              .isEqualTo(Duration.ofMinutes(minutes));
        });
  }

  @Test
  @DisplayName("the next opening is open, and nothing is open before it")
  void nextOpeningIsTheFirstOpenInstant() {
    PropertyCheck.forAll(
        500,
        BusinessCalendarPropertyTest::generate,
        c -> {
          Instant next = c.calendar().nextOpening(c.start());
          assertThat(next).isAfterOrEqualTo(c.start());
          assertThat(c.calendar().isOpen(next)).isTrue();
          assertThat(c.calendar().businessTimeBetween(c.start(), next)).isZero();
        });
  }
}
