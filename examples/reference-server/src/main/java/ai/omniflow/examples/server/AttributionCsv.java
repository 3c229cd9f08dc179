package ai.omniflow.examples.server;

import ai.omniflow.attribution.AttributionReport;
import ai.omniflow.attribution.FunnelReport;
import ai.omniflow.attribution.TimeToConvertReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Attribution reports as CSV (the funnel and time to convert have their own, below). A report: one
 * line per model and row, header {@code
 * model,channel,campaign,position,conversions,revenue,conversion_share,revenue_share,spend,roas,roi,currency,content,agent}.
 * Fields are quoted when they hold a comma, quote or line break; a field starting with {@code =},
 * {@code +}, {@code -} or {@code @} is prefixed with {@code '} so a spreadsheet does not run it.
 */
final class AttributionCsv {
  static final String HEADER =
      "model,channel,campaign,position,conversions,revenue,conversion_share,revenue_share,"
          + "spend,roas,roi,currency,content,agent";

  private AttributionCsv() {}

  static String write(AttributionReport r) {
    StringBuilder b = new StringBuilder(HEADER).append("\r\n");
    String currency = r.currency() == null ? "" : r.currency();
    for (AttributionReport.ModelCredits m : r.models()) {
      for (AttributionReport.Row row : m.rows()) {
        field(b, m.model()).append(',');
        field(b, row.channel()).append(',');
        field(b, row.campaign() == null ? "" : row.campaign()).append(',');
        b.append(row.position()).append(',');
        b.append(plain(row.conversions())).append(',');
        b.append(plain(row.revenue())).append(',');
        b.append(plain(row.conversionShare())).append(',');
        b.append(plain(row.revenueShare())).append(',');
        b.append(plain(row.spend())).append(',');
        b.append(plain(row.roas())).append(',');
        b.append(plain(row.roi())).append(',');
        b.append(currency).append(',');
        field(b, row.content() == null ? "" : row.content()).append(',');
        field(b, row.agent() == null ? "" : row.agent()).append("\r\n");
      }
    }
    return b.toString();
  }

  /** The funnel's header. */
  static final String FUNNEL_HEADER =
      "channel,engagements,threads,leads,qualified,won,thread_rate,lead_rate,qualified_rate,"
          + "won_rate,lead_to_won_rate";

  /** The funnel as CSV: one line per channel, then the total as channel {@code all}. */
  static String funnel(FunnelReport f) {
    StringBuilder b = new StringBuilder(FUNNEL_HEADER).append("\r\n");
    List<FunnelReport.Row> rows = new ArrayList<>(f.channels());
    rows.add(f.total());
    for (FunnelReport.Row r : rows) {
      field(b, r.channel()).append(',');
      b.append(r.engagements()).append(',');
      b.append(r.threads()).append(',');
      b.append(r.leads()).append(',');
      b.append(r.qualified()).append(',');
      b.append(r.won()).append(',');
      b.append(plain(r.threadRate())).append(',');
      b.append(plain(r.leadRate())).append(',');
      b.append(plain(r.qualifiedRate())).append(',');
      b.append(plain(r.wonRate())).append(',');
      b.append(plain(r.leadToWonRate())).append("\r\n");
    }
    return b.toString();
  }

  /**
   * Time to convert as CSV: header {@code channel,conversions,} and the bucket labels; one line per
   * channel, then the total as channel {@code all}.
   */
  static String timeToConvert(TimeToConvertReport t) {
    StringBuilder b = new StringBuilder("channel,conversions");
    for (TimeToConvertReport.Bucket bucket : t.buckets()) {
      b.append(',').append(bucket.label());
    }
    b.append("\r\n");
    List<TimeToConvertReport.Group> groups = new ArrayList<>(t.channels());
    groups.add(t.total());
    for (TimeToConvertReport.Group g : groups) {
      field(b, g.channel()).append(',').append(g.conversions());
      for (long c : g.counts()) {
        b.append(',').append(c);
      }
      b.append("\r\n");
    }
    return b.toString();
  }

  private static String plain(@Nullable BigDecimal d) {
    return d == null ? "" : d.toPlainString();
  }

  private static StringBuilder field(StringBuilder b, String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    boolean quote =
        v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    if (!quote) {
      return b.append(v);
    }
    return b.append('"').append(v.replace("\"", "\"\"")).append('"');
  }
}
