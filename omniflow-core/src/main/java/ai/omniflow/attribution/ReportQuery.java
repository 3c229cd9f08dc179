package ai.omniflow.attribution;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an attribution report covers: journeys that end (close, or touch last while still open) in
 * {@code [from, to)}, each reaching back at most {@code lookback} before its end, credited by each
 * of {@code models} at {@code level}, in one {@code currency}.
 *
 * <pre>{@code
 * ReportQuery q = ReportQuery.of(from, to)
 *     .withModels(List.of(AttributionModel.parse("linear")))
 *     .withLevel(AttributionLevel.CAMPAIGN);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link OmniFlowException} (bad request) {@code invalid_range} if {@code from} is not
 * before {@code to} or either lies outside {@link Limits#EARLIEST}–{@link Limits#LATEST}, {@code
 * range_too_long} past {@link #MAX_RANGE}, {@code invalid_lookback} outside 1 second to {@link
 * #MAX_LOOKBACK}, {@code invalid_model} for no model (or a model twice), {@code invalid_currency}
 * for a code that is not ISO 4217.
 *
 * @param from the first instant a journey may end at
 * @param to the instant journeys end before
 * @param level channel or campaign
 * @param models 1 to {@link #MAX_MODELS} distinct models, in the order reported
 * @param currency the currency whose won leads count as revenue, or {@code null}: then the one
 *     currency the won leads in the range have (mixed currencies are refused)
 * @param lookback how far before its end a journey reaches; by default {@link #DEFAULT_LOOKBACK}
 */
public record ReportQuery(
    Instant from,
    Instant to,
    AttributionLevel level,
    List<AttributionModel> models,
    @Nullable String currency,
    Duration lookback) {
  /** The longest range one report covers: 366 days. */
  public static final Duration MAX_RANGE = Duration.ofDays(366);

  /** The default lookback: 90 days. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(90);

  /** The longest lookback: 365 days. */
  public static final Duration MAX_LOOKBACK = Duration.ofDays(365);

  /** The most models side by side: 16. */
  public static final int MAX_MODELS = 16;

  /** Validates the bounds. */
  public ReportQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(lookback, "lookback");
    checkRange(from, to);
    if (lookback.compareTo(Duration.ofSeconds(1)) < 0 || lookback.compareTo(MAX_LOOKBACK) > 0) {
      throw OmniFlowException.badRequest(
          AttributionErrors.INVALID_LOOKBACK,
          "lookback must be positive and at most " + MAX_LOOKBACK.toDays() + " days.");
    }
    if (models.isEmpty()
        || models.size() > MAX_MODELS
        || new LinkedHashSet<>(models).size() != models.size()) {
      throw OmniFlowException.badRequest(
          AttributionErrors.INVALID_MODEL,
          "models must name 1 to " + MAX_MODELS + " distinct models.");
    }
    models = List.copyOf(models);
    if (currency != null) {
      try {
        currency = Spend.currency(currency);
      } catch (OmniFlowException e) {
        throw OmniFlowException.badRequest(
            AttributionErrors.INVALID_CURRENCY, "currency must be an ISO 4217 code such as USD.");
      }
    }
  }

  /**
   * Checks a report's range, as every attribution report does (the funnel and time to convert too).
   *
   * @throws OmniFlowException (bad request) {@code invalid_range} if {@code from} is not before
   *     {@code to} or either lies outside {@link Limits#EARLIEST}–{@link Limits#LATEST}; {@code
   *     range_too_long} past {@link #MAX_RANGE}
   */
  public static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isBefore(Limits.EARLIEST) || to.isAfter(Limits.LATEST) || !from.isBefore(to)) {
      throw OmniFlowException.badRequest(
          AttributionErrors.INVALID_RANGE,
          "from must be before to, both between "
              + Limits.EARLIEST
              + " and "
              + Limits.LATEST
              + ".");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw OmniFlowException.badRequest(
          AttributionErrors.RANGE_TOO_LONG,
          "from and to must be at most " + MAX_RANGE.toDays() + " days apart.");
    }
  }

  /** Every model at channel level, in the currency the won leads have, looking back 90 days. */
  public static ReportQuery of(Instant from, Instant to) {
    return new ReportQuery(
        from, to, AttributionLevel.CHANNEL, AttributionModel.all(), null, DEFAULT_LOOKBACK);
  }

  /** This query with other models. */
  public ReportQuery withModels(List<AttributionModel> models) {
    return new ReportQuery(from, to, level, models, currency, lookback);
  }

  /** This query at another level. */
  public ReportQuery withLevel(AttributionLevel level) {
    return new ReportQuery(from, to, level, models, currency, lookback);
  }

  /** This query in a currency. */
  public ReportQuery withCurrency(@Nullable String currency) {
    return new ReportQuery(from, to, level, models, currency, lookback);
  }

  /** This query with another lookback. */
  public ReportQuery withLookback(Duration lookback) {
    return new ReportQuery(from, to, level, models, currency, lookback);
  }
}
