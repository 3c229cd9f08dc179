package ai.omniflow.routing;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When an agent takes leads: weekly shifts in the agent's time zone, out-of-office periods and a
 * pause switch. An agent without shifts is on shift at all times; one with shifts only during them.
 * Shift times are wall-clock times in {@link #zone}, so a 09:00 shift starts at 09:00 local time on
 * both sides of a daylight-saving change.
 *
 * <pre>{@code
 * Availability a = new Availability(ZoneId.of("America/Los_Angeles"),
 *     List.of(new Shift(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))),
 *     List.of(), false);
 * boolean now = a.isAvailable(clock.instant());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param zone the agent's time zone
 * @param shifts weekly working periods, at most {@link Limits#MAX_LIST}; empty for always on shift
 * @param timeOff out-of-office periods, at most {@link Limits#MAX_LIST}
 * @param paused whether the agent has paused taking leads
 */
public record Availability(ZoneId zone, List<Shift> shifts, List<TimeOff> timeOff, boolean paused) {

  /** On shift at all times, never out of office, not paused. */
  public static final Availability ALWAYS =
      new Availability(ZoneId.of("UTC"), List.of(), List.of(), false);

  /**
   * @throws OmniFlowException {@code invalid_shifts} or {@code invalid_out_of_office} (invalid
   *     input) for more than {@link Limits#MAX_LIST} of either
   */
  public Availability {
    Objects.requireNonNull(zone, "zone");
    shifts = List.copyOf(Limits.list("shifts", shifts, Limits.MAX_LIST));
    timeOff = List.copyOf(Limits.list("out_of_office", timeOff, Limits.MAX_LIST));
  }

  /** Whether the agent takes leads at {@code t}. */
  public boolean isAvailable(Instant t) {
    return unavailableReason(t) == null;
  }

  /**
   * Why the agent takes no leads at {@code t} — {@code paused}, {@code out of office until …} or
   * {@code off shift} — or {@code null} if it does.
   */
  public @Nullable String unavailableReason(Instant t) {
    return window(t).reason;
  }

  /** A copy with {@code paused} set. */
  public Availability withPaused(boolean paused) {
    return new Availability(zone, shifts, timeOff, paused);
  }

  /**
   * The period around {@code t} in which availability does not change, with the reason (null when
   * available). Computed from the shift instances and out-of-office edges near {@code t}.
   */
  Window window(Instant t) {
    if (paused) {
      return new Window(Instant.MIN, Instant.MAX, "paused");
    }
    Instant lo = Instant.MIN;
    Instant hi = Instant.MAX;
    Instant oooUntil = null;
    for (TimeOff off : timeOff) {
      if (off.covers(t) && (oooUntil == null || off.until().isAfter(oooUntil))) {
        oooUntil = off.until();
      }
      lo = later(lo, off.from(), t);
      lo = later(lo, off.until(), t);
      hi = sooner(hi, off.from(), t);
      hi = sooner(hi, off.until(), t);
    }
    boolean onShift = shifts.isEmpty();
    if (!shifts.isEmpty()) {
      LocalDate today = t.atZone(zone).toLocalDate();
      // Boundaries within [start of yesterday, start of today + 7 days) all come from shift
      // instances starting two days before today through eight days after it.
      Instant scanFrom = today.minusDays(1).atStartOfDay(zone).toInstant();
      Instant scanTo = today.plusDays(7).atStartOfDay(zone).toInstant();
      lo = lo.isBefore(scanFrom) ? scanFrom : lo;
      hi = hi.isAfter(scanTo) ? scanTo : hi;
      for (int d = -2; d <= 8; d++) {
        LocalDate date = today.plusDays(d);
        DayOfWeek dow = date.getDayOfWeek();
        for (Shift s : shifts) {
          if (s.day() != dow) {
            continue;
          }
          Instant start = ZonedDateTime.of(date, s.start(), zone).toInstant();
          LocalDate endDate = s.overnight() ? date.plusDays(1) : date;
          Instant end = at(endDate, s.end());
          if (!end.isAfter(start)) {
            continue;
          }
          if (!t.isBefore(start) && t.isBefore(end)) {
            onShift = true;
          }
          lo = later(lo, start, t);
          lo = later(lo, end, t);
          hi = sooner(hi, start, t);
          hi = sooner(hi, end, t);
        }
      }
    }
    String reason =
        oooUntil != null ? "out of office until " + oooUntil : onShift ? null : "off shift";
    return new Window(lo, hi, reason);
  }

  private Instant at(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, zone).toInstant();
  }

  /** The later of {@code lo} and {@code b} if {@code b} is not after {@code t}. */
  private static Instant later(Instant lo, Instant b, Instant t) {
    return !b.isAfter(t) && b.isAfter(lo) ? b : lo;
  }

  /** The sooner of {@code hi} and {@code b} if {@code b} is after {@code t}. */
  private static Instant sooner(Instant hi, Instant b, Instant t) {
    return b.isAfter(t) && b.isBefore(hi) ? b : hi;
  }

  /** Availability is constant in [from, until); reason null when available. */
  static final class Window {
    final Instant from;
    final Instant until;
    final @Nullable String reason;

    Window(Instant from, Instant until, @Nullable String reason) {
      this.from = from;
      this.until = until;
      this.reason = reason;
    }

    boolean holdsAt(Instant t) {
      return !t.isBefore(from) && t.isBefore(until);
    }
  }
}
