package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.AttributionErrors;
import ai.omniflow.attribution.AttributionModel;
import ai.omniflow.attribution.AttributionReport;
import ai.omniflow.attribution.FunnelReport;
import ai.omniflow.tenancy.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /attribution}: the attribution report as a page — a model (or every model side by side), a
 * date range in the org's time zone (the last 30 days when {@code from} and {@code to} are empty),
 * grouping by channel, campaign, content or agent — as a table and a bar chart drawn on the server
 * as SVG, with a CSV export of the same filters at {@code /ui/attribution.csv}. Both go through
 * {@link AttributionApi#report}, so the page and the CSV answer what {@code GET
 * /attribution/report} does for the same range; a filter it refuses is shown beside its field
 * (docs/decisions/0058). Under them, the funnel and how long the leads won took from first touch to
 * win ({@link TimeToConvertRows}), as a table and a Chart.js chart drawn from it (0069). Everyone
 * who may read attribution ({@code Permission.ATTRIBUTION_READ}: every role) sees it.
 */
@Controller
final class AttributionPage {
  /** The model shown when none is picked: every touch gets an equal share. */
  static final String DEFAULT_MODEL = "linear";

  /** The value of the model picker that shows every model side by side. */
  static final String ALL = "all";

  /** How many days the range spans when neither end is given. */
  static final int DEFAULT_DAYS = 30;

  /** The most bars the chart draws; the table lists every row. */
  static final int MAX_BARS = 20;

  /** What the report groups by, as {@code GET /attribution/report} takes it. */
  static final List<String> GROUPINGS = List.of("channel", "campaign", "content", "agent");

  private static final Set<String> FIELDS = Set.of("model", "from", "to", "group_by");

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final AttributionApi attributionApi;

