package ai.omniflow.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Speed to lead over a range: how fast first responses came, overall and per group (docs/sla.md,
 * "Speed-to-lead metrics"). A figure that has nothing to stand on is {@code null}, never 0: a group
 * without a reply has no percentiles; without a met or breached clock, no share met.
 *
 * <pre>{@code
 * SpeedToLeadReport r = omniFlow.sla().speedToLead(owner, query);
 * r.total().p50Business(); r.groups().get(0).shareMet();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param query what the report covers
 * @param at the instant unanswered clocks were judged at (breached once due)
 * @param total every clock of the range; its key is {@code null}
 * @param groups the groups with at least one clock, most clocks first (then by key, keys compared
 *     as UTF-8 bytes, no key last), at most {@link #MAX_GROUPS}
 * @param truncated whether groups beyond {@link #MAX_GROUPS} were left out
 */
public record SpeedToLeadReport(
    SpeedToLeadQuery query, Instant at, Group total, List<Group> groups, boolean truncated) {
  /** The most groups a report lists. */
  public static final int MAX_GROUPS = 500;

  public SpeedToLeadReport {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(total, "total");
    groups = List.copyOf(groups);
    if (groups.size() > MAX_GROUPS) {
      throw new IllegalArgumentException("at most " + MAX_GROUPS + " groups");
    }
  }

  /**
   * The figures of one group of first-response clocks.
   *
   * @param key the group's key (a channel id, an agent's user id, a source channel, a campaign id,
   *     a pack slug), or {@code null} for clocks without one (no lead, no agent) and for the total
   * @param clocks the first-response clocks that started in the range
   * @param responded those a person replied to
   * @param met those replied to before their due time
   * @param breached those replied to late, or unanswered past their due time
   * @param p50Business the median time the clocks counted until the reply (business time, wall time
   *     for wall-time clocks), to the microsecond; {@code null} without a reply
   * @param p90Business the 90th percentile of the same
   * @param p50Wall the median wall time from the first inbound message to the reply
   * @param p90Wall the 90th percentile of the same
   */
  public record Group(
      @Nullable String key,
      long clocks,
      long responded,
      long met,
      long breached,
      @Nullable Duration p50Business,
      @Nullable Duration p90Business,
      @Nullable Duration p50Wall,
      @Nullable Duration p90Wall) {
    public Group {
      if (clocks < 0 || responded < 0 || met < 0 || breached < 0) {
        throw new IllegalArgumentException("counts are not negative");
      }
      if (responded > clocks || met > responded || met + breached > clocks) {
        throw new IllegalArgumentException("counts do not add up");
      }
    }

    /** A group of no clocks. */
    public static Group empty(@Nullable String key) {
      return new Group(key, 0, 0, 0, 0, null, null, null, null);
    }

    /** This group under another key. */
    public Group withKey(@Nullable String key) {
      return new Group(
          key, clocks, responded, met, breached, p50Business, p90Business, p50Wall, p90Wall);
    }

    /**
     * The share of decided clocks (met or breached) that were met, from 0 to 1, or {@code null} if
     * none is decided yet.
     */
    public @Nullable Double shareMet() {
      long decided = met + breached;
      return decided == 0 ? null : (double) met / decided;
    }
  }
}
