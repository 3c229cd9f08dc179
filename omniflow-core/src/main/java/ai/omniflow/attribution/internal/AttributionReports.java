package ai.omniflow.attribution.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.Attribution;
import ai.omniflow.attribution.AttributionErrors;
import ai.omniflow.attribution.AttributionLevel;
import ai.omniflow.attribution.AttributionReport;
import ai.omniflow.attribution.AttributionResult;
import ai.omniflow.attribution.AttributionService;
import ai.omniflow.attribution.Credit;
import ai.omniflow.attribution.ReportQuery;
import ai.omniflow.store.spi.JourneyRepository;
import ai.omniflow.store.spi.SpendRepository;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The report use case: journeys streamed from the store through the models, with spend, ROAS and
 * ROI. {@link AttributionService#report} delegates to it (decision 0033); its Javadoc is the spec.
 * Not API. Thread-safe.
 */
public final class AttributionReports {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Store store;

  public AttributionReports(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** As {@link AttributionService#report}. */
  public AttributionReport report(Actor actor, ReportQuery q) {
    Permission.ATTRIBUTION_READ.check(actor);
    Objects.requireNonNull(q, "query");
    return store.inTransaction(
        actor,
        tx -> {
          List<SpendRepository.Total> spend =
              tx.spend()
                  .totals(
                      LocalDate.ofInstant(q.from(), ZoneOffset.UTC),
                      LocalDate.ofInstant(q.to().minusNanos(1), ZoneOffset.UTC));
          String currency = currency(q, tx.journeys().wonCurrencies(q.from(), q.to(), 2), spend);
          Attribution engine = Attribution.builder().models(q.models()).level(q.level()).build();
          Attribution.Tally tally = engine.tally();
          JourneyAssembly journeys = new JourneyAssembly(q.from(), q.to(), q.lookback(), currency);
          tx.journeys()
              .activity(
                  q.from().minus(q.lookback()),
                  q.to(),
                  detail(q.level()),
                  c -> journeys.add(c, tally::add));
          List<AttributionResult> results = tally.results();
          Map<List<@Nullable String>, BigDecimal> spent = spentByKey(spend, currency, q.level());
          BigDecimal totalSpend =
              spentByKey(spend, currency, AttributionLevel.CHANNEL).values().stream()
                  .reduce(BigDecimal.ZERO, BigDecimal::add)
                  .setScale(2);
          List<AttributionReport.ModelCredits> models = new ArrayList<>();
          for (AttributionResult r : results) {
            models.add(
                new AttributionReport.ModelCredits(
                    r.model().wireName(), r.conversions(), r.value(), totalSpend, rows(r, spent)));
          }
          return new AttributionReport(
              q.from(),
              q.to(),
              q.level(),
              currency,
              q.lookback(),
              journeys.journeys(),
              journeys.untouched(),
              journeys.otherCurrency(),
              models);
        });
  }

  // What the touches must carry for the level: content and agent are read only when grouped by.
  private static JourneyRepository.TouchDetail detail(AttributionLevel level) {
    return switch (level) {
      case CHANNEL, CAMPAIGN -> JourneyRepository.TouchDetail.NONE;
      case CONTENT -> JourneyRepository.TouchDetail.CONTENT;
      case AGENT -> JourneyRepository.TouchDetail.AGENT;
    };
  }

  // The query's currency; else the one the won leads have (refusing several); else the spend's.
  private static @Nullable String currency(
      ReportQuery q, List<String> won, List<SpendRepository.Total> spend) {
    if (q.currency() != null) {
      return q.currency();
    }
    if (won.size() > 1) {
      throw OmniFlowException.invalidInput(
          AttributionErrors.MIXED_CURRENCIES,
          "The leads won in the range are in more than one currency; name one with currency.");
    }
    if (won.size() == 1) {
      return won.get(0);
    }
    Set<String> spent = new TreeSet<>();
    spend.forEach(s -> spent.add(s.currency()));
    return spent.size() == 1 ? spent.iterator().next() : null;
  }

  private static Map<List<@Nullable String>, BigDecimal> spentByKey(
      List<SpendRepository.Total> spend, @Nullable String currency, AttributionLevel level) {
    Map<List<@Nullable String>, BigDecimal> out = new LinkedHashMap<>();
    for (SpendRepository.Total s : spend) {
      if (!s.currency().equals(currency)) {
        continue;
      }
      if (level == AttributionLevel.CONTENT || level == AttributionLevel.AGENT) {
        continue; // spend is per channel and campaign: no content's or agent's share is known
      }
      String campaign = level == AttributionLevel.CAMPAIGN ? s.campaign() : null;
      out.merge(Arrays.asList(s.channel(), campaign), s.amount(), BigDecimal::add);
    }
    return out;
  }

  private static List<AttributionReport.Row> rows(
      AttributionResult r, Map<List<@Nullable String>, BigDecimal> spent) {
    boolean positioned = r.credits().stream().anyMatch(c -> c.position() > 0);
    List<AttributionReport.Row> rows = new ArrayList<>();
    Set<List<@Nullable String>> seen = new HashSet<>();
    for (Credit c : r.credits()) {
      List<@Nullable String> key = Arrays.asList(c.channel(), c.campaign());
      seen.add(key);
      BigDecimal s = positioned || c.content() != null || c.agent() != null ? null : spent.get(key);
      rows.add(
          row(
              c.channel(),
              c.campaign(),
              c.content(),
              c.agent(),
              c.position(),
              c.conversions(),
              c.value(),
              r,
              s));
    }
    if (!positioned) {
      spent.forEach(
          (key, s) -> {
            if (!seen.contains(key)) {
              rows.add(
                  row(
                      Objects.requireNonNull(key.get(0)),
                      key.get(1),
                      null,
                      null,
                      0,
                      BigDecimal.ZERO.setScale(AttributionResult.CONVERSION_SCALE),
                      BigDecimal.ZERO.setScale(2),
                      r,
                      s));
            }
          });
    }
    rows.sort(
        Comparator.comparing(AttributionReport.Row::revenue, Comparator.reverseOrder())
            .thenComparing(AttributionReport.Row::conversions, Comparator.reverseOrder())
            .thenComparing(AttributionReport.Row::channel)
            .thenComparing(x -> x.campaign() == null ? "" : x.campaign())
            .thenComparing(x -> x.content() == null ? "" : x.content())
            .thenComparing(x -> x.agent() == null ? "" : x.agent())
            .thenComparingInt(AttributionReport.Row::position));
    return rows;
  }

  private static AttributionReport.Row row(
      String channel,
      @Nullable String campaign,
      @Nullable String content,
      @Nullable String agent,
      int position,
      BigDecimal conversions,
      BigDecimal revenue,
      AttributionResult r,
      @Nullable BigDecimal spend) {
    BigDecimal roas = null;
    BigDecimal roi = null;
    BigDecimal s = spend == null ? null : spend.setScale(2);
    if (s != null && s.signum() > 0) {
      roas = revenue.divide(s, 4, RoundingMode.HALF_EVEN);
      roi = revenue.subtract(s).divide(s, 4, RoundingMode.HALF_EVEN);
    }
    return new AttributionReport.Row(
        channel,
        campaign,
        position,
        conversions,
        revenue,
        percent(conversions, r.conversions()),
        percent(revenue, r.value()),
        s,
        roas,
        roi,
        content,
        agent);
  }

  private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_EVEN);
  }
}
