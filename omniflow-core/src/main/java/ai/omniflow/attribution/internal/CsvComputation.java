package ai.omniflow.attribution.internal;

import ai.omniflow.attribution.Attribution;
import ai.omniflow.attribution.AttributionLevel;
import ai.omniflow.attribution.AttributionModel;
import ai.omniflow.attribution.AttributionResult;
import ai.omniflow.attribution.AttributionService;
import ai.omniflow.attribution.CsvAttribution;
import ai.omniflow.attribution.PathCsv;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The uploaded-CSV use case: every model over the rows of a path CSV, read as a stream so that only
 * distinct paths are held. {@link AttributionService#computeCsv} delegates to it (decision 0033);
 * its Javadoc is the spec. Reads and writes no store. Not API. Thread-safe.
 */
public final class CsvComputation {
  /** As {@link AttributionService#computeCsv}. */
  public CsvAttribution compute(Actor actor, InputStream csv, List<AttributionModel> models)
      throws IOException {
    Permission.ATTRIBUTION_READ.check(actor);
    Objects.requireNonNull(csv, "csv");
    Attribution engine =
        Attribution.builder().models(models).level(AttributionLevel.CHANNEL).build();
    Attribution.Tally tally = engine.tally();
    PathCsv.Outcome read = PathCsv.read(csv, tally);
    if (!read.ok()) {
      return new CsvAttribution.Refused(read.rows(), read.badRows(), read.badRowCount());
    }
    List<AttributionResult> results = tally.results();
    AttributionResult first = results.get(0);
    BigDecimal conversions = first.conversions();
    BigDecimal value = first.value();
    return new CsvAttribution.Computed(
        read.rows(), tally.paths(), tally.journeys(), conversions, value, results);
  }
}
