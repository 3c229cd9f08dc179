package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.Page;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaConfig;
import ai.omniflow.sla.SlaErrors;
import ai.omniflow.sla.SlaJson;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.SpeedToLeadQuery;
import ai.omniflow.sla.SpeedToLeadReport;
import ai.omniflow.sla.WinRateReport;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SLA endpoints (docs/sla.md): the policy in force and the org's business calendars. Bodies are
 * typed records bounded by Bean Validation, read into core values by {@link SlaJson}, the one
 * reader of these shapes, which the store uses too. Bad input answers 422 naming the field, a
 * calendar id that does not parse or is another org's 404, and a refused call writes nothing.
 */
@RestController
final class SlaApi {
  private final OmniFlow omniFlow;

  SlaApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** The policy in force: the org's own ({@code "source": "org"}) or its pack's default. */
  @GetMapping("/sla/config")
  Map<String, @Nullable Object> config(Actor actor) {
    return view(omniFlow.sla().config(actor));
  }

  /**
   * Replaces the policy in force with the org's own (the original product's verb); 200 with it. 422
   * {@code invalid_sla}, {@code invalid_targets}, {@code invalid_first_response}, {@code
   * invalid_warning_threshold}, {@code invalid_escalation}…
   */
  @PostMapping("/sla/config")
  Map<String, @Nullable Object> replaceConfig(Actor actor, @Valid @RequestBody ConfigBody body) {
    Permission.SLA_MANAGE.check(actor);
    return view(omniFlow.sla().replaceConfig(actor, SlaJson.policy(body.toJson())));
  }

  /** As {@code POST /sla/config}. */
  @PutMapping("/sla/config")
  Map<String, @Nullable Object> putConfig(Actor actor, @Valid @RequestBody ConfigBody body) {
    return replaceConfig(actor, body);
  }

  @GetMapping("/sla/calendars")
  Page<Map<String, @Nullable Object>> calendars(
      Actor actor,
      @RequestParam(defaultValue = "50") String limit,
      @RequestParam(defaultValue = "0") String offset) {
    var page = Api.page(limit, offset);
    return Page.slice(omniFlow.sla().calendars(actor).stream().map(SlaJson::toJson).toList(), page);
  }

  /**
   * 201 with the calendar; 422 {@code invalid_calendar}, {@code invalid_zone}, {@code
   * invalid_hours}, {@code invalid_holidays}, {@code invalid_special_days}, {@code unknown_group},
   * {@code unknown_agent}; 409 {@code sla_calendar_scope_taken}, {@code too_many_calendars}.
   */
  @PostMapping("/sla/calendars")
  ResponseEntity<Map<String, @Nullable Object>> createCalendar(
      Actor actor, @Valid @RequestBody CalendarBody body) {
    Permission.SLA_MANAGE.check(actor);
    SlaCalendar created = omniFlow.sla().createCalendar(actor, body.toCalendar(UUID.randomUUID()));
    return ResponseEntity.created(URI.create("/sla/calendars/" + created.id()))
        .body(SlaJson.toJson(created));
  }

  @GetMapping("/sla/calendars/{id}")
  Map<String, @Nullable Object> calendar(Actor actor, @PathVariable String id) {
    return SlaJson.toJson(omniFlow.sla().calendar(actor, calendarId(id)));
  }

  /** Replaces the calendar's name, scope and definition; 200 with it; 404; 422 as for POST. */
  @PutMapping("/sla/calendars/{id}")
  Map<String, @Nullable Object> updateCalendar(
      Actor actor, @PathVariable String id, @Valid @RequestBody CalendarBody body) {
    Permission.SLA_MANAGE.check(actor);
    UUID calendarId = calendarId(id);
    return SlaJson.toJson(omniFlow.sla().updateCalendar(actor, body.toCalendar(calendarId)));
  }

  /** 204; 404 for an unknown calendar. */
  @DeleteMapping("/sla/calendars/{id}")
  ResponseEntity<Void> deleteCalendar(Actor actor, @PathVariable String id) {
    omniFlow.sla().deleteCalendar(actor, calendarId(id));
    return ResponseEntity.noContent().build();
  }

  /**
   * The thread's SLA clock now: {@code {state, clock, due_at, business_seconds_left, paused}}, read
   * from the thread's last inbound and outbound times ({@code SlaService.threadReading} says what
   * that reading can and cannot tell). 404 for an unknown thread.
   */
  @GetMapping("/inbox/threads/{id}/sla")
  Map<String, @Nullable Object> threadSla(Actor actor, @PathVariable String id) {
    SlaReading r =
        omniFlow.sla().threadReading(actor, InboxApi.notFoundUnlessUuid(id, "The thread"));
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("state", r.state().name().toLowerCase(java.util.Locale.ROOT));
    out.put(
        "clock", r.clock() == null ? null : r.clock().name().toLowerCase(java.util.Locale.ROOT));
    out.put("due_at", r.dueAt() == null ? null : r.dueAt().toString());
    out.put("business_seconds_left", r.businessSecondsLeft());
    out.put("paused", r.paused());
    return out;
  }

