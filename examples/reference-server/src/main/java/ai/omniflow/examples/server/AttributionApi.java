package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.attribution.AttributionErrors;
import ai.omniflow.attribution.AttributionLevel;
import ai.omniflow.attribution.AttributionModel;
import ai.omniflow.attribution.AttributionReport;
import ai.omniflow.attribution.AttributionResult;
import ai.omniflow.attribution.BadRow;
import ai.omniflow.attribution.Credit;
import ai.omniflow.attribution.CsvAttribution;
import ai.omniflow.attribution.ExternalTouchpoint;
import ai.omniflow.attribution.FunnelReport;
import ai.omniflow.attribution.PathCsv;
import ai.omniflow.attribution.ReportQuery;
import ai.omniflow.attribution.Spend;
import ai.omniflow.attribution.TimeToConvertReport;
import ai.omniflow.attribution.TouchpointInput;
import ai.omniflow.tenancy.Actor;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The attribution endpoints (docs/attribution.md): touchpoints from outside the inbox, spend per
 * day, and reports of credited conversions and revenue per channel or campaign, as JSON or CSV. Bad
 * query parameters answer 400 naming the parameter; bad bodies 422; nothing is written then.
 */
@RestController
final class AttributionApi {
  private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  /** What {@code POST /attribution/compute} takes: the path CSV as the body, in UTF-8. */
  static final MediaType CSV_UPLOAD = MediaType.parseMediaType("text/csv");

  /** The longest half-life {@code half_life_days} takes, as the engine: 365 days. */
  static final int MAX_HALF_LIFE_DAYS = 365;

  private final OmniFlow omniFlow;

  AttributionApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** 201 with the touchpoint as recorded; 404 for an unknown contact; 422 for a bad field. */
  @PostMapping("/touchpoints")
  ResponseEntity<TouchpointView> record(Actor actor, @Valid @RequestBody NewTouchpoint body) {
    ExternalTouchpoint.ClickId click = null;
    int clickIds = (body.fbclid() == null ? 0 : 1) + (body.gclid() == null ? 0 : 1);
    if (clickIds > 1) {
      throw OmniFlowException.invalidInput(
          "invalid_click_id", "give one click id: fbclid or gclid.");
    }
    if (body.fbclid() != null) {
      click = new ExternalTouchpoint.ClickId(ExternalTouchpoint.ClickIdKind.FBCLID, body.fbclid());
    } else if (body.gclid() != null) {
      click = new ExternalTouchpoint.ClickId(ExternalTouchpoint.ClickIdKind.GCLID, body.gclid());
    }
    UUID contact = null;
    if (body.contactId() != null) {
      contact = InboxApi.notFoundUnlessUuid(body.contactId(), "The contact");
    }
    Instant at = null;
    if (body.occurredAt() != null) {
      try {
        at = Instant.parse(body.occurredAt().strip());
      } catch (DateTimeParseException e) {
        throw OmniFlowException.invalidInput(
            "invalid_occurred_at", "occurred_at must be an ISO-8601 instant.");
      }
    }
    TouchpointInput in =
        new TouchpointInput(
            body.channel(),
            body.campaign(),
            body.adId(),
            body.contentId(),
            new ExternalTouchpoint.Utm(
                body.utmSource(),
                body.utmMedium(),
                body.utmCampaign(),
                body.utmContent(),
                body.utmTerm()),
            click,
            contact,
            body.email(),
            body.phone(),
            body.anonymousKey(),
            at);
    ExternalTouchpoint t = omniFlow.attribution().recordTouchpoint(actor, in);
    return ResponseEntity.created(URI.create("/touchpoints/" + t.id())).body(TouchpointView.of(t));
  }

  /** 200 with how many anonymous touchpoints were linked to the contacts they now match. */
  @PostMapping("/touchpoints/link")
  LinkView link(Actor actor) {
    return new LinkView(omniFlow.attribution().linkTouchpoints(actor));
  }

