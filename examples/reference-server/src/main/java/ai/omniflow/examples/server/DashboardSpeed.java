package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.PageRequest;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.sla.SlaState;
import ai.omniflow.sla.SlaThreadQuery;
import ai.omniflow.sla.SpeedToLeadQuery;
import ai.omniflow.sla.SpeedToLeadReport;
import ai.omniflow.tenancy.Actor;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The dashboard's SLA figures: the open conversations whose SLA clock is at risk or breached now
 * ({@code omniFlow.sla().threads}, the list {@code /inbox?sla=at_risk,breached} shows), and speed
 * to lead this week ({@code omniFlow.sla().speedToLead}: the first-response clocks started since
 * Monday 00:00 in the org's zone), each read through OmniFlow's public facades; this class only
 * adapts.
 */
@Component
final class DashboardSpeed {
  /** The states of a conversation that needs an answer soon. */
  static final Set<SlaState> URGENT = Set.of(SlaState.AT_RISK, SlaState.BREACHED);

  private final OmniFlow omniFlow;

  DashboardSpeed(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /**
   * Speed to lead over a week so far, shown as text; a figure without data is {@code null} (the
   * page says "no reply yet"), never 0.
   *
   * @param since the week's first day in the org's zone, such as {@code 30 Nov 2026, 00:00}
   * @param clocks first-response clocks started this week
   * @param responded those a person replied to
   * @param breached those replied to late, or unanswered past their due time
   * @param p50 the median wall time from the first message to the first reply
   * @param p90 the 90th percentile of the same
   * @param p50Business the median the clocks counted (business time)
   * @param p90Business the 90th percentile of the same
   * @param shareMet the share of decided clocks met, as a percentage
   * @param note why there are no figures (the week just began), or {@code null}
   */
  record Speed(
      String since,
      long clocks,
      long responded,
      long breached,
      @Nullable String p50,
      @Nullable String p90,
      @Nullable String p50Business,
      @Nullable String p90Business,
      @Nullable String shareMet,
      @Nullable String note) {}

  /** How many open conversations are at risk or breached now. */
  long urgent(Actor actor) {
    return omniFlow
        .sla()
        .threads(
            actor,
            ThreadFilter.ALL.withStatus(ThreadStatus.OPEN),
            new SlaThreadQuery(URGENT, SlaThreadQuery.Sort.SLA_DUE),
            PageRequest.of(1, 0))
        .total();
  }

  /** Speed to lead since Monday 00:00 in {@code zone}. */
  Speed thisWeek(Actor actor, Pages.Zone zone) {
    Instant now = omniFlow.clock().instant();
    ZoneId id = zone.id();
    LocalDate monday =
        LocalDate.ofInstant(now, id).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant since = monday.atStartOfDay(id).toInstant();
    String shown = zone.show(since);
    if (!since.isBefore(now)) {
      return new Speed(shown, 0, 0, 0, null, null, null, null, null, "The week has just begun.");
    }
    SpeedToLeadReport.Group total;
    try {
      total =
          omniFlow
              .sla()
              .speedToLead(actor, new SpeedToLeadQuery(since, now, SpeedToLeadQuery.GroupBy.PACK))
              .total();
    } catch (OmniFlowException e) {
      return new Speed(shown, 0, 0, 0, null, null, null, null, null, e.getMessage());
    }
    Double share = total.shareMet();
    return new Speed(
        shown,
        total.clocks(),
        total.responded(),
        total.breached(),
        duration(total.p50Wall()),
        duration(total.p90Wall()),
        duration(total.p50Business()),
        duration(total.p90Business()),
        share == null ? null : String.format(Locale.ROOT, "%.0f %%", share * 100),
        null);
  }

  /**
   * A duration as a person reads it: {@code 45 s}, {@code 12 min}, {@code 3 h 05 min}, {@code 2 d 4
   * h}; {@code null} stays {@code null}.
   */
  static @Nullable String duration(@Nullable Duration d) {
    if (d == null) {
      return null;
    }
    long seconds = Math.max(0, d.getSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return String.format(Locale.ROOT, "%d h %02d min", hours, minutes % 60);
    }
    return hours / 24 + " d " + hours % 24 + " h";
  }
}