  /**
   * Speed to lead over {@code from}–{@code to} (dates, a {@code to} date included, or instants) per
   * {@code group_by} ({@code agent}, {@code channel}, {@code source}, {@code campaign}, {@code
   * pack}): per group and in total the clocks, replies, met and breached, the share met and the
   * median and 90th percentile of the first-response time in business and wall seconds; a figure
   * without data is {@code null}; and {@code win_rate_by_first_response}, the first leads of the
   * range's threads per bucket of the wait for the first reply. 400 {@code invalid_from}, {@code
   * invalid_to}, {@code range_too_long}, {@code invalid_group_by}.
   */
  @GetMapping("/sla/metrics")
  Map<String, @Nullable Object> metrics(
      Actor actor,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(name = "group_by", required = false) @Nullable String groupBy) {
    SpeedToLeadQuery query = SpeedToLeadQuery.parse(from, to, groupBy);
    SpeedToLeadReport r = omniFlow.sla().speedToLead(actor, query);
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("from", query.from().toString());
    out.put("to", query.to().toString());
    out.put("group_by", query.groupBy().wireName());
    out.put("at", r.at().toString());
    out.put("total", view(r.total()));
    out.put("groups", r.groups().stream().map(SlaApi::view).toList());
    out.put("truncated", r.truncated());
    WinRateReport w = omniFlow.sla().winRateByFirstResponse(actor, query);
    out.put("win_rate_by_first_response", w.buckets().stream().map(SlaApi::view).toList());
    return out;
  }

