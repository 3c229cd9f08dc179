package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.PageRequest;
import ai.omniflow.attribution.AttributionModel;
import ai.omniflow.attribution.AttributionReport;
import ai.omniflow.attribution.ReportQuery;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadFilter;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.leads.LeadFilter;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.tenancy.Actor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures, each read through OmniFlow's public facades: conversations started today
 * and open threads waiting for an answer (both from the threads, newest activity first, read at
 * most {@value #MAX_THREADS} deep — beyond that the page says "at least"), the open pipeline by the
 * pack's stages, and this month's revenue by channel under the linear model.
 */
@Component
final class DashboardFigures {
  /** How many threads the two thread counts read at most. */
  static final int MAX_THREADS = 1_000;

  /** The model the dashboard credits revenue with. */
  static final String MODEL = "linear";

  private final OmniFlow omniFlow;

  DashboardFigures(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** A count, and whether reading stopped at {@link #MAX_THREADS} before the end. */
  record Count(int value, boolean atLeast) {
    public String shown() {
      return atLeast ? value + "+" : Integer.toString(value);
    }
  }

  /** One stage of the pipeline and its open leads. */
  record Stage(String key, String label, long leads) {}

  /** One channel's credited revenue. */
  record Revenue(String channel, BigDecimal amount, BigDecimal share) {}

  /**
   * Everything the dashboard shows.
   *
   * @param revenueNote why there is no revenue table (no pack, mixed currencies), or {@code null}
   */
  record Figures(
      Count newToday,
      Count unanswered,
      List<Stage> pipeline,
      long pipelineTotal,
      @Nullable String currency,
      BigDecimal revenueTotal,
      List<Revenue> revenue,
      @Nullable String revenueNote) {}

  Figures of(Actor actor, ZoneId zone) {
    Instant now = omniFlow.clock().instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    Instant startOfDay = today.atStartOfDay(zone).toInstant();
    Instant startOfMonth = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
    return new FiguresBuilder(actor, now, startOfDay, startOfMonth).build();
  }

  private final class FiguresBuilder {
    private final Actor actor;
    private final Instant now;
    private final Instant startOfDay;
    private final Instant startOfMonth;

    FiguresBuilder(Actor actor, Instant now, Instant startOfDay, Instant startOfMonth) {
      this.actor = actor;
      this.now = now;
      this.startOfDay = startOfDay;
      this.startOfMonth = startOfMonth;
    }

    Figures build() {
      Count newToday = newToday();
      Count unanswered = unanswered();
      List<Stage> pipeline = pipeline();
      String currency = null;
      BigDecimal total = BigDecimal.ZERO;
      List<Revenue> revenue = new ArrayList<>();
      String note = null;
      if (!startOfMonth.isBefore(now)) {
        note = "The month has just begun.";
      } else {
        try {
          AttributionReport r =
              omniFlow
                  .attribution()
                  .report(
                      actor,
                      ReportQuery.of(startOfMonth, now)
                          .withModels(List.of(AttributionModel.parse(MODEL))));
          currency = r.currency();
          AttributionReport.ModelCredits credits = r.models().get(0);
          total = credits.revenue();
          for (AttributionReport.Row row : credits.rows()) {
            if (row.revenue().signum() > 0) {
              revenue.add(new Revenue(row.channel(), row.revenue(), row.revenueShare()));
            }
          }
        } catch (OmniFlowException e) {
          note = e.getMessage();
        }
      }
      long pipelineTotal = pipeline.stream().mapToLong(Stage::leads).sum();
      return new Figures(
          newToday, unanswered, pipeline, pipelineTotal, currency, total, revenue, note);
    }

    private Count newToday() {
      int count = 0;
      for (int offset = 0; offset < MAX_THREADS; offset += PageRequest.MAX_LIMIT) {
        Page<InboxThread> page =
            omniFlow
                .inbox()
                .threads(actor, ThreadFilter.ALL, PageRequest.of(PageRequest.MAX_LIMIT, offset));
        for (InboxThread t : page.items()) {
          if (t.lastActivityAt().isBefore(startOfDay)) {
            return new Count(count, false);
          }
          if (!t.createdAt().isBefore(startOfDay)) {
            count++;
          }
        }
        if (page.items().size() < PageRequest.MAX_LIMIT) {
          return new Count(count, false);
        }
      }
      return new Count(count, true);
    }

    private Count unanswered() {
      int count = 0;
      ThreadFilter open = ThreadFilter.ALL.withStatus(ThreadStatus.OPEN);
      for (int offset = 0; offset < MAX_THREADS; offset += PageRequest.MAX_LIMIT) {
        Page<InboxThread> page =
            omniFlow.inbox().threads(actor, open, PageRequest.of(PageRequest.MAX_LIMIT, offset));
        for (InboxThread t : page.items()) {
          if (waiting(t)) {
            count++;
          }
        }
        if (page.items().size() < PageRequest.MAX_LIMIT) {
          return new Count(count, false);
        }
      }
      return new Count(count, true);
    }

    private List<Stage> pipeline() {
      Optional<VerticalPack> pack = omniFlow.packs().current(actor);
      if (pack.isEmpty()) {
        return List.of();
      }
      List<Stage> stages = new ArrayList<>();
      for (VerticalPack.Stage s : pack.get().stages()) {
        long n =
            omniFlow
                .leads()
                .list(
                    actor,
                    new LeadFilter(s.key(), null, null, null, null, false),
                    PageRequest.of(1, 0))
                .total();
        stages.add(new Stage(s.key(), s.label(), n));
      }
      return stages;
    }
  }

  /** Whether the contact wrote last and nobody has answered since. */
  static boolean waiting(InboxThread t) {
    Instant in = t.lastInboundAt();
    Instant out = t.lastOutboundAt();
    return in != null && (out == null || out.isBefore(in));
  }
}
