package ai.omniflow.guardrails.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The zones a recipient may be in, each kept once per distinct clock: zones whose offsets agree at
 * every moment from 2000 on (America/New_York and America/Detroit) count as one. A moment is within
 * the sending hours only if it is within them in every zone of the set, which is the narrowest
 * window across them. Immutable and thread-safe. Not API.
 */
public final class ZoneSet {
  /** The earliest moment OmniFlow takes ({@code Limits.EARLIEST}); clocks are compared from it. */
  private static final Instant FROM = Instant.parse("2000-01-01T00:00:00Z");

  /** How many days {@link #nextAllowed} looks ahead at most. */
  private static final int LOOK_AHEAD_DAYS = 8;

  private static final long DAY = 86_400L;

  private final ZoneId[] zones;
  private final ZoneRules[] rules;
  private final int hash;

  private ZoneSet(List<ZoneId> zones) {
    this.zones = zones.toArray(ZoneId[]::new);
    this.rules = new ZoneRules[this.zones.length];
    for (int i = 0; i < this.zones.length; i++) {
      rules[i] = this.zones[i].getRules();
    }
    this.hash = Arrays.hashCode(this.zones);
  }

  /** A set of one zone. */
  public static ZoneSet of(ZoneId zone) {
    return new ZoneSet(List.of(Objects.requireNonNull(zone, "zone")));
  }

  /**
   * The set of {@code zones}, each distinct clock once (the first zone named keeps it).
   *
   * @throws IllegalArgumentException if {@code zones} is empty
   */
  public static ZoneSet of(Collection<ZoneId> zones) {
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("a zone set has at least one zone");
    }
    List<ZoneId> distinct = new ArrayList<>();
    for (ZoneId zone : zones) {
      ZoneRules r = zone.getRules();
      if (distinct.stream().noneMatch(kept -> sameClock(kept.getRules(), r))) {
        distinct.add(zone);
      }
    }
    return new ZoneSet(distinct);
  }

  /** Whether two zones' offsets agree at every moment from 2000 on. */
  static boolean sameClock(ZoneRules a, ZoneRules b) {
    if (a.equals(b)) {
      return true;
    }
    if (!a.getOffset(FROM).equals(b.getOffset(FROM))
        || !a.getTransitionRules().equals(b.getTransitionRules())) {
      return false;
    }
    return since(a.getTransitions()).equals(since(b.getTransitions()));
  }

  private static List<ZoneOffsetTransition> since(List<ZoneOffsetTransition> transitions) {
    return transitions.stream().filter(t -> !t.getInstant().isBefore(FROM)).toList();
  }

  /** How many distinct clocks the set holds. */
  public int size() {
    return zones.length;
  }

  /** The zones kept, one per distinct clock. */
  public List<ZoneId> zones() {
    return List.of(zones);
  }

  /** The zones, for {@link DaySchedules}. */
  ZoneId[] zoneArray() {
    return zones;
  }

  /**
   * Whether {@code at} lies within {@code [fromSecond, untilSecond)} of the local day in every zone
   * of the set. One zone's offset is read directly; several zones are read from the day's cached
   * schedule ({@link DaySchedules}).
   */
  public boolean allows(Instant at, int fromSecond, int untilSecond) {
    long epoch = at.getEpochSecond();
    if (rules.length == 1) {
      int second = (int) Math.floorMod(epoch + rules[0].getOffset(at).getTotalSeconds(), DAY);
      return second >= fromSecond && second < untilSecond;
    }
    long[] allowed = DaySchedules.of(this, fromSecond, untilSecond, Math.floorDiv(epoch, DAY));
    for (int i = 0; i < allowed.length; i += 2) {
      if (epoch >= allowed[i] && epoch < allowed[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The earliest moment at or after {@code at} that lies within {@code [from, until)} in every zone
   * of the set, or {@code null} if there is none within 8 days (zones so far apart that their
   * windows never meet). A window that starts in a daylight-saving gap starts when the gap ends.
   */
  public @Nullable Instant nextAllowed(Instant at, LocalTime from, LocalTime until) {
    int fromSecond = from.toSecondOfDay();
    int untilSecond = until.toSecondOfDay();
    long epoch = at.getEpochSecond();
    long day = Math.floorDiv(epoch, DAY);
    for (long d = day; d <= day + LOOK_AHEAD_DAYS; d++) {
      long[] allowed = DaySchedules.of(this, fromSecond, untilSecond, d);
      for (int i = 0; i < allowed.length; i += 2) {
        if (allowed[i + 1] > epoch) {
          long start = Math.max(allowed[i], epoch);
          return start == epoch ? at : Instant.ofEpochSecond(start);
        }
      }
    }
    return null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o == this
        || (o instanceof ZoneSet other && hash == other.hash && Arrays.equals(zones, other.zones));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ZoneSet" + List.of(zones);
  }
}