  /** 200 with the spend as stored (a re-post of the same day, channel and campaign replaces). */
  @PostMapping("/attribution/spend")
  SpendView spend(Actor actor, @Valid @RequestBody NewSpend body) {
    if (body.day() == null || body.channel() == null || body.currency() == null) {
      throw OmniFlowException.invalidInput(
          "invalid_spend", "day, channel, amount and currency are required.");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(body.day().strip());
    } catch (DateTimeParseException e) {
      throw OmniFlowException.invalidInput("invalid_day", "day must be a date such as 2026-05-01.");
    }
    BigDecimal amount = amount(body.amount());
    Spend s =
        omniFlow
            .attribution()
            .recordSpend(actor, day, body.channel(), body.campaign(), amount, body.currency());
    return SpendView.of(s);
  }

  /**
   * One model's (or, with {@code model=all}, every model's) credits per channel or campaign, as
   * JSON, or as CSV with {@code Accept: text/csv} or {@code format=csv}.
   */
  @GetMapping("/attribution/report")
  ResponseEntity<?> report(
      Actor actor,
      @RequestParam(required = false) @Nullable String model,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String level,
      @RequestParam(name = "group_by", required = false) @Nullable String groupBy,
      @RequestParam(required = false) @Nullable String currency,
      @RequestParam(name = "lookback_days", required = false) @Nullable String lookbackDays,
      @RequestParam(required = false) @Nullable String order,
      @RequestParam(name = "half_life_days", required = false) @Nullable String halfLifeDays,
      @RequestParam(required = false) @Nullable String format,
      @RequestHeader(name = "Accept", required = false) @Nullable String accept) {
    String name = model == null || model.isBlank() ? "all" : model.strip();
    List<AttributionModel> models =
        name.equals("all")
            ? models(allNames(), order, halfLifeDays)
            : models(List.of(name), order, halfLifeDays);
    return answer(
        actor,
        models,
        from,
        to,
        level == null ? groupBy : level,
        currency,
        lookbackDays,
        format,
        accept);
  }

  /** As the report, with the models named side by side: {@code models=linear,markov,shapley}. */
  @GetMapping("/attribution/compare")
  ResponseEntity<?> compare(
      Actor actor,
      @RequestParam(required = false) @Nullable String models,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String level,
      @RequestParam(name = "group_by", required = false) @Nullable String groupBy,
      @RequestParam(required = false) @Nullable String currency,
      @RequestParam(name = "lookback_days", required = false) @Nullable String lookbackDays,
      @RequestParam(required = false) @Nullable String order,
      @RequestParam(name = "half_life_days", required = false) @Nullable String halfLifeDays,
      @RequestParam(required = false) @Nullable String format,
      @RequestHeader(name = "Accept", required = false) @Nullable String accept) {
    if (models == null || models.isBlank() || models.length() > 1_000) {
      throw OmniFlowException.badRequest(
          AttributionErrors.INVALID_MODEL, "models must list models separated by commas.");
    }
    List<String> names = new ArrayList<>();
    for (String n : models.split(",", ReportQuery.MAX_MODELS + 1)) {
      names.add(n.strip());
    }
    return answer(
        actor,
        models(names, order, halfLifeDays),
        from,
        to,
        level == null ? groupBy : level,
        currency,
        lookbackDays,
        format,
        accept);
  }

