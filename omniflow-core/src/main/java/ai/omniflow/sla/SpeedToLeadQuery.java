package ai.omniflow.sla;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

  /** The longest {@code from} or {@code to} text read: longer is refused unread. */
  public static final int MAX_INSTANT_TEXT = 40;

  /**
   * The query of a request's wire values, as {@code GET /sla/metrics} takes them: {@code from} and
   * {@code to} each a date ({@code 2026-12-01}, the whole UTC day, so a {@code to} date is
   * included) or an ISO-8601 instant; {@code groupBy} a wire name of {@link GroupBy}.
   *
   * <pre>{@code
   * SpeedToLeadQuery q = SpeedToLeadQuery.parse("2026-11-01", "2026-11-30", "agent");
   * }</pre>
   *
   * @throws OmniFlowException (bad request) {@code invalid_from} or {@code invalid_to} for a value
   *     missing, unreadable or out of bounds, {@code range_too_long}, {@code invalid_group_by}
   */
  public static SpeedToLeadQuery parse(
      @Nullable String from, @Nullable String to, @Nullable String groupBy) {
    Instant start = instant(from, false, SlaErrors.INVALID_FROM, "from");
    Instant end = instant(to, true, SlaErrors.INVALID_TO, "to");
    return new SpeedToLeadQuery(start, end, GroupBy.parse(groupBy));
  }

  private static Instant instant(
      @Nullable String value, boolean endOfDay, String code, String field) {
    if (value == null || value.isBlank() || value.length() > MAX_INSTANT_TEXT) {
      throw OmniFlowException.badRequest(
          code, field + " is required: a date (yyyy-MM-dd) or an ISO-8601 instant.");
    }
    String v = value.strip();
    try {
      if (v.length() == 10) {
        LocalDate d = LocalDate.parse(v);
        return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(v);
    } catch (DateTimeException | ArithmeticException e) {
      throw OmniFlowException.badRequest(
          code, field + " must be a date (yyyy-MM-dd) or an ISO-8601 instant.");
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
