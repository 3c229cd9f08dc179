package ai.omniflow.sla;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a speed-to-lead report covers: the first-response clocks that started in {@code [from, to)},
 * grouped by {@code groupBy}.
 *
 * <pre>{@code
 * SpeedToLeadQuery q = new SpeedToLeadQuery(from, to, SpeedToLeadQuery.GroupBy.parse("channel"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the first start counted
 * @param to the instant starts are counted before
 * @param groupBy how the clocks are grouped
 * @throws OmniFlowException (bad request) {@code invalid_from} for a start outside {@link
 *     Limits#EARLIEST}–{@link Limits#LATEST}; {@code invalid_to} for an end outside them or not
 *     after the start; {@code range_too_long} past {@link #MAX_RANGE}
 */
public record SpeedToLeadQuery(Instant from, Instant to, GroupBy groupBy) {
  /** The longest range one report covers: 366 days. */
  public static final Duration MAX_RANGE = Duration.ofDays(366);

  /** What the clocks of a report are grouped by. */
  public enum GroupBy {
    /** The thread's channel. */
    CHANNEL,
    /** Who replied; for an unanswered clock, the thread's assignee. */
    AGENT,
    /** The source channel of the thread's lead (its first, if several). */
    SOURCE,
    /** The campaign of the thread's lead (its first, if several). */
    CAMPAIGN,
    /** The org's pack: one group. */
    PACK;

    /** The wire name, e.g. {@code channel}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The grouping of a wire name.
     *
     * @throws OmniFlowException (bad request) {@code invalid_group_by} for anything but {@code
     *     agent}, {@code channel}, {@code source}, {@code campaign} or {@code pack}
     */
    public static GroupBy parse(@Nullable String wire) {
      for (GroupBy g : values()) {
        if (g.wireName().equals(wire)) {
          return g;
        }
      }
      throw OmniFlowException.badRequest(
          SlaErrors.INVALID_GROUP_BY,
          "group_by must be one of agent, channel, source, campaign, pack.");
    }
  }

  public SpeedToLeadQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(groupBy, "groupBy");
    if (from.isBefore(Limits.EARLIEST) || from.isAfter(Limits.LATEST)) {
      throw OmniFlowException.badRequest(
          SlaErrors.INVALID_FROM,
          "from must lie between " + Limits.EARLIEST + " and " + Limits.LATEST + ".");
    }
    if (to.isAfter(Limits.LATEST) || !from.isBefore(to)) {
      throw OmniFlowException.badRequest(
          SlaErrors.INVALID_TO, "to must be after from and not after " + Limits.LATEST + ".");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw OmniFlowException.badRequest(
          SlaErrors.RANGE_TOO_LONG,
          "from and to must be at most " + MAX_RANGE.toDays() + " days apart.");
    }
  }
}