  /**
   * Every model named ({@code model}, one or {@code all}, the default; {@code order} for Markov)
   * over the path CSV sent as the body ({@code Content-Type: text/csv}), streamed through core
   * without holding the upload. 200 with the credits per model; 422 {@code invalid_csv} with the
   * first 20 bad lines and why, nothing computed; 400 for a bad parameter, before the body is read;
   * 413 past {@code omniflow.server.max-attribution-upload} ({@link RequestBodyLimit}).
   */
  @PostMapping(path = RequestBodyLimit.UPLOAD_PATH, consumes = "text/csv")
  ResponseEntity<?> compute(
      Actor actor,
      @RequestParam(required = false) @Nullable String model,
      @RequestParam(required = false) @Nullable String order,
      @RequestParam(name = "half_life_days", required = false) @Nullable String halfLifeDays,
      HttpServletRequest request)
      throws IOException {
    String name = model == null || model.isBlank() ? "all" : model.strip();
    List<AttributionModel> models =
        name.equals("all")
            ? models(allNames(), order, halfLifeDays)
            : models(List.of(name), order, halfLifeDays);
    CsvAttribution answer;
    try (InputStream in = request.getInputStream()) {
      answer = omniFlow.attribution().computeCsv(actor, in, models);
    }
    if (answer instanceof CsvAttribution.Refused refused) {
      HttpStatus status = HttpStatus.valueOf(422);
      ProblemDetail p =
          Problems.problem(
              status,
              AttributionErrors.INVALID_CSV,
              "The CSV has "
                  + refused.badRowCount()
                  + " bad row(s); nothing was computed. bad_rows gives the first "
                  + PathCsv.MAX_BAD_ROWS
                  + " lines and why.",
              request);
      List<BadRowView> rows = new ArrayList<>();
      for (BadRow b : refused.badRows()) {
        rows.add(new BadRowView(b.line(), b.reason()));
      }
      p.setProperty("bad_row_count", refused.badRowCount());
      p.setProperty("bad_rows", rows);
      return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
    CsvAttribution.Computed c = (CsvAttribution.Computed) answer;
    Map<String, List<CreditView>> byModel = new LinkedHashMap<>();
    for (AttributionResult r : c.results()) {
      List<CreditView> credits = new ArrayList<>(r.credits().size());
      for (Credit credit : r.credits()) {
        credits.add(
            new CreditView(
                credit.channel(),
                credit.position() == 0 ? null : credit.position(),
                credit.conversions(),
                credit.value()));
      }
      byModel.put(r.model().wireName(), credits);
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ComputeView(c.paths(), c.conversions(), c.value(), byModel));
  }

  /**
   * The funnel per channel over {@code from}–{@code to} (dates, {@code to} included, or instants):
   * engagements, threads, leads, qualified, won and the rate of each step; JSON, or CSV with {@code
   * Accept: text/csv} or {@code format=csv}.
   */
  @GetMapping("/attribution/funnel")
  ResponseEntity<?> funnel(
      Actor actor,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String format,
      @RequestHeader(name = "Accept", required = false) @Nullable String accept) {
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    boolean csv = csv(format, accept);
    FunnelReport f = omniFlow.attribution().funnel(actor, start, end);
    if (csv) {
      return csvAnswer("funnel.csv", AttributionCsv.funnel(f));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(f);
  }

  /**
   * How long the leads won over {@code from}–{@code to} took from first touch to win, as counts in
   * fixed buckets per channel of the first touch ({@code group_by=channel}, the only grouping) and
   * in all; JSON, or CSV with {@code Accept: text/csv} or {@code format=csv}.
   */
  @GetMapping("/attribution/time-to-convert")
  ResponseEntity<?> timeToConvert(
      Actor actor,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(name = "group_by", required = false) @Nullable String groupBy,
      @RequestParam(required = false) @Nullable String format,
      @RequestHeader(name = "Accept", required = false) @Nullable String accept) {
    if (groupBy != null && !groupBy.isBlank() && !groupBy.strip().equals("channel")) {
      throw OmniFlowException.badRequest(
          AttributionErrors.INVALID_LEVEL, "group_by must be channel.");
    }
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    boolean csv = csv(format, accept);
    TimeToConvertReport t = omniFlow.attribution().timeToConvert(actor, start, end);
    if (csv) {
      return csvAnswer("time-to-convert.csv", AttributionCsv.timeToConvert(t));
    }
    List<BucketView> buckets = new ArrayList<>();
    for (TimeToConvertReport.Bucket b : t.buckets()) {
      buckets.add(
          new BucketView(
              b.label(), b.from().getSeconds(), b.to() == null ? null : b.to().getSeconds()));
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            new TimeToConvertView(
                t.from(), t.to(), "channel", buckets, t.channels(), t.total(), t.truncated()));
  }

  // Whether to answer CSV: format=csv, or no format and an Accept naming text/csv.
  private static boolean csv(@Nullable String format, @Nullable String accept) {
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw OmniFlowException.badRequest("invalid_format", "format must be json or csv.");
    }
    return "csv".equals(format)
        || (format == null && accept != null && accept.contains("text/csv"));
  }

  private static ResponseEntity<String> csvAnswer(String filename, String body) {
    return ResponseEntity.ok()
        .contentType(CSV)
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .body(body);
  }

  private ResponseEntity<?> answer(
      Actor actor,
      List<AttributionModel> models,
      @Nullable String from,
      @Nullable String to,
      @Nullable String level,
      @Nullable String currency,
      @Nullable String lookbackDays,
      @Nullable String format,
      @Nullable String accept) {
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    AttributionLevel lvl = level(level);
    Duration lookback = ReportQuery.DEFAULT_LOOKBACK;
    if (lookbackDays != null) {
      try {
        lookback = Duration.ofDays(Integer.parseInt(lookbackDays.strip()));
      } catch (NumberFormatException e) {
        throw OmniFlowException.badRequest(
            AttributionErrors.INVALID_LOOKBACK, "lookback_days must be a whole number of days.");
      }
    }
    ReportQuery q =
        new ReportQuery(
            start,
            end,
            lvl,
            models,
            currency == null || currency.isBlank() ? null : currency,
            lookback);
    AttributionReport r = omniFlow.attribution().report(actor, q);
    boolean csv =
        "csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"));
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw OmniFlowException.badRequest("invalid_format", "format must be json or csv.");
    }
    if (csv) {
      return ResponseEntity.ok()
          .contentType(CSV)
          .header("Content-Disposition", "attachment; filename=\"attribution.csv\"")
          .body(AttributionCsv.write(r));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(r);
  }

  private static List<String> allNames() {
    List<String> names = new ArrayList<>();
    for (AttributionModel m : AttributionModel.all()) {
      names.add(m.wireName());
    }
    return names;
  }

  private static List<AttributionModel> models(
      List<String> names, @Nullable String order, @Nullable String halfLifeDays) {
    AttributionModel.TimeDecay decay = new AttributionModel.TimeDecay();
    if (halfLifeDays != null) {
      int days;
      try {
        days = Integer.parseInt(halfLifeDays.strip());
      } catch (NumberFormatException e) {
        days = 0;
      }
      if (days < 1 || days > MAX_HALF_LIFE_DAYS) {
        throw OmniFlowException.badRequest(
            AttributionErrors.INVALID_HALF_LIFE,
            "half_life_days (of time_decay) must be a whole number of days from 1 to "
                + MAX_HALF_LIFE_DAYS
                + ".");
      }
      decay = new AttributionModel.TimeDecay(Duration.ofDays(days), decay.untimedStep());
    }
    int markovOrder = 1;
    if (order != null) {
      try {
        markovOrder = Integer.parseInt(order.strip());
      } catch (NumberFormatException e) {
        markovOrder = 0;
      }
      if (markovOrder < 1 || markovOrder > 3) {
        throw OmniFlowException.badRequest(
            AttributionErrors.INVALID_ORDER, "order (of the Markov chain) must be 1, 2 or 3.");
      }
    }
    if (names.size() > ReportQuery.MAX_MODELS) {
      throw OmniFlowException.badRequest(
          AttributionErrors.INVALID_MODEL, "at most " + ReportQuery.MAX_MODELS + " models.");
    }
    List<AttributionModel> out = new ArrayList<>();
    for (String n : names) {
      AttributionModel m = AttributionModel.parse(n.length() > 64 ? "?" : n);
      if (m instanceof AttributionModel.Markov) {
        m = new AttributionModel.Markov(markovOrder);
      } else if (m instanceof AttributionModel.TimeDecay) {
        m = decay;
      }
      out.add(m);
    }
    return out;
  }

  private static AttributionLevel level(@Nullable String level) {
    if (level == null || level.isBlank() || level.equals("channel")) {
      return AttributionLevel.CHANNEL;
    }
    switch (level) {
      case "campaign":
        return AttributionLevel.CAMPAIGN;
      case "content":
        return AttributionLevel.CONTENT;
      case "agent":
        return AttributionLevel.AGENT;
      default:
        throw OmniFlowException.badRequest(
            AttributionErrors.INVALID_LEVEL,
            "level (or group_by) must be channel, campaign, content or agent.");
    }
  }

  // A date (the whole UTC day; "to" then includes it) or an ISO-8601 instant.
  private static Instant instant(String param, @Nullable String value) {
    if (value == null || value.isBlank() || value.length() > 40) {
      throw OmniFlowException.badRequest(
          AttributionErrors.INVALID_RANGE, param + " is required: a date or an ISO-8601 instant.");
    }
    String v = value.strip();
    try {
      if (v.length() == 10) {
        LocalDate d = LocalDate.parse(v);
        return (param.equals("to") ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(v);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw OmniFlowException.badRequest(
          AttributionErrors.INVALID_RANGE, param + " must be a date or an ISO-8601 instant.");
    }
  }

  private static BigDecimal amount(@Nullable JsonNode v) {
    if (v != null && v.isString()) {
      return Limits.decimal("amount", v.stringValue());
    }
    if (v != null && v.isNumber()) {
      return Limits.decimal("amount", v.asString());
    }
    throw OmniFlowException.invalidInput(
        "invalid_amount", "amount must be a decimal number such as \"120.50\".");
  }

  record NewTouchpoint(
      @Size(max = ExternalTouchpoint.MAX_CHANNEL, message = "invalid_channel")
          @Nullable String channel,
      @Size(max = Limits.MAX_ID, message = "invalid_campaign") @Nullable String campaign,
      @Size(max = Limits.MAX_ID, message = "invalid_ad_id") @Nullable String adId,
      @Size(max = Limits.MAX_ID, message = "invalid_content_id") @Nullable String contentId,
      @Size(max = Limits.MAX_ID, message = "invalid_utm_source") @Nullable String utmSource,
      @Size(max = Limits.MAX_ID, message = "invalid_utm_medium") @Nullable String utmMedium,
      @Size(max = Limits.MAX_ID, message = "invalid_utm_campaign") @Nullable String utmCampaign,
      @Size(max = Limits.MAX_ID, message = "invalid_utm_content") @Nullable String utmContent,
      @Size(max = Limits.MAX_ID, message = "invalid_utm_term") @Nullable String utmTerm,
      @Size(max = ExternalTouchpoint.MAX_CLICK_ID, message = "invalid_fbclid")
          @Nullable String fbclid,
      @Size(max = ExternalTouchpoint.MAX_CLICK_ID, message = "invalid_gclid")
          @Nullable String gclid,
      @Size(max = 64, message = "invalid_contact_id") @Nullable String contactId,
      @Size(max = ExternalTouchpoint.MAX_HANDLE, message = "invalid_email") @Nullable String email,
      @Size(max = ExternalTouchpoint.MAX_HANDLE, message = "invalid_phone") @Nullable String phone,
      @Size(max = Limits.MAX_ID, message = "invalid_anonymous_key") @Nullable String anonymousKey,
      @Size(max = 64, message = "invalid_occurred_at") @Nullable String occurredAt) {}

  record NewSpend(
      @Size(max = 32, message = "invalid_day") @Nullable String day,
      @Size(max = ExternalTouchpoint.MAX_CHANNEL, message = "invalid_channel")
          @Nullable String channel,
      @Size(max = Limits.MAX_ID, message = "invalid_campaign") @Nullable String campaign,
      @Nullable JsonNode amount,
      @Size(max = 3, message = "invalid_currency") @Nullable String currency) {}

  record TouchpointView(
      UUID id,
      @Nullable UUID contactId,
      boolean anonymous,
      String channel,
      @Nullable String campaign,
      @Nullable String clickIdKind,
      Instant occurredAt) {
    static TouchpointView of(ExternalTouchpoint t) {
      return new TouchpointView(
          t.id(),
          t.contactId(),
          t.contactId() == null,
          t.channel(),
          t.campaign(),
          t.clickId() == null ? null : t.clickId().kind().wireName().toLowerCase(Locale.ROOT),
          t.occurredAt());
    }
  }

  record LinkView(int linked) {}

  record BadRowView(long line, String reason) {}

  record BucketView(String label, long fromSeconds, @Nullable Long toSeconds) {}

  record TimeToConvertView(
      Instant from,
      Instant to,
      String groupBy,
      List<BucketView> buckets,
      List<TimeToConvertReport.Group> groups,
      TimeToConvertReport.Group total,
      boolean truncated) {}

  record CreditView(
      String channel,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer position,
      BigDecimal conversions,
      BigDecimal value) {}

  record ComputeView(
      long paths, BigDecimal conversions, BigDecimal value, Map<String, List<CreditView>> models) {}

  record SpendView(
      String day, String channel, @Nullable String campaign, String amount, String currency) {
    static SpendView of(Spend s) {
      return new SpendView(
          s.day().toString(), s.channel(), s.campaign(), s.amount().toPlainString(), s.currency());
    }
  }
}