  private static Map<String, @Nullable Object> view(WinRateReport.Bucket b) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("bucket", b.label());
    out.put("from_seconds", b.from() == null ? null : b.from().getSeconds());
    out.put("to_seconds", b.to() == null ? null : b.to().getSeconds());
    out.put("won", b.won());
    out.put("lost", b.lost());
    out.put("open", b.open());
    out.put("win_rate", b.winRate());
    return out;
  }

  private static Map<String, @Nullable Object> view(SpeedToLeadReport.Group g) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("key", g.key());
    out.put("count", g.clocks());
    out.put("responded", g.responded());
    out.put("met", g.met());
    out.put("breaches", g.breached());
    out.put("share_met", g.shareMet());
    out.put("p50_business_seconds", seconds(g.p50Business()));
    out.put("p90_business_seconds", seconds(g.p90Business()));
    out.put("p50_wall_seconds", seconds(g.p50Wall()));
    out.put("p90_wall_seconds", seconds(g.p90Wall()));
    return out;
  }

  // Seconds to the microsecond the report keeps.
  private static @Nullable Double seconds(@Nullable Duration d) {
    return d == null ? null : d.toNanos() / 1_000_000_000.0;
  }

  private static UUID calendarId(String id) {
    return InboxApi.notFoundUnlessUuid(id, "The calendar");
  }

  private static Map<String, @Nullable Object> view(SlaConfig config) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("source", config.source().wireName());
    out.putAll(SlaJson.toJson(config.policy()));
    return out;
  }

  private static void putIfGiven(Map<String, Object> json, String key, @Nullable Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  /**
   * An SLA policy as {@code POST /sla/config} takes it: {@code targets} (one without channel and
   * band: the default) and {@code warning_threshold} are required; {@code business_hours_only}
   * defaults to true, {@code pause_while_waiting} to false, {@code escalation} to none.
   */
  record ConfigBody(
      @Size(max = SlaPolicy.MAX_TARGETS, message = "invalid_targets")
          @Nullable List<@NotNull(message = "invalid_sla") @Valid TargetBody> targets,
      @Nullable Double warningThreshold,
      @Nullable Boolean businessHoursOnly,
      @Nullable Boolean pauseWhileWaiting,
      @Size(max = SlaPolicy.MAX_ESCALATION_STEPS, message = "invalid_escalation")
          @Nullable List<@NotNull(message = "invalid_escalation") @Valid StepBody> escalation) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      if (targets != null) {
        List<Object> list = new ArrayList<>();
        for (TargetBody t : targets) {
          Map<String, Object> m = new LinkedHashMap<>();
          putIfGiven(m, "channel", t.channel());
          putIfGiven(m, "band", t.band());
          putIfGiven(m, "first_response", t.firstResponse());
          putIfGiven(m, "next_response", t.nextResponse());
          putIfGiven(m, "after_hours", t.afterHours());
          list.add(m);
        }
        json.put("targets", list);
      }
      putIfGiven(json, "warning_threshold", warningThreshold);
      putIfGiven(json, "business_hours_only", businessHoursOnly);
      putIfGiven(json, "pause_while_waiting", pauseWhileWaiting);
      List<Object> steps = new ArrayList<>();
      for (StepBody s : escalation == null ? List.<StepBody>of() : escalation) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfGiven(m, "trigger", s.trigger());
        putIfGiven(m, "delay", s.delay());
        putIfGiven(m, "action", s.action());
        putIfGiven(m, "group", s.group());
        steps.add(m);
      }
      json.put("escalation", steps);
      return json;
    }
  }

  /** A response target; windows are ISO-8601 durations such as {@code PT5M}, at most 30 days. */
  record TargetBody(
      @Size(max = 32, message = "invalid_channel") @Nullable String channel,
      @Size(max = 16, message = "invalid_band") @Nullable String band,
      @Size(max = 32, message = "invalid_first_response") @Nullable String firstResponse,
      @Size(max = 32, message = "invalid_next_response") @Nullable String nextResponse,
      @Size(max = 32, message = "invalid_after_hours") @Nullable String afterHours) {}

  /** An escalation step: {@code {"trigger": "breach", "delay": "PT0S", "action": "…"}}. */
  record StepBody(
      @Size(max = 16, message = "invalid_escalation") @Nullable String trigger,
      @Size(max = 32, message = "invalid_escalation") @Nullable String delay,
      @Size(max = 32, message = "invalid_escalation") @Nullable String action,
      @Size(max = 64, message = "invalid_escalation") @Nullable String group) {}

  /**
   * A business calendar as {@code POST /sla/calendars} and {@code PUT /sla/calendars/{id}} take it:
   * {@code name}, {@code zone} and {@code weekly} are required; {@code scope} defaults to the org.
   */
  record CalendarBody(
      @Size(max = Limits.MAX_NAME, message = "invalid_calendar") @Nullable String name,
      @Valid @Nullable ScopeBody scope,
      @Size(max = BusinessCalendar.MAX_ZONE_ID, message = "invalid_zone") @Nullable String zone,
      @Size(max = 7 * BusinessCalendar.MAX_PERIODS_PER_DAY, message = "invalid_hours")
          @Nullable List<@NotNull(message = "invalid_hours") @Valid PeriodBody> weekly,
      @Size(max = BusinessCalendar.MAX_HOLIDAYS, message = "invalid_holidays")
          @Nullable
              List<
                  @NotNull(message = "invalid_holidays")
                  @Size(max = 10, message = "invalid_holidays") String>
              holidays,
      @Size(max = BusinessCalendar.MAX_SPECIAL_DAYS, message = "invalid_special_days")
          @Nullable List<@NotNull(message = "invalid_special_days") @Valid SpecialDayBody>
              specialDays) {

    /**
     * @throws OmniFlowException (invalid input) naming the field at fault
     */
    SlaCalendar toCalendar(UUID id) {
      if (name == null || name.isBlank()) {
        throw OmniFlowException.invalidInput(SlaErrors.INVALID_CALENDAR, "name is required.");
      }
      SlaCalendar.Scope s = SlaCalendar.Scope.org();
      if (scope != null) {
        SlaCalendar.Kind kind = SlaCalendar.Kind.of(scope.kind());
        if (kind == null) {
          throw OmniFlowException.invalidInput(
              SlaErrors.INVALID_CALENDAR, "scope.kind must be org, group or agent.");
        }
        s = new SlaCalendar.Scope(kind, scope.ref());
      }
      Map<String, Object> json = new LinkedHashMap<>();
      putIfGiven(json, "zone", zone);
      if (weekly != null) {
        json.put("weekly", weekly.stream().map(p -> (Object) p.toJson(true)).toList());
      }
      if (holidays != null) {
        json.put("holidays", List.copyOf(holidays));
      }
      List<Object> special = new ArrayList<>();
      for (SpecialDayBody d : specialDays == null ? List.<SpecialDayBody>of() : specialDays) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfGiven(m, "date", d.date());
        if (d.hours() != null) {
          m.put("hours", d.hours().stream().map(p -> (Object) p.toJson(false)).toList());
        }
        special.add(m);
      }
      json.put("special_days", special);
      return new SlaCalendar(id, name, s, SlaJson.calendar(json));
    }
  }

  /** Whom a calendar applies to: {@code {"kind": "group", "ref": "night"}}. */
  record ScopeBody(
      @Size(max = 8, message = "invalid_calendar") @Nullable String kind,
      @Size(max = 64, message = "invalid_calendar") @Nullable String ref) {}

  /** An opening period: {@code {"day": "friday", "start": "22:00", "end": "02:00"}}. */
  record PeriodBody(
      @Size(max = 9, message = "invalid_hours") @Nullable String day,
      @Size(max = 5, message = "invalid_hours") @Nullable String start,
      @Size(max = 5, message = "invalid_hours") @Nullable String end) {
    Map<String, Object> toJson(boolean withDay) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (withDay) {
        putIfGiven(m, "day", day);
      }
      putIfGiven(m, "start", start);
      putIfGiven(m, "end", end);
      return m;
    }
  }

  /** A date with hours of its own: {@code {"date": "2026-12-24", "hours": [{…}]}}. */
  record SpecialDayBody(
      @Size(max = 10, message = "invalid_special_days") @Nullable String date,
      @Size(max = BusinessCalendar.MAX_PERIODS_PER_DAY, message = "invalid_special_days")
          @Nullable List<@NotNull(message = "invalid_special_days") @Valid PeriodBody> hours) {}
}
