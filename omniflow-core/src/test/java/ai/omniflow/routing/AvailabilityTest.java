package ai.omniflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.testing.PropertyCheck;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityTest {
  static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Availability weekdays(ZoneId zone, int from, int to) {
    List<Shift> shifts = new ArrayList<>();
    for (DayOfWeek d :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      shifts.add(new Shift(d, LocalTime.of(from, 0), LocalTime.of(to, 0)));
    }
    return new Availability(zone, shifts, List.of(), false);
  }

  static Instant at(String local, ZoneId zone) {
    return java.time.LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  @Test
  void aShiftIsReadInTheAgentsTimeZone() {
    Availability a = weekdays(LA, 9, 17);
    // Monday 2026-06-01 09:30 in Los Angeles is 16:30 UTC
    assertThat(a.isAvailable(Instant.parse("2026-06-01T16:30:00Z"))).isTrue();
    assertThat(a.isAvailable(Instant.parse("2026-06-01T15:30:00Z"))).isFalse();
    assertThat(a.unavailableReason(Instant.parse("2026-06-01T15:30:00Z"))).isEqualTo("off shift");
    assertThat(a.isAvailable(at("2026-06-06T10:00", LA))).as("Saturday").isFalse();
  }

  @Test
  void aShiftStartsAtTheSameWallClockTimeOnBothSidesOfADaylightSavingChange() {
    Availability a = weekdays(BERLIN, 9, 17);
    // Berlin moved clocks forward on Sunday 2026-03-29
    assertThat(a.isAvailable(Instant.parse("2026-03-27T08:30:00Z"))).as("Fri 09:30 CET").isTrue();
    assertThat(a.isAvailable(Instant.parse("2026-03-30T07:30:00Z"))).as("Mon 09:30 CEST").isTrue();
    assertThat(a.isAvailable(Instant.parse("2026-03-30T06:30:00Z"))).as("Mon 08:30 CEST").isFalse();
    assertThat(a.isAvailable(Instant.parse("2026-03-27T07:30:00Z"))).as("Fri 08:30 CET").isFalse();
  }

  @Test
  void anOvernightShiftEndsTheNextMorning() {
    Availability a =
        new Availability(
            LA,
            List.of(new Shift(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))),
            List.of(),
            false);
    assertThat(a.isAvailable(at("2026-06-05T23:00", LA))).isTrue();
    assertThat(a.isAvailable(at("2026-06-06T05:59", LA))).isTrue();
    assertThat(a.isAvailable(at("2026-06-06T06:00", LA))).isFalse();
    assertThat(a.isAvailable(at("2026-06-05T21:59", LA))).isFalse();
    assertThat(a.isAvailable(at("2026-06-04T23:00", LA))).as("Thursday night").isFalse();
  }

  @Test
  void outOfOfficeAndPauseWinOverShifts() {
    Instant from = at("2026-06-01T00:00", LA);
    Instant until = at("2026-06-03T00:00", LA);
    Availability a =
        new Availability(
            LA, weekdays(LA, 9, 17).shifts(), List.of(new TimeOff(from, until)), false);
    assertThat(a.unavailableReason(at("2026-06-02T10:00", LA)))
        .isEqualTo("out of office until " + until);
    assertThat(a.isAvailable(at("2026-06-03T10:00", LA))).isTrue();
    assertThat(a.withPaused(true).unavailableReason(at("2026-06-03T10:00", LA)))
        .isEqualTo("paused");
  }

  @Test
  void noShiftsMeansAlwaysOnShift() {
    assertThat(Availability.ALWAYS.isAvailable(Instant.parse("2026-01-01T03:00:00Z"))).isTrue();
  }

  @Test
  void badShiftsAndOutOfOfficeRangesAreRejected() {
    assertThatThrownBy(() -> new Shift(DayOfWeek.MONDAY, LocalTime.NOON, LocalTime.NOON))
        .hasMessageContaining("end must differ");
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> new TimeOff(t, t)).hasMessageContaining("'until' must be after");
  }

  /** The cached window must agree with a direct check at every instant inside it. */
  @Test
  void theWindowAroundAnInstantAgreesWithTheScheduleEverywhereInIt() {
    List<ZoneId> zones =
        List.of(LA, BERLIN, ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Lord_Howe"));
    PropertyCheck.forAll(
        300,
        r -> {
          ZoneId zone = zones.get(r.nextInt(zones.size()));
          List<Shift> shifts = new ArrayList<>();
          int n = r.nextInt(4);
          for (int k = 0; k < n; k++) {
            LocalTime s = LocalTime.of(r.nextInt(24), r.nextInt(4) * 15);
            LocalTime e = LocalTime.of(r.nextInt(24), r.nextInt(4) * 15);
            if (!s.equals(e)) {
              shifts.add(new Shift(DayOfWeek.of(1 + r.nextInt(7)), s, e));
            }
          }
          Instant base =
              Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(r.nextInt(24 * 365)));
          List<TimeOff> off = new ArrayList<>();
          if (r.nextBoolean()) {
            Instant f = base.plus(Duration.ofMinutes(r.nextInt(6000) - 3000));
            off.add(new TimeOff(f, f.plus(Duration.ofMinutes(1 + r.nextInt(5000)))));
          }
          Instant t = base.plus(Duration.ofMinutes(r.nextInt(600)));
          return new Object[] {new Availability(zone, shifts, off, false), t};
        },
        in -> {
          Availability a = (Availability) in[0];
          Instant t = (Instant) in[1];
          Availability.Window w = a.window(t);
          assertThat(w.holdsAt(t)).isTrue();
          for (int k = -200; k <= 200; k++) {
            Instant u = t.plus(Duration.ofMinutes(k * 7L));
            if (w.holdsAt(u)) {
              assertThat(a.window(u).reason).as("at %s", u).isEqualTo(w.reason);
            }
          }
          assertThat(direct(a, t)).isEqualTo(w.reason == null);
        });
  }

  /** On shift by brute force: any shift instance of the surrounding days covers t. */
  static boolean direct(Availability a, Instant t) {
    for (TimeOff o : a.timeOff()) {
      if (o.covers(t)) {
        return false;
      }
    }
    if (a.shifts().isEmpty()) {
      return true;
    }
    var today = t.atZone(a.zone()).toLocalDate();
    for (int d = -1; d <= 0; d++) {
      var date = today.plusDays(d);
      for (Shift s : a.shifts()) {
        if (s.day() != date.getDayOfWeek()) {
          continue;
        }
        Instant start = ZonedDateTime.of(date, s.start(), a.zone()).toInstant();
        Instant end =
            ZonedDateTime.of(s.overnight() ? date.plusDays(1) : date, s.end(), a.zone())
                .toInstant();
        if (!t.isBefore(start) && t.isBefore(end)) {
          return true;
        }
      }
    }
    return false;
  }
}
