package ai.omniflow.attribution;

import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.internal.AttributionReports;
import ai.omniflow.attribution.internal.CsvComputation;
import ai.omniflow.attribution.internal.FunnelReporting;
import ai.omniflow.attribution.internal.SpendRecording;
import ai.omniflow.attribution.internal.TimeToConvertReporting;
import ai.omniflow.attribution.internal.TouchpointRecording;
import ai.omniflow.internal.Wiring;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.store.spi.Store;
import ai.omniflow.tenancy.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Attribution over an org's stored journeys: touchpoints recorded from outside the inbox, spend per
 * day, and reports crediting conversions and revenue to channels or campaigns by any of the models
 * of {@link Attribution}. Obtain it from {@link ai.omniflow.OmniFlow#attribution()}.
 *
 * <pre>{@code
 * omniFlow.attribution().recordTouchpoint(actor,
 *     TouchpointInput.click(new ExternalTouchpoint.ClickId(ClickIdKind.GCLID, gclid))
 *         .withEmail("ana@example.com"));
 * omniFlow.attribution().recordSpend(actor, day, "google_ad", null, new BigDecimal("40.00"), "USD");
 * AttributionReport r = omniFlow.attribution().report(actor, ReportQuery.of(from, to));
 * }</pre>
 *
 * <p>Every change writes its event and audit entry in its own transaction; a refused call writes
 * nothing. Reports read journeys as a stream (docs/attribution.md). Thread-safe.
 */
public final class AttributionService {
  // A facade: each use case is a class of one concern in attribution.internal (decision 0033).

  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(AttributionService.class, w -> create(w.store(), w.clock(), w.packs()));
  }

  private final TouchpointRecording touchpoints;
  private final SpendRecording spend;
  private final AttributionReports reports;
  private final CsvComputation csv;
  private final FunnelReporting funnel;
  private final TimeToConvertReporting timeToConvert;

  AttributionService(
      TouchpointRecording touchpoints,
      SpendRecording spend,
      AttributionReports reports,
      CsvComputation csv,
      FunnelReporting funnel,
      TimeToConvertReporting timeToConvert) {
    this.touchpoints = Objects.requireNonNull(touchpoints, "touchpoints");
    this.spend = Objects.requireNonNull(spend, "spend");
    this.reports = Objects.requireNonNull(reports, "reports");
    this.csv = Objects.requireNonNull(csv, "csv");
    this.funnel = Objects.requireNonNull(funnel, "funnel");
    this.timeToConvert = Objects.requireNonNull(timeToConvert, "timeToConvert");
  }

  static AttributionService create(Store store, Clock clock, PackCatalog packs) {
    return new AttributionService(
        new TouchpointRecording(store, clock),
        new SpendRecording(store, clock),
        new AttributionReports(store),
        new CsvComputation(),
        new FunnelReporting(store, packs),
        new TimeToConvertReporting(store));
  }

  /**
   * Records a click or visit from outside the inbox. Its channel and campaign are resolved as
   * {@link TouchpointInput} says; it is linked to the contact given, else to the contact whose
   * e-mail or phone identity matches, else kept anonymous with its anonymous key, e-mail and phone.
   * Then earlier anonymous touchpoints are linked: those with the same anonymous key to this
   * contact, and any whose e-mail or phone now matches a contact's identity. Writes {@code
   * touchpoint.recorded} (with how many were linked) and its audit entry; neither keeps the e-mail,
   * phone or click id.
   *
   * @return the touchpoint as recorded
   * @throws OmniFlowException {@code forbidden} without {@link
   *     ai.omniflow.tenancy.Permission#ATTRIBUTION_WRITE}; {@code not_found} for a contact the org
   *     does not have; (invalid input) {@code invalid_channel}, {@code invalid_email}, {@code
   *     invalid_phone}, {@code invalid_handle}, {@code invalid_occurred_at} (future or before 2000)
   *     or {@code invalid_<field>} past a bound
   */
  public ExternalTouchpoint recordTouchpoint(Actor actor, TouchpointInput input) {
    return touchpoints.record(actor, input);
  }

  /**
   * Links every anonymous touchpoint whose e-mail or phone now matches a contact's identity (a
   * contact that appeared since). {@link #recordTouchpoint} does the same each time; this is for a
   * host that wants it without recording. Writes {@code touchpoints.linked} when any was linked.
   *
   * @return how many were linked
   * @throws OmniFlowException {@code forbidden} without {@link
   *     ai.omniflow.tenancy.Permission#ATTRIBUTION_WRITE}
   */
  public int linkTouchpoints(Actor actor) {
    return touchpoints.link(actor);
  }

  /**
   * Records what was spent on a channel (or one campaign of it, when {@code campaign} is given) on
   * a day, replacing what was recorded for the same day, channel and campaign. Recording the same
   * amount again changes nothing and writes nothing; otherwise writes {@code spend.recorded} and an
   * audit entry with before and after.
   *
   * @return the spend as stored
   * @throws OmniFlowException {@code forbidden} without {@link
   *     ai.omniflow.tenancy.Permission#ATTRIBUTION_WRITE}; (invalid input) {@code invalid_day} (in
   *     the future, or before 2000), {@code invalid_channel}, {@code invalid_campaign}, {@code
   *     invalid_amount}, {@code invalid_currency}
   */
  public Spend recordSpend(
      Actor actor,
      LocalDate day,
      String channel,
      @Nullable String campaign,
      BigDecimal amount,
      String currency) {
    return spend.record(actor, day, channel, campaign, amount, currency);
  }

  /**
   * Credits the journeys that end in the query's range (docs/attribution.md, "Journeys from the
   * store") by each of its models, at its level, in one currency: the query's, else the one
   * currency of the leads won in the range, else the spend's. Won leads in another currency are
   * left out and counted, never added. Spend in that currency over the range's days gives ROAS and
   * ROI.
   *
   * @throws OmniFlowException {@code forbidden} without {@link
   *     ai.omniflow.tenancy.Permission#ATTRIBUTION_READ}; {@code mixed_currencies} (invalid input)
   *     if no currency is named and the leads won in the range have several; {@code invalid_order}
   *     or {@code invalid_journeys} (invalid input) past the engine's bounds
   */
  public AttributionReport report(Actor actor, ReportQuery query) {
    return reports.report(actor, query);
  }

  /**
   * Credits the rows of a path CSV in the common interchange format ({@link PathCsv}) by each of
   * {@code models}, at channel level, reading {@code csv} once as a stream: only distinct paths are
   * held, never the upload. Any bad row refuses the whole file: the answer is then {@link
   * CsvAttribution.Refused} with the first {@value PathCsv#MAX_BAD_ROWS} bad lines and why, and
   * nothing is computed. Reads and writes no store; does not close {@code csv}.
   *
   * @throws OmniFlowException {@code forbidden} without {@link
   *     ai.omniflow.tenancy.Permission#ATTRIBUTION_READ} (before anything is read); {@code
   *     invalid_model} (bad request) for an empty list; {@code invalid_order} (invalid input) when
   *     a Markov chain would pass its bound of states
   * @throws IOException if reading {@code csv} fails
   */
  public CsvAttribution computeCsv(Actor actor, InputStream csv, List<AttributionModel> models)
      throws IOException {
    return this.csv.compute(actor, csv, models);
  }

  /**
   * The funnel per channel over {@code [from, to)}: engagements (every touchpoint, the inbox's and
   * external ones, linked or anonymous), inbox threads created, leads created (by source channel,
   * else their thread's), of those the qualified (won, or open at the pack's stage {@code
   * qualified} or a later one that ends nothing) and the won; each step's rate from the one before,
   * and the total. Counted by the store (in SQL over PostgreSQL), never journey by journey.
   *
   * @throws OmniFlowException {@code forbidden} without {@link
   *     ai.omniflow.tenancy.Permission#ATTRIBUTION_READ}; (bad request) {@code invalid_range} or
   *     {@code range_too_long} as for {@link ReportQuery}
   */
  public FunnelReport funnel(Actor actor, Instant from, Instant to) {
    return funnel.funnel(actor, from, to);
  }

  /**
   * How long the leads won in {@code [from, to)} took, from the contact's first touch (inbox, or
   * external and linked) at or before the win, else from the lead's creation: counts in fixed
   * buckets (under 1 hour, 1 hour–1 day, 1–7 days, 7–30 days, 30–90 days, over 90 days) per channel
   * of that first touch, and in all. Counted by the store (in SQL over PostgreSQL).
   *
   * @throws OmniFlowException {@code forbidden} without {@link
   *     ai.omniflow.tenancy.Permission#ATTRIBUTION_READ}; (bad request) {@code invalid_range} or
   *     {@code range_too_long} as for {@link ReportQuery}
   */
  public TimeToConvertReport timeToConvert(Actor actor, Instant from, Instant to) {
    return timeToConvert.timeToConvert(actor, from, to);
  }
}
