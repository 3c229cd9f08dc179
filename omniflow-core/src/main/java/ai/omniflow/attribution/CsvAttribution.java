package ai.omniflow.attribution;

import java.math.BigDecimal;
import java.util.List;

/**
 * What {@link AttributionService#computeCsv} made of an uploaded path CSV: either every model's
 * credits ({@link Computed}) or, when any row was bad, the bad rows and nothing computed ({@link
 * Refused}).
 *
 * <pre>{@code
 * switch (omniFlow.attribution().computeCsv(actor, in, AttributionModel.all())) {
 *   case CsvAttribution.Computed c -> show(c.results());
 *   case CsvAttribution.Refused r -> explain(r.badRows());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface CsvAttribution {
  /**
   * Every model's credits over the CSV's rows.
   *
   * @param rows the data rows read
   * @param paths the distinct paths they formed (identical paths are added together)
   * @param journeys the journeys counted: conversions and non-converting journeys of every row
   * @param conversions the total conversions, scale {@value AttributionResult#CONVERSION_SCALE}
   * @param value the total conversion value, scale 2
   * @param results one per model asked for, in that order
   */
  record Computed(
      long rows,
      long paths,
      long journeys,
      BigDecimal conversions,
      BigDecimal value,
      List<AttributionResult> results)
      implements CsvAttribution {
    /** Copies the results. */
    public Computed {
      results = List.copyOf(results);
    }
  }

  /**
   * The CSV had bad rows, so nothing was computed.
   *
   * @param rows the data rows read
   * @param badRows the first {@link PathCsv#MAX_BAD_ROWS} bad rows, in line order
   * @param badRowCount how many rows were bad in all
   */
  record Refused(long rows, List<BadRow> badRows, long badRowCount) implements CsvAttribution {
    /** Copies the list. */
    public Refused {
      badRows = List.copyOf(badRows);
    }
  }
}