  AttributionPage(OmniFlow omniFlow, Pages pages, AttributionApi attributionApi) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.attributionApi = attributionApi;
  }

  /** A model to pick. */
  record Choice(String value, String label) {}

  /** A row of the one-model table. */
  record Row(
      String name,
      String conversions,
      String revenue,
      String revenueShare,
      String spend,
      String roas) {}

  /**
   * A bar of the chart, in the SVG's units.
   *
   * @param y the top of the bar
   * @param width the bar's length, 0 to {@link #BAR_WIDTH}
   */
  record Bar(String label, String value, int y, long width) {}

  /**
   * A row of the side-by-side table: a channel (or campaign, content, agent) and its revenue under
   * each model.
   */
  record CompareRow(String name, List<String> revenue) {}

  /** The longest bar, in the SVG's units; labels take the 200 before it. */
  static final int BAR_WIDTH = 380;

  /** The filters as resolved: what the page shows and what its CSV link exports. */
  record Filters(String model, LocalDate from, LocalDate to, String groupBy) {}

  @GetMapping("/attribution")
  String attribution(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(name = "model", required = false) @Nullable String modelName,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(name = "group_by", required = false) @Nullable String groupBy) {
    Actor actor = pages.actor(who, request);
    Pages.Zone zone = pages.frame(actor, who, "attribution", model);
    model.addAttribute("models", choices());
    model.addAttribute("modelValue", modelName == null ? DEFAULT_MODEL : text(modelName, 64));
    model.addAttribute("fromValue", from == null ? "" : text(from, 10));
    model.addAttribute("toValue", to == null ? "" : text(to, 10));
    model.addAttribute(
        "groupBy", groupBy != null && GROUPINGS.contains(groupBy) ? groupBy : "channel");
    model.addAttribute("groupings", GROUPINGS);
    model.addAttribute("errors", Map.of());
    model.addAttribute("report", null);
    try {
      Filters f = filters(zone.id(), modelName, from, to, groupBy);
      AttributionReport r = report(actor, zone.id(), f, "json");
      model.addAttribute("fromValue", f.from().toString());
      model.addAttribute("toValue", f.to().toString());
      model.addAttribute("modelValue", f.model());
      model.addAttribute("filters", f);
      model.addAttribute("report", r);
      model.addAttribute("csv", csvLink(f));
      model.addAttribute("funnel", funnel(actor, zone.id(), f));
      model.addAttribute(
          "ttc",
          TimeToConvertRows.of(
              omniFlow
                  .attribution()
                  .timeToConvert(
                      actor,
                      f.from().atStartOfDay(zone.id()).toInstant(),
                      f.to().plusDays(1).atStartOfDay(zone.id()).toInstant())));
      fill(model, r, f, f.groupBy().equals("agent") ? pages.memberNames(actor) : Map.of());
      return "attribution";
    } catch (OmniFlowException e) {
      if (!FormErrors.inForm(e)) {
        throw e;
      }
      response.setStatus(e.kind().httpStatus());
      model.addAttribute("errors", FormErrors.of(e, "filters", FIELDS));
      return "attribution";
    }
  }

  /**
   * The report of the page's filters as CSV, the same lines as {@code GET
   * /attribution/report?format=csv}; empty {@code from} and {@code to} mean the last 30 days, as on
   * the page. A refused filter answers as an error page.
   */
  @GetMapping("/ui/attribution.csv")
  ResponseEntity<?> csv(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @RequestParam(name = "model", required = false) @Nullable String modelName,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(name = "group_by", required = false) @Nullable String groupBy) {
    Actor actor = pages.actor(who, request);
    ZoneId zone = omniFlow.tenancy().org(actor).zone();
    Filters f = filters(zone, modelName, from, to, groupBy);
    return answer(actor, zone, f, "csv");
  }

  private AttributionReport report(Actor actor, ZoneId zone, Filters f, String format) {
    Object body = answer(actor, zone, f, format).getBody();
    if (!(body instanceof AttributionReport r)) {
      throw new IllegalStateException("the attribution report answered no report");
    }
    return r;
  }

  private ResponseEntity<?> answer(Actor actor, ZoneId zone, Filters f, String format) {
    return attributionApi.report(
        actor,
        f.model(),
        f.from().atStartOfDay(zone).toInstant().toString(),
        f.to().plusDays(1).atStartOfDay(zone).toInstant().toString(),
        null,
        f.groupBy(),
        null,
        null,
        null,
        null,
        format,
        null);
  }

  /**
   * The filters with their defaults: the linear model, grouping by channel, and a range ending
   * today (in the org's zone) and starting 29 days before its end, so 30 whole days.
   *
   * @throws OmniFlowException {@code invalid_range} or {@code invalid_group_by} (bad request)
   */
  Filters filters(
      ZoneId zone,
      @Nullable String model,
      @Nullable String from,
      @Nullable String to,
      @Nullable String groupBy) {
    String m = InboxApi.blank(model);
    String g = InboxApi.blank(groupBy);
    if (g != null && !GROUPINGS.contains(g)) {
      throw OmniFlowException.badRequest(
          "invalid_group_by", "group_by must be channel, campaign, content or agent.");
    }
    LocalDate today = LocalDate.ofInstant(omniFlow.clock().instant(), zone);
    LocalDate end = date("to", to, today);
    LocalDate start = date("from", from, end.minusDays(DEFAULT_DAYS - 1L));
    return new Filters(m == null ? DEFAULT_MODEL : m, start, end, g == null ? "channel" : g);
  }

  private static LocalDate date(String field, @Nullable String raw, LocalDate dflt) {
    String text = InboxApi.blank(raw);
    if (text == null) {
      return dflt;
    }
    if (text.length() == 10) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        // refused below
      }
    }
    throw OmniFlowException.badRequest(
        AttributionErrors.INVALID_RANGE, field + " must be a date such as 2026-05-01.");
  }

  /** The page's CSV link for {@code f}: the resolved dates, so it exports what is shown. */
  private static String csvLink(Filters f) {
    return UriComponentsBuilder.fromPath("/ui/attribution.csv")
        .queryParam("model", f.model())
        .queryParam("from", f.from())
        .queryParam("to", f.to())
        .queryParam("group_by", f.groupBy())
        .encode()
        .toUriString();
  }

  /** The funnel of the same range, through {@link AttributionApi#funnel}. */
  private FunnelReport funnel(Actor actor, ZoneId zone, Filters f) {
    Object body =
        attributionApi
            .funnel(
                actor,
                f.from().atStartOfDay(zone).toInstant().toString(),
                f.to().plusDays(1).atStartOfDay(zone).toInstant().toString(),
                "json",
                null)
            .getBody();
    if (!(body instanceof FunnelReport funnel)) {
      throw new IllegalStateException("the funnel answered no report");
    }
    return funnel;
  }

  private static void fill(Model model, AttributionReport r, Filters f, Map<UUID, String> members) {
    String currency = r.currency() == null ? "" : " " + r.currency();
    Namer namer = row -> name(row, f.groupBy(), members);
    if (r.models().size() == 1) {
      AttributionReport.ModelCredits credits = r.models().get(0);
      List<Row> rows = new ArrayList<>();
      for (AttributionReport.Row row : credits.rows()) {
        rows.add(
            new Row(
                namer.name(row),
                plain(row.conversions().setScale(2, RoundingMode.HALF_UP)),
                plain(row.revenue()) + currency,
                plain(row.revenueShare()) + " %",
                row.spend() == null ? "—" : plain(row.spend()) + currency,
                row.roas() == null ? "—" : plain(row.roas().setScale(2, RoundingMode.HALF_UP))));
      }
      model.addAttribute("rows", rows);
      model.addAttribute("bars", bars(credits, namer, currency));
      model.addAttribute("total", plain(credits.revenue()) + currency);
      model.addAttribute(
          "totalConversions", plain(credits.conversions().setScale(2, RoundingMode.HALF_UP)));
    } else {
      List<String> names = new ArrayList<>();
      Map<String, List<String>> byName = new LinkedHashMap<>();
      for (int i = 0; i < r.models().size(); i++) {
        AttributionReport.ModelCredits credits = r.models().get(i);
        names.add(label(credits.model()));
        for (AttributionReport.Row row : credits.rows()) {
          String key = namer.name(row) + (row.position() > 0 ? " #" + row.position() : "");
          List<String> cells = byName.computeIfAbsent(key, k -> new ArrayList<>());
          while (cells.size() < i) {
            cells.add("—");
          }
          cells.add(plain(row.revenue()));
        }
        for (List<String> cells : byName.values()) {
          while (cells.size() < i + 1) {
            cells.add("—");
          }
        }
      }
      List<CompareRow> compare = new ArrayList<>();
      byName.forEach((k, v) -> compare.add(new CompareRow(k, v)));
      model.addAttribute("modelNames", names);
      model.addAttribute("compare", compare);
      model.addAttribute("currency", r.currency() == null ? "" : r.currency());
    }
  }

  /** The chart's bars: revenue per row, the largest the full width; at most {@link #MAX_BARS}. */
  static List<Bar> bars(AttributionReport.ModelCredits credits, Namer namer, String currency) {
    BigDecimal max = BigDecimal.ZERO;
    for (AttributionReport.Row row : credits.rows()) {
      max = max.max(row.revenue());
    }
    List<Bar> bars = new ArrayList<>();
    for (AttributionReport.Row row : credits.rows()) {
      if (bars.size() == MAX_BARS) {
        break;
      }
      long width =
          max.signum() == 0
              ? 0
              : row.revenue()
                  .multiply(BigDecimal.valueOf(BAR_WIDTH))
                  .divide(max, 0, RoundingMode.HALF_UP)
                  .longValue();
      String name = namer.name(row);
      bars.add(
          new Bar(
              name.length() > 26 ? name.substring(0, 25) + "…" : name,
              plain(row.revenue()) + currency,
              bars.size() * 30 + 4,
              Math.max(width, 0)));
    }
    return bars;
  }

  /** How a row of the report is named on the page. */
  @FunctionalInterface
  interface Namer {
    String name(AttributionReport.Row row);
  }

  /**
   * A row's name at its level: the channel, or the campaign, content or agent (a member's name)
   * with the channel after it; a touch without one counts under its channel alone.
   */
  static String name(AttributionReport.Row row, String groupBy, Map<UUID, String> members) {
    String channel = row.channel().replace('_', ' ');
    String value =
        switch (groupBy) {
          case "campaign" -> row.campaign();
          case "content" -> row.content();
          case "agent" -> row.agent() == null ? null : member(row.agent(), members);
          default -> null;
        };
    if (groupBy.equals("channel")) {
      return channel;
    }
    return (value == null ? "no " + groupBy : value) + " (" + channel + ")";
  }

  private static String member(String userId, Map<UUID, String> members) {
    try {
      return members.getOrDefault(UUID.fromString(userId), "a former member");
    } catch (IllegalArgumentException e) {
      return "an agent";
    }
  }

  private static String plain(BigDecimal d) {
    return d.toPlainString();
  }

  private static String text(String value, int max) {
    return value.length() > max ? "" : value;
  }

  private static String label(String wireName) {
    return wireName.replace('_', ' ');
  }

  private static List<Choice> choices() {
    List<Choice> out = new ArrayList<>();
    for (AttributionModel m : AttributionModel.all()) {
      out.add(new Choice(m.wireName(), label(m.wireName())));
    }
    out.add(new Choice(ALL, "every model, side by side"));
    return out;
  }
}
