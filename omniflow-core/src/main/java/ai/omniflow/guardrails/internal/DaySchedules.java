package ai.omniflow.guardrails.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * When, within one UTC day, a set of zones is within the sending hours in all of its zones: the
 * intersection of each zone's windows, as sorted, disjoint {@code [start, end)} pairs of epoch
 * seconds. Computed once per (zone set, hours, day) and kept in one bounded Caffeine cache ({@value
 * #MAX_DAYS} entries, least recently used going first), so that a check against the fifteen-odd
 * clocks of a US number is a lookup and a scan of at most a few pairs. Thread-safe. Not API.
 */
final class DaySchedules {
  /** How many (zone set, hours, day) schedules are kept at most. */
  static final int MAX_DAYS = 16_384;

  private static final long DAY = 86_400L;

  private record Key(ZoneSet zones, int from, int until, long day) {}

  private static final Cache<Key, long[]> CACHE =
      Caffeine.newBuilder().maximumSize(MAX_DAYS).build();

  private DaySchedules() {}

  /** The allowed intervals of UTC day {@code day} (epoch day), as start, end, start, end… */
  static long[] of(ZoneSet zones, int from, int until, long day) {
    return CACHE.get(new Key(zones, from, until, day), DaySchedules::compute);
  }

  private static long[] compute(Key key) {
    long dayStart = key.day() * DAY;
    long dayEnd = dayStart + DAY;
    long[] allowed = {dayStart, dayEnd};
    for (ZoneId zone : key.zones().zoneArray()) {
      allowed = intersect(allowed, windows(zone, key.from(), key.until(), dayStart, dayEnd));
      if (allowed.length == 0) {
        break;
      }
    }
    return allowed;
  }

  /**
   * The moments of {@code [dayStart, dayEnd)} whose local second of the day in {@code zone} lies in
   * {@code [from, until)}: the day is cut at the zone's transitions into pieces of one offset each,
   * within which local time runs on with the clock, so that a daylight-saving gap or overlap inside
   * the sending hours is counted exactly as the local clock shows it.
   */
  private static long[] windows(ZoneId zone, int from, int until, long dayStart, long dayEnd) {
    ZoneRules rules = zone.getRules();
    long[] out = new long[16];
    int n = 0;
    long t = dayStart;
    while (t < dayEnd) {
      Instant at = Instant.ofEpochSecond(t);
      ZoneOffsetTransition next = rules.nextTransition(at);
      long pieceEnd = next == null ? dayEnd : Math.min(next.getInstant().getEpochSecond(), dayEnd);
      long offset = rules.getOffset(at).getTotalSeconds();
      for (long local = Math.floorDiv(t + offset, DAY);
          local <= Math.floorDiv(pieceEnd - 1 + offset, DAY);
          local++) {
        long s = Math.max(local * DAY + from - offset, t);
        long e = Math.min(local * DAY + until - offset, pieceEnd);
        if (s < e) {
          if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
          }
          out[n++] = s;
          out[n++] = e;
        }
      }
      t = pieceEnd;
    }
    return Arrays.copyOf(out, n);
  }

  /** The intersection of two sorted lists of disjoint intervals. */
  private static long[] intersect(long[] a, long[] b) {
    long[] out = new long[a.length + b.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      long s = Math.max(a[i], b[j]);
      long e = Math.min(a[i + 1], b[j + 1]);
      if (s < e) {
        out[n++] = s;
        out[n++] = e;
      }
      if (a[i + 1] < b[j + 1]) {
        i += 2;
      } else {
        j += 2;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
