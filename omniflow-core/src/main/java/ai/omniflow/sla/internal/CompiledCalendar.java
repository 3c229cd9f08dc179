package ai.omniflow.sla.internal;

import static ai.omniflow.sla.internal.TimeAxis.DAY;
import static ai.omniflow.sla.internal.TimeAxis.WEEK;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A business calendar compiled for arithmetic. The open set is built on the local wall-time axis:
 * for every local date, the periods that start on it (the weekly ones of its weekday, none on a
 * holiday, a special day's own) run from their start, possibly past midnight into the next date.
 * Each date's open intervals within its own 24 hours (the tail of the day before plus its own,
 * merged) form its day slice; the seven weekday slices repeat, and only the dates a holiday or
 * special day touches (that date and the next) have slices of their own.
 *
 * <p>Instants map to the local axis by the offset in force (see {@link ZoneTable}), segment by
 * segment: within a segment the business time is the length of the open local intervals, because
 * the wall clock moves at the speed of real time there. Local times a spring-forward gap skips
 * belong to no segment and add nothing; those a fall-back overlap repeats belong to two and count
 * twice. So business time is the real time during which the wall clock shows an open time.
 *
 * <p>Whole weeks without a holiday or special day and inside one offset segment are skipped in one
 * step, and closed days in one step each, so a due time costs a few dozen operations whatever the
 * window. Immutable and thread-safe.
 */
public final class CompiledCalendar {
  private static final long[] NONE = new long[0];

  private final boolean alwaysOpen;
  private final ZoneTable zone;
  private final long[][] weekly;
  private final long[] weeklyTotal;
  private final long weekOpen;
  private final long[] exceptionDays;
  private final long[][] exceptionSlices;
  private final long[] exceptionTotals;

  private CompiledCalendar(
      boolean alwaysOpen,
      ZoneTable zone,
      long[][] weekly,
      long[] weeklyTotal,
      long weekOpen,
      long[] exceptionDays,
      long[][] exceptionSlices,
      long[] exceptionTotals) {
    this.alwaysOpen = alwaysOpen;
    this.zone = zone;
    this.weekly = weekly;
    this.weeklyTotal = weeklyTotal;
    this.weekOpen = weekOpen;
    this.exceptionDays = exceptionDays;
    this.exceptionSlices = exceptionSlices;
    this.exceptionTotals = exceptionTotals;
  }

  /** A calendar open at every instant: business time is wall time. */
  public static CompiledCalendar alwaysOpen() {
    long[] whole = {0, DAY};
    long[][] weekly = new long[7][];
    long[] totals = new long[7];
    for (int d = 0; d < 7; d++) {
      weekly[d] = whole;
      totals[d] = DAY;
    }
    return new CompiledCalendar(
        true, ZoneTable.of(ZoneId.of("UTC")), weekly, totals, WEEK, NONE, new long[0][], NONE);
  }

  /**
   * Compiles a calendar from validated periods in minutes.
   *
   * @param zone the calendar's time zone
   * @param weeklyMinutes per weekday (0 = Monday), the periods starting on it as pairs of start and
   *     end minute after that day's midnight, ends up to 2,880 (a period crossing midnight)
   * @param exceptionMinutes per day index ({@link TimeAxis#dayIndex}), the periods starting on that
   *     date in the same form: empty for a holiday, a special day's own otherwise
   */
  public static CompiledCalendar compile(
      ZoneId zone, int[][] weeklyMinutes, Map<Long, int[]> exceptionMinutes) {
    long[][] weeklyPlans = new long[7][];
    for (int d = 0; d < 7; d++) {
      weeklyPlans[d] = toNanos(weeklyMinutes[d]);
    }
    SortedMap<Long, long[]> plans = new TreeMap<>();
    exceptionMinutes.forEach((day, minutes) -> plans.put(day, toNanos(minutes)));

    long[][] weekly = new long[7][];
    long[] weeklyTotal = new long[7];
    long weekOpen = 0;
    for (int d = 0; d < 7; d++) {
      weekly[d] = slice(weeklyPlans[(d + 6) % 7], weeklyPlans[d]);
      weeklyTotal[d] = total(weekly[d]);
      weekOpen += weeklyTotal[d];
    }

    SortedMap<Long, long[]> slices = new TreeMap<>();
    for (Long day : plans.keySet()) {
      for (long touched = day; touched <= day + 1; touched++) {
        if (!slices.containsKey(touched)) {
          long[] before = plan(plans, weeklyPlans, touched - 1);
          long[] own = plan(plans, weeklyPlans, touched);
          slices.put(touched, slice(before, own));
        }
      }
    }
    long[] days = new long[slices.size()];
    long[][] daySlices = new long[slices.size()][];
    long[] totals = new long[slices.size()];
    int i = 0;
    for (Map.Entry<Long, long[]> e : slices.entrySet()) {
      days[i] = e.getKey();
      daySlices[i] = e.getValue();
      totals[i] = total(e.getValue());
      i++;
    }
    return new CompiledCalendar(
        false, ZoneTable.of(zone), weekly, weeklyTotal, weekOpen, days, daySlices, totals);
  }

