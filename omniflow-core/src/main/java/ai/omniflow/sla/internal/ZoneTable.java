package ai.omniflow.sla.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A time zone's offsets between the axis base and {@link TimeAxis#HORIZON} as arrays: segment
 * {@code k} is the span of instants {@code [transitions[k-1], transitions[k])} in which {@code
 * offsets[k]} holds; the last segment ends at the horizon. Built once per zone id and shared (at
 * most a few hundred zones exist); immutable and thread-safe.
 */
final class ZoneTable {
  private static final int MAX_CACHED = 1024;
  private static final ConcurrentHashMap<String, ZoneTable> CACHE = new ConcurrentHashMap<>();

  private final long[] transitions;
  private final long[] offsets;

  private ZoneTable(long[] transitions, long[] offsets) {
    this.transitions = transitions;
    this.offsets = offsets;
  }

  static ZoneTable of(ZoneId zone) {
    ZoneTable cached = CACHE.get(zone.getId());
    if (cached != null) {
      return cached;
    }
    ZoneTable built = build(zone.getRules());
    if (CACHE.size() >= MAX_CACHED) {
      return built;
    }
    ZoneTable raced = CACHE.putIfAbsent(zone.getId(), built);
    return raced != null ? raced : built;
  }

  private static ZoneTable build(ZoneRules rules) {
    Instant from = TimeAxis.toInstant(0);
    long[] transitions = new long[64];
    long[] offsets = new long[65];
    offsets[0] = offsetNanos(rules.getOffset(from));
    int n = 0;
    ZoneOffsetTransition t = rules.nextTransition(from);
    while (t != null && t.getInstant().isBefore(TimeAxis.HORIZON)) {
      if (n == transitions.length) {
        transitions = Arrays.copyOf(transitions, n * 2);
        offsets = Arrays.copyOf(offsets, n * 2 + 1);
      }
      transitions[n] = TimeAxis.toNanos(t.getInstant());
      offsets[n + 1] = offsetNanos(t.getOffsetAfter());
      n++;
      t = rules.nextTransition(t.getInstant());
    }
    return new ZoneTable(Arrays.copyOf(transitions, n), Arrays.copyOf(offsets, n + 1));
  }

  private static long offsetNanos(ZoneOffset offset) {
    return offset.getTotalSeconds() * TimeAxis.SECOND;
  }

  /** The segment holding the instant {@code t}. */
  int segmentOf(long t) {
    int i = Arrays.binarySearch(transitions, t);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The offset in force in segment {@code k}, in nanoseconds. */
  long offset(int k) {
    return offsets[k];
  }

  /** The first instant after segment {@code k}: the next transition, or the horizon. */
  long end(int k) {
    return k < transitions.length ? transitions[k] : TimeAxis.HORIZON_NANOS;
  }

  /** Whether segment {@code k} is the last before the horizon. */
  boolean isLast(int k) {
    return k >= transitions.length;
  }
}
