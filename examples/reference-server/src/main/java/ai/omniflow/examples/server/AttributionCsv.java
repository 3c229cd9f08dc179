package ai.omniflow.examples.server;

import ai.omniflow.attribution.AttributionReport;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * An attribution report as CSV: one line per model and row, header {@code
 * model,channel,campaign,position,conversions,revenue,conversion_share,revenue_share,spend,roas,roi,currency}.
 * Fields are quoted when they hold a comma, quote or line break; a field starting with {@code =},
 * {@code +}, {@code -} or {@code @} is prefixed with {@code '} so a spreadsheet does not run it.
 */
final class AttributionCsv {
  static final String HEADER =
      "model,channel,campaign,position,conversions,revenue,conversion_share,revenue_share,"
          + "spend,roas,roi,currency";

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
        b.append(currency).append("\r\n");
      }
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
