package ai.omniflow.examples.server;

import ai.omniflow.attribution.TimeToConvertReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The time-to-convert distribution as the attribution page shows it: one row a bucket (under an
 * hour, an hour to a day, 1–7 days, 7–30 days, 30–90 days, over 90 days) with its won leads, their
 * share and the share converted by then, and the bucket the median falls in. The counts are core's
 * ({@code AttributionService.timeToConvert}); this only words them.
 *
 * <pre>{@code
 * TimeToConvertRows t = TimeToConvertRows.of(omniFlow.attribution().timeToConvert(actor, from, to));
 * t.median(); // "1–7 days", or null without a won lead
 * }</pre>
 *
 * @param rows one row a bucket, shortest first
 * @param conversions the won leads counted
 * @param median the bucket the median time falls in, or {@code null} without a won lead
 * @param labels the buckets' words, comma-separated, for the chart
 * @param counts the buckets' counts, comma-separated, for the chart
 */
record TimeToConvertRows(
    List<Row> rows, long conversions, @Nullable String median, String labels, String counts) {

  /** A bucket: its words, won leads, their share, and the share won within its end. */
  record Row(String label, long count, String share, String cumulative) {}

  private static final Map<String, String> WORDS =
      Map.of(
          "under_1h", "under 1 hour",
          "1h_1d", "1 hour – 1 day",
          "1d_7d", "1–7 days",
          "7d_30d", "7–30 days",
          "30d_90d", "30–90 days",
          "over_90d", "over 90 days");

  static TimeToConvertRows of(TimeToConvertReport report) {
    TimeToConvertReport.Group total = report.total();
    long all = total.conversions();
    List<Row> rows = new ArrayList<>();
    String median = null;
    long running = 0;
    for (int i = 0; i < report.buckets().size(); i++) {
      String label = words(report.buckets().get(i).label());
      long n = i < total.counts().size() ? total.counts().get(i) : 0;
      running += n;
      if (median == null && all > 0 && running * 2 >= all) {
        median = label;
      }
      rows.add(new Row(label, n, percent(n, all), percent(running, all)));
    }
    return new TimeToConvertRows(
        rows,
        all,
        median,
        rows.stream().map(Row::label).collect(Collectors.joining(",")),
        rows.stream().map(r -> Long.toString(r.count())).collect(Collectors.joining(",")));
  }

  private static String words(String label) {
    return WORDS.getOrDefault(label, label.replace('_', ' '));
  }

  private static String percent(long part, long whole) {
    if (whole == 0) {
      return "—";
    }
    return BigDecimal.valueOf(part * 100)
            .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_EVEN)
            .toPlainString()
        + " %";
  }
}
