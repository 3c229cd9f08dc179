package ai.omniflow.guardrails.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
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

  /** How far {@link #nextAllowed} looks ahead at most. */
  private static final long LOOK_AHEAD_SECONDS = 8L * 86_400;

  private final ZoneId[] zones;
  private final ZoneRules[] rules;

  private ZoneSet(List<ZoneId> zones) {
    this.zones = zones.toArray(ZoneId[]::new);
    this.rules = new ZoneRules[this.zones.length];
    for (int i = 0; i < this.zones.length; i++) {
      rules[i] = this.zones[i].getRules();
    }
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

  /**
   * Whether {@code at} lies within {@code [fromSecond, untilSecond)} of the local day in every zone
   * of the set. Allocates nothing for zones with fixed offsets or saved transitions.
   */
  public boolean allows(Instant at, int fromSecond, int untilSecond) {
    long epoch = at.getEpochSecond();
    for (ZoneRules r : rules) {
      int second = (int) Math.floorMod(epoch + r.getOffset(at).getTotalSeconds(), 86_400L);
      if (second < fromSecond || second >= untilSecond) {
        return false;
      }
    }
    return true;
  }

  /**
   * The earliest moment at or after {@code at} that lies within {@code [from, until)} in every zone
   * of the set, or {@code null} if there is none within 8 days (zones so far apart that their
   * windows never meet). Daylight-saving gaps move a window's start later, as the local clock does.
   */
  public @Nullable Instant nextAllowed(Instant at, LocalTime from, LocalTime until) {
    int fromSecond = from.toSecondOfDay();
    int untilSecond = until.toSecondOfDay();
    Instant limit = at.plusSeconds(LOOK_AHEAD_SECONDS);
    Instant candidate = at;
    while (!candidate.isAfter(limit)) {
      boolean all = true;
      for (ZoneId zone : zones) {
        if (!allowsIn(zone, candidate, fromSecond, untilSecond)) {
          candidate = nextStart(zone, candidate, from);
          all = false;
        }
      }
      if (all) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean allowsIn(ZoneId zone, Instant at, int fromSecond, int untilSecond) {
    int second =
        (int)
            Math.floorMod(
                at.getEpochSecond() + zone.getRules().getOffset(at).getTotalSeconds(), 86_400L);
    return second >= fromSecond && second < untilSecond;
  }

  /** The first moment after {@code at} whose local time in {@code zone} is {@code from}. */
  private static Instant nextStart(ZoneId zone, Instant at, LocalTime from) {
    ZonedDateTime local = at.atZone(zone);
    LocalDate day = local.toLocalDate();
    Instant start = ZonedDateTime.of(day, from, zone).toInstant();
    while (!start.isAfter(at)) {
      day = day.plusDays(1);
      start = ZonedDateTime.of(day, from, zone).toInstant();
    }
    return start;
  }

  @Override
  public String toString() {
    return "ZoneSet" + List.of(zones);
  }
}