  private static long[] plan(Map<Long, long[]> plans, long[][] weeklyPlans, long day) {
    long[] exception = plans.get(day);
    return exception != null ? exception : weeklyPlans[(int) Math.floorMod(day, 7L)];
  }

  private static long[] toNanos(int[] minutes) {
    long[] nanos = new long[minutes.length];
    for (int i = 0; i < minutes.length; i++) {
      nanos[i] = minutes[i] * 60L * TimeAxis.SECOND;
    }
    return nanos;
  }

  /** The merged open intervals of one date: the day before's tails, then its own periods. */
  private static long[] slice(long[] before, long[] own) {
    List<long[]> parts = new ArrayList<>();
    for (int i = 0; i < before.length; i += 2) {
      if (before[i + 1] > DAY) {
        parts.add(new long[] {Math.max(0, before[i] - DAY), before[i + 1] - DAY});
      }
    }
    for (int i = 0; i < own.length; i += 2) {
      parts.add(new long[] {own[i], Math.min(DAY, own[i + 1])});
    }
    parts.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] merged = new long[parts.size() * 2];
    int n = 0;
    for (long[] p : parts) {
      if (p[1] <= p[0]) {
        continue;
      }
      if (n > 0 && p[0] <= merged[n - 1]) {
        merged[n - 1] = Math.max(merged[n - 1], p[1]);
      } else {
        merged[n++] = p[0];
        merged[n++] = p[1];
      }
    }
    return Arrays.copyOf(merged, n);
  }

  private static long total(long[] slice) {
    long sum = 0;
    for (int i = 0; i < slice.length; i += 2) {
      sum += slice[i + 1] - slice[i];
    }
    return sum;
  }

  /** The open time in a week without holidays or special days. */
  public long weekOpen() {
    return weekOpen;
  }

  /**
   * The instant at which {@code window} of business time has passed since {@code start}: the
   * earliest instant at which the open time between them reaches the window.
   *
   * @return the due instant on the axis, or {@code -1} if it would come after the horizon
   */
  public long dueAt(long start, long window) {
    if (alwaysOpen) {
      long due = start + window;
      return due > TimeAxis.HORIZON_NANOS ? -1 : due;
    }
    long t = start;
    long rem = window;
    if (rem <= 0) {
      return t;
    }
    for (int k = zone.segmentOf(t); ; k++) {
      long off = zone.offset(k);
      long end = zone.end(k);
      long r = advance(t + off, rem, end + off);
      if (r >= 0) {
        return r - off;
      }
      rem -= ~r;
      if (zone.isLast(k)) {
        return -1;
      }
      t = end;
    }
  }

  /** The business time in {@code [a, b)}, for {@code a <= b}, both before the horizon. */
  public long between(long a, long b) {
    if (alwaysOpen) {
      return b - a;
    }
    long sum = 0;
    long t = a;
    for (int k = zone.segmentOf(t); t < b; k++) {
      long off = zone.offset(k);
      long end = Math.min(zone.end(k), b);
      sum += open(t + off, end + off);
      t = end;
    }
    return sum;
  }

  /** Whether the calendar is open at the instant {@code t}. */
  public boolean isOpen(long t) {
    if (alwaysOpen) {
      return true;
    }
    long local = t + zone.offset(zone.segmentOf(t));
    long day = Math.floorDiv(local, DAY);
    long within = local - day * DAY;
    long[] slice = slice(day);
    for (int i = 0; i < slice.length; i += 2) {
      if (within >= slice[i] && within < slice[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first instant at or after {@code t} at which the calendar is open.
   *
   * @return that instant on the axis, or {@code -1} if none comes before the horizon
   */
  public long nextOpening(long t) {
    if (alwaysOpen) {
      return t;
    }
    for (int k = zone.segmentOf(t); ; k++) {
      long off = zone.offset(k);
      long limit = zone.end(k) + off;
      long pos = t + off;
      while (pos < limit) {
        long day = Math.floorDiv(pos, DAY);
        long dayStart = day * DAY;
        long[] slice = slice(day);
        for (int i = 0; i < slice.length; i += 2) {
          long a = Math.max(dayStart + slice[i], pos);
          long b = Math.min(dayStart + slice[i + 1], limit);
          if (a < b) {
            return a - off;
          }
        }
        pos = Math.min(dayStart + DAY, limit);
      }
      if (zone.isLast(k)) {
        return -1;
      }
      t = zone.end(k);
    }
  }

  private long[] slice(long day) {
    int ex = Arrays.binarySearch(exceptionDays, day);
    return ex >= 0 ? exceptionSlices[ex] : weekly[(int) Math.floorMod(day, 7L)];
  }

  /** Whole weeks from {@code day} on that hold no holiday or special day. */
  private long plainWeeksFrom(long day, int searchResult) {
    int next = -searchResult - 1;
    return next < exceptionDays.length ? (exceptionDays[next] - day) / 7 : Long.MAX_VALUE;
  }

  /**
   * Walks the local axis from {@code pos} until {@code rem} of open time has passed or {@code
   * limit} is reached.
   *
   * @return the local position at which it has passed, or {@code ~consumed} (negative) if the limit
   *     came first
   */
  private long advance(long pos, long rem, long limit) {
    long consumed = 0;
    while (pos < limit) {
      long day = Math.floorDiv(pos, DAY);
      long dayStart = day * DAY;
      long dayEnd = dayStart + DAY;
      int ex = Arrays.binarySearch(exceptionDays, day);
      long[] slice;
      long total;
      if (ex >= 0) {
        slice = exceptionSlices[ex];
        total = exceptionTotals[ex];
      } else {
        int dow = (int) Math.floorMod(day, 7L);
        slice = weekly[dow];
        total = weeklyTotal[dow];
        if (pos == dayStart && weekOpen < rem) {
          long weeks =
              Math.min(
                  Math.min((rem - 1) / weekOpen, plainWeeksFrom(day, ex)), (limit - pos) / WEEK);
          if (weeks > 0) {
            consumed += weeks * weekOpen;
            rem -= weeks * weekOpen;
            pos += weeks * WEEK;
            continue;
          }
        }
      }
      if (pos == dayStart && dayEnd <= limit && total < rem) {
        consumed += total;
        rem -= total;
        pos = dayEnd;
        continue;
      }
      for (int i = 0; i < slice.length; i += 2) {
        long a = Math.max(dayStart + slice[i], pos);
        long b = Math.min(dayStart + slice[i + 1], limit);
        if (b <= a) {
          continue;
        }
        if (b - a >= rem) {
          return a + rem;
        }
        rem -= b - a;
        consumed += b - a;
      }
      pos = Math.min(dayEnd, limit);
    }
    return ~consumed;
  }

  /** The open time of the local span {@code [pos, end)}, inside one offset segment. */
  private long open(long pos, long end) {
    long sum = 0;
    while (pos < end) {
      long day = Math.floorDiv(pos, DAY);
      long dayStart = day * DAY;
      long dayEnd = dayStart + DAY;
      int ex = Arrays.binarySearch(exceptionDays, day);
      long[] slice;
      long total;
      if (ex >= 0) {
        slice = exceptionSlices[ex];
        total = exceptionTotals[ex];
      } else {
        int dow = (int) Math.floorMod(day, 7L);
        slice = weekly[dow];
        total = weeklyTotal[dow];
        if (pos == dayStart) {
          long weeks = Math.min(plainWeeksFrom(day, ex), (end - pos) / WEEK);
          if (weeks > 0) {
            sum += weeks * weekOpen;
            pos += weeks * WEEK;
            continue;
          }
        }
      }
      if (pos == dayStart && dayEnd <= end) {
        sum += total;
        pos = dayEnd;
        continue;
      }
      for (int i = 0; i < slice.length; i += 2) {
        long a = Math.max(dayStart + slice[i], pos);
        long b = Math.min(dayStart + slice[i + 1], end);
        if (b > a) {
          sum += b - a;
        }
      }
      pos = Math.min(dayEnd, end);
    }
    return sum;
  }
}
