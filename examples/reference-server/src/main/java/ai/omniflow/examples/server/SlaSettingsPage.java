package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.routing.Agent;
import ai.omniflow.routing.RoutingGroup;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.EscalationStep;
import ai.omniflow.sla.OpeningHours;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaConfig;
import ai.omniflow.sla.SlaErrors;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaTarget;
import ai.omniflow.sla.SpecialDay;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /settings/sla}: the SLA policy in force (response targets per channel and score band, the
 * warning threshold, business hours, pausing, escalation) and the org's business calendars (hours
 * per weekday, holidays, time zone; docs/sla.md). Everyone who may read SLAs ({@link
 * Permission#SLA_READ}) sees them; owners, admins and managers ({@link Permission#SLA_MANAGE}) edit
 * the targets, threshold and flags, and add, change and delete calendars. The forms go through
 * {@link SlaApi}'s own methods, so the page accepts and refuses exactly what {@code POST
 * /sla/config} and {@code /sla/calendars} do; a refused value is shown next to its field ({@link
 * FormErrors}, docs/decisions/0057). The escalation steps ({@link SlaEscalationForm}) and a
 * calendar's holidays and special days ({@link SlaDaysForm}) have forms of their own that render
 * this page on a refusal (docs/decisions/0069).
 */
@Controller
final class SlaSettingsPage {
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");

  /** How many blank rows the targets form offers for new targets. */
  static final int BLANK_TARGET_ROWS = 2;

  /** How many blank rows a calendar's hours form offers for new periods. */
  static final int BLANK_HOUR_ROWS = 3;

  /** The longest cell of the targets or hours tables that is read: a channel, a window, a time. */
  private static final int MAX_CELL = 32;

  /** The most opening periods a week holds, as {@code weekly} does. */
  private static final int MAX_WEEKLY = 7 * BusinessCalendar.MAX_PERIODS_PER_DAY;

  /** The longest holidays field read, before splitting: every holiday's date, separated. */
  private static final int MAX_HOLIDAYS_TEXT = BusinessCalendar.MAX_HOLIDAYS * 12;

  private static final Set<String> POLICY_FIELDS = Set.of("targets", "warning_threshold");

  /** The codes of a single target's values: shown beside the targets table. */
  private static final Set<String> TARGET_CODES =
      Set.of(
          "invalid_first_response",
          "invalid_next_response",
          "invalid_after_hours",
          "invalid_channel",
          "invalid_band");

  private static final Set<String> CALENDAR_FIELDS =
      Set.of("name", "scope", "zone", "hours", "holidays");

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final SlaApi slaApi;

  SlaSettingsPage(OmniFlow omniFlow, Pages pages, SlaApi slaApi) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.slaApi = slaApi;
  }

  /**
   * A row of the targets table.
   *
   * @param channel a channel id, or empty for every channel
   * @param band a score band, or empty for every band
   * @param firstResponse the window as typed: whole minutes, or an ISO-8601 duration
   */
  record TargetRow(
      String channel,
      String band,
      String firstResponse,
      String nextResponse,
      String afterHours,
      String label) {}

  /** A row of a calendar's hours form: a period, or a blank row to add one. */
  record HourRow(String day, String start, String end) {}

  /** A calendar as the page shows it. */
  record CalendarRow(
      String id,
      String name,
      String scope,
      String zone,
      List<String> weekly,
      List<String> holidays,
      String holidaysText,
      List<String> specialDays,
      List<HourRow> hourRows,
      List<DayRow> days) {}

  /**
   * A date of a calendar with hours other than its weekday's, for the list to remove it from.
   *
   * @param date the date, {@code 2026-12-24}
   * @param label how the page says it: closed all day, or its periods
   */
  record DayRow(String date, String label) {}

  /** A value to choose, with the words to show. */
  record Choice(String value, String label) {}

  @GetMapping("/settings/sla")
  String sla(@AuthenticationPrincipal SignedIn who, HttpServletRequest request, Model model) {
    Actor actor = pages.actor(who, request);
    return show(actor, who, model, Map.of(), Map.of());
  }

  /**
   * Replaces the policy in force with the org's own: the rows of the targets table (blank rows
   * ignored), the warning threshold and the two flags; the escalation steps in force are kept.
   */
  @PostMapping("/ui/settings/sla/policy")
  String policy(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(name = "warning_threshold", required = false) @Nullable String threshold,
      @RequestParam(name = "business_hours_only", required = false) @Nullable String businessHours,
      @RequestParam(name = "pause_while_waiting", required = false) @Nullable String pause,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.SLA_MANAGE.check(actor);
    try {
      slaApi.replaceConfig(
          actor,
          new SlaApi.ConfigBody(
              targetRows(request),
              share(threshold),
              businessHours != null,
              pause != null,
              SlaBodies.steps(omniFlow.sla().config(actor).policy())));
      flash.addFlashAttribute("notice", "SLA policy saved: the org's own policy is in force.");
      return "redirect:/settings/sla";
    } catch (OmniFlowException e) {
      if (!FormErrors.inForm(e)) {
        throw e;
      }
      response.setStatus(e.kind().httpStatus());
      return show(actor, who, model, policyErrors(e), Map.of());
    }
  }

  /** Adds a calendar for the org, a routing group or an agent. */
  @PostMapping("/ui/settings/sla/calendars")
  String createCalendar(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String scope,
      @RequestParam(required = false) @Nullable String zone,
      @RequestParam(required = false) @Nullable String holidays,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.SLA_MANAGE.check(actor);
    try {
      var created =
          slaApi
              .createCalendar(actor, calendarBody(name, scope(scope), zone, request, holidays))
              .getBody();
      flash.addFlashAttribute(
          "notice", "Calendar " + (created == null ? "" : created.get("name")) + " added.");
      return "redirect:/settings/sla";
    } catch (OmniFlowException e) {
      if (!FormErrors.inForm(e)) {
        throw e;
      }
      response.setStatus(e.kind().httpStatus());
      Map<String, String> errors = calendarErrors(e, "new-calendar");
      Map<String, @Nullable String> submitted = new LinkedHashMap<>();
      submitted.put("name", name);
      submitted.put("scope", scope);
      submitted.put("zone", zone);
      submitted.put("holidays", holidays);
      return show(
          actor,
          who,
          model,
          errors,
          FormErrors.kept(errors, "new-calendar", submitted, MAX_HOLIDAYS_TEXT));
    }
  }

  /**
   * Replaces a calendar's name, zone, weekly hours and holidays, keeping its scope and special
   * days.
   */
  @PostMapping("/ui/settings/sla/calendars/{id}")
  String updateCalendar(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String zone,
      @RequestParam(required = false) @Nullable String holidays,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.SLA_MANAGE.check(actor);
    UUID calendarId = InboxApi.notFoundUnlessUuid(id, "The calendar");
    SlaCalendar old = omniFlow.sla().calendar(actor, calendarId);
    String form = "calendar-" + calendarId;
    try {
      SlaApi.CalendarBody body =
          calendarBody(
              name,
              new SlaApi.ScopeBody(old.scope().kind().wireName(), old.scope().ref()),
              zone,
              request,
              holidays);
      Map<String, @Nullable Object> saved =
          slaApi.updateCalendar(
              actor,
              calendarId.toString(),
              new SlaApi.CalendarBody(
                  body.name(),
                  body.scope(),
                  body.zone(),
                  body.weekly(),
                  body.holidays(),
                  SlaBodies.specialDays(old.calendar())));
      flash.addFlashAttribute("notice", "Calendar " + saved.get("name") + " saved.");
      return "redirect:/settings/sla#" + form;
    } catch (OmniFlowException e) {
      if (!FormErrors.inForm(e)) {
        throw e;
      }
      response.setStatus(e.kind().httpStatus());
      return show(actor, who, model, calendarErrors(e, form), Map.of());
    }
  }

  /** Deletes a calendar; the clocks it timed fall back to the org's calendar, or to open hours. */
  @PostMapping("/ui/settings/sla/calendars/{id}/delete")
  String deleteCalendar(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.SLA_MANAGE.check(actor);
    UUID calendarId = InboxApi.notFoundUnlessUuid(id, "The calendar");
    String name = omniFlow.sla().calendar(actor, calendarId).name();
    slaApi.deleteCalendar(actor, calendarId.toString());
    flash.addFlashAttribute("notice", "Calendar " + name + " deleted.");
    return "redirect:/settings/sla";
  }

  /** The page with {@code errors} beside their fields and {@code typed} values kept. */
  String show(
      Actor actor,
      SignedIn who,
      Model model,
      Map<String, String> errors,
      Map<String, String> typed) {
    pages.frame(actor, who, "settings-sla", model);
    boolean manage = Permission.SLA_MANAGE.allows(actor.role());
    SlaConfig config = omniFlow.sla().config(actor);
    SlaPolicy policy = config.policy();
    List<TargetRow> targets = new ArrayList<>();
    for (SlaTarget t : policy.targets()) {
      targets.add(
          new TargetRow(
              t.channel() == null ? "" : t.channel(),
              t.band() == null ? "" : t.band(),
              window(t.firstResponse()),
              window(t.nextResponse()),
              t.afterHours() == null ? "" : window(t.afterHours()),
              targetLabel(t)));
    }
    List<TargetRow> targetRows = new ArrayList<>(targets);
    for (int i = 0; i < BLANK_TARGET_ROWS && targetRows.size() < SlaPolicy.MAX_TARGETS; i++) {
      targetRows.add(new TargetRow("", "", "", "", "", ""));
    }
    List<String> escalation = new ArrayList<>();
    for (EscalationStep s : policy.escalation()) {
      escalation.add(step(s));
    }
    Map<String, String> groupNames = new LinkedHashMap<>();
    Map<String, String> agentNames = new LinkedHashMap<>();
    if (Permission.ROUTING_READ.allows(actor.role())) {
      for (RoutingGroup g : omniFlow.routing().groups(actor)) {
        groupNames.put(g.key(), g.name());
      }
      for (Agent a : omniFlow.routing().agents(actor)) {
        agentNames.put(a.id().toString(), a.name());
      }
    }
    List<Choice> scopes = new ArrayList<>();
    scopes.add(new Choice("org", "The whole org"));
    groupNames.forEach((k, n) -> scopes.add(new Choice("group:" + k, "Group " + n)));
    agentNames.forEach((k, n) -> scopes.add(new Choice("agent:" + k, "Agent " + n)));
    List<CalendarRow> calendars = new ArrayList<>();
    boolean hasOrgCalendar = false;
    for (SlaCalendar c : omniFlow.sla().calendars(actor)) {
      calendars.add(row(c, groupNames, agentNames));
      hasOrgCalendar |= c.scope().kind() == SlaCalendar.Kind.ORG;
    }
    List<HourRow> newHours = new ArrayList<>();
    for (DayOfWeek d :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      newHours.add(new HourRow(d.name().toLowerCase(Locale.ROOT), "09:00", "17:00"));
    }
    for (int i = 0; i < BLANK_HOUR_ROWS; i++) {
      newHours.add(new HourRow("", "", ""));
    }
    model.addAttribute("manage", manage);
    model.addAttribute("source", config.source().wireName());
    model.addAttribute("targets", targets);
    model.addAttribute("targetRows", targetRows);
    model.addAttribute("threshold", policy.warningThreshold());
    model.addAttribute("thresholdPercent", Math.round(policy.warningThreshold() * 100));
    model.addAttribute("businessHoursOnly", policy.businessHoursOnly());
    model.addAttribute("pauseWhileWaiting", policy.pauseWhileWaiting());
    model.addAttribute("escalation", escalation);
    model.addAttribute("stepRows", SlaEscalationForm.rows(policy));
    model.addAttribute("triggers", SlaEscalationForm.TRIGGERS);
    model.addAttribute("actions", SlaEscalationForm.ACTIONS);
    List<Choice> groups = new ArrayList<>();
    groups.add(new Choice("", "No group"));
    groupNames.forEach((k, n) -> groups.add(new Choice(k, n)));
    for (EscalationStep s : policy.escalation()) {
      if (s.group() != null && !groupNames.containsKey(s.group())) {
        groups.add(new Choice(s.group(), s.group()));
      }
    }
    model.addAttribute("groups", groups);
    model.addAttribute("dayHourRows", SlaDaysForm.HOUR_ROWS);
    model.addAttribute("calendars", calendars);
    model.addAttribute("hasOrgCalendar", hasOrgCalendar);
    model.addAttribute("scopes", scopes);
    model.addAttribute("newHours", newHours);
    model.addAttribute("channels", choices(SlaTarget.CHANNELS, "Every channel"));
    model.addAttribute("bands", choices(SlaTarget.BANDS, "Every band"));
    model.addAttribute("days", DAYS);
    model.addAttribute("zones", PackSettingsPage.ZONES);
    model.addAttribute("orgZone", omniFlow.tenancy().org(actor).zone().getId());
    model.addAttribute("errors", errors);
    model.addAttribute("typed", typed);
    return "settings-sla";
  }

  private static CalendarRow row(
      SlaCalendar c, Map<String, String> groupNames, Map<String, String> agentNames) {
    String scope =
        switch (c.scope().kind()) {
          case ORG -> "the whole org";
          case GROUP ->
              "group " + groupNames.getOrDefault(c.scope().ref(), String.valueOf(c.scope().ref()));
          case AGENT -> "agent " + agentNames.getOrDefault(c.scope().ref(), "(an agent)");
        };
    BusinessCalendar cal = c.calendar();
    List<String> weekly = new ArrayList<>();
    List<HourRow> rows = new ArrayList<>();
    cal.weeklyHours()
        .forEach(
            (day, hours) -> {
              for (OpeningHours h : hours) {
                weekly.add(
                    day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + " "
                        + h.start()
                        + "–"
                        + end(h)
                        + (h.crossesMidnight() ? " (next day)" : ""));
                rows.add(
                    new HourRow(day.name().toLowerCase(Locale.ROOT), h.start().toString(), end(h)));
              }
            });
    for (int i = 0; i < BLANK_HOUR_ROWS && rows.size() < MAX_WEEKLY; i++) {
      rows.add(new HourRow("", "", ""));
    }
    List<String> holidays = cal.holidays().stream().map(LocalDate::toString).toList();
    List<String> special = new ArrayList<>();
    java.util.SortedMap<LocalDate, String> days = new java.util.TreeMap<>();
    for (LocalDate h : cal.holidays()) {
      days.put(h, "closed all day");
    }
    for (SpecialDay d : cal.specialDays()) {
      List<String> periods = new ArrayList<>();
      for (OpeningHours h : d.hours()) {
        periods.add(h.start() + "–" + end(h));
      }
      special.add(d.date() + ": " + String.join(", ", periods));
      days.put(d.date(), "open " + String.join(", ", periods));
    }
    List<DayRow> dayRows = new ArrayList<>();
    days.forEach((date, label) -> dayRows.add(new DayRow(date.toString(), label)));
    return new CalendarRow(
        c.id().toString(),
        c.name(),
        scope,
        cal.zone().getId(),
        weekly,
        holidays,
        String.join("\n", holidays),
        special,
        rows,
        dayRows);
  }

  /** The rows of the targets table, in order; a row with nothing typed is skipped. */
  private static List<SlaApi.TargetBody> targetRows(HttpServletRequest request) {
    List<String> channels = cells(request, "channel");
    List<String> bands = cells(request, "band");
    List<String> firsts = cells(request, "first_response");
    List<String> nexts = cells(request, "next_response");
    List<String> afters = cells(request, "after_hours");
    int n = channels.size();
    if (bands.size() != n || firsts.size() != n || nexts.size() != n || afters.size() != n) {
      throw OmniFlowException.invalidInput(
          "invalid_targets", "targets must each have a channel, a band and their windows.");
    }
    List<SlaApi.TargetBody> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String c = cell(channels.get(i));
      String b = cell(bands.get(i));
      String f = window(firsts.get(i));
      String x = window(nexts.get(i));
      String a = window(afters.get(i));
      if (c != null || b != null || f != null || x != null || a != null) {
        out.add(new SlaApi.TargetBody(c, b, f, x, a));
      }
    }
    return out;
  }

  private static List<String> cells(HttpServletRequest request, String name) {
    return Limits.list("targets", FormValues.of(request, name), SlaPolicy.MAX_TARGETS * 2);
  }

  private static @Nullable String cell(String value) {
    return InboxApi.blank(Limits.text("targets", value, MAX_CELL));
  }

  /**
   * A window typed as whole minutes ({@code 15}) as the ISO-8601 duration the API takes ({@code
   * PT15M}); anything else is handed on as typed, for the API to read or refuse.
   */
  static @Nullable String window(String value) {
    String text = cell(value);
    if (text == null) {
      return null;
    }
    if (text.chars().allMatch(Character::isDigit) && text.length() <= 6) {
      return Duration.ofMinutes(Long.parseLong(text)).toString();
    }
    return text;
  }

  /** A window as the form shows it: whole minutes, else its ISO-8601 form. */
  private static String window(Duration d) {
    return d.toSecondsPart() == 0 && d.toNanosPart() == 0
        ? Long.toString(d.toMinutes())
        : d.toString();
  }

  /** A share typed as {@code 0.75} (or as a percentage, {@code 75%}). */
  private static @Nullable Double share(@Nullable String raw) {
    String text = InboxApi.blank(raw);
    if (text == null) {
      return null;
    }
    String t = Limits.text("warning_threshold", text, 16);
    try {
      if (t.endsWith("%")) {
        return Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100;
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw OmniFlowException.invalidInput(
          "invalid_warning_threshold",
          "warning_threshold must be a number between 0 and 1, such as 0.75.");
    }
  }

  private static SlaApi.CalendarBody calendarBody(
      @Nullable String name,
      SlaApi.@Nullable ScopeBody scope,
      @Nullable String zone,
      HttpServletRequest request,
      @Nullable String holidays) {
    String n = name == null ? null : Limits.text("name", name.strip(), Limits.MAX_NAME);
    String z = InboxApi.blank(zone);
    return new SlaApi.CalendarBody(
        n,
        scope,
        z == null ? null : Limits.text("zone", z, BusinessCalendar.MAX_ZONE_ID),
        hourRows(request),
        holidays(holidays),
        List.of());
  }

  /** The form's scope choice: {@code org}, {@code group:<key>} or {@code agent:<id>}. */
  private static SlaApi.ScopeBody scope(@Nullable String raw) {
    String text = InboxApi.blank(raw);
    if (text == null || text.equals("org")) {
      return new SlaApi.ScopeBody("org", null);
    }
    Limits.text("scope", text, 80);
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon);
    if (!kind.equals("group") && !kind.equals("agent")) {
      throw OmniFlowException.invalidInput(
          "invalid_scope", "scope must be the org, a routing group or an agent.");
    }
    return new SlaApi.ScopeBody(kind, text.substring(colon + 1));
  }

  /** The rows of an hours form, read side by side; a row with neither day nor times is skipped. */
  private static List<SlaApi.PeriodBody> hourRows(HttpServletRequest request) {
    List<String> days = Limits.list("hours", FormValues.of(request, "day"), MAX_WEEKLY * 2);
    List<String> starts = Limits.list("hours", FormValues.of(request, "start"), MAX_WEEKLY * 2);
    List<String> ends = Limits.list("hours", FormValues.of(request, "end"), MAX_WEEKLY * 2);
    if (starts.size() != days.size() || ends.size() != days.size()) {
      throw OmniFlowException.invalidInput(
          "invalid_hours", "hours must each have a day, a start and an end.");
    }
    List<SlaApi.PeriodBody> out = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      String d = InboxApi.blank(Limits.text("hours", days.get(i), MAX_CELL));
      String s = InboxApi.blank(Limits.text("hours", starts.get(i), MAX_CELL));
      String e = InboxApi.blank(Limits.text("hours", ends.get(i), MAX_CELL));
      if (d != null || s != null || e != null) {
        out.add(new SlaApi.PeriodBody(d, s, e));
      }
    }
    return Limits.list("hours", out, MAX_WEEKLY);
  }

  /** Holidays typed one date a line (or separated by commas or spaces). */
  private static List<String> holidays(@Nullable String raw) {
    String text = InboxApi.blank(raw);
    if (text == null) {
      return List.of();
    }
    Limits.text("holidays", text, MAX_HOLIDAYS_TEXT);
    List<String> out = new ArrayList<>();
    for (String date : LIST_SEPARATOR.split(text)) {
      if (!date.isEmpty()) {
        if (date.length() > 10) {
          throw OmniFlowException.invalidInput(
              "invalid_holidays", "holidays must be dates such as 2026-12-25.");
        }
        out.add(date);
      }
    }
    return Limits.list("holidays", out, BusinessCalendar.MAX_HOLIDAYS);
  }

  /** The policy form's error: beside the targets table, the threshold, or atop the form. */
  private static Map<String, String> policyErrors(OmniFlowException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (TARGET_CODES.contains(e.code())
        || (e.code().equals(SlaErrors.INVALID_SLA) && message.startsWith("targets"))) {
      return Map.of("policy-targets", message);
    }
    return FormErrors.of(e, "policy", POLICY_FIELDS);
  }

  /** A calendar form's error: beside its field; a scope the org lacks or has used, beside scope. */
  private static Map<String, String> calendarErrors(OmniFlowException e, String form) {
    String code = e.code();
    if (code.equals(SlaErrors.UNKNOWN_GROUP)
        || code.equals(SlaErrors.UNKNOWN_AGENT)
        || code.equals(SlaErrors.SLA_CALENDAR_SCOPE_TAKEN)) {
      return Map.of(form + "-scope", e.getMessage() == null ? "" : e.getMessage());
    }
    return FormErrors.of(e, form, CALENDAR_FIELDS);
  }

  private static String end(OpeningHours h) {
    return SlaBodies.end(h);
  }

  private static String targetLabel(SlaTarget t) {
    String channel = t.channel() == null ? "every channel" : t.channel().replace('_', ' ');
    String band = t.band() == null ? "" : ", " + t.band() + " leads";
    return channel + band;
  }

  private static String step(EscalationStep s) {
    String when = s.trigger() == EscalationStep.Trigger.WARNING ? "at risk" : "breached";
    String after =
        s.delay().isZero()
            ? "at once"
            : Duration.ofSeconds(s.delay().toSeconds()).toMinutes() + " min later";
    String action = s.action().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return "When "
        + when
        + ", "
        + after
        + ": "
        + action
        + (s.group() == null ? "" : " " + s.group());
  }

  private static List<Choice> choices(List<String> values, String any) {
    List<Choice> out = new ArrayList<>();
    out.add(new Choice("", any));
    for (String v : values) {
      out.add(new Choice(v, v.replace('_', ' ')));
    }
    return out;
  }

  private static final List<Choice> DAYS =
      java.util.Arrays.stream(DayOfWeek.values())
          .map(
              d ->
                  new Choice(
                      d.name().toLowerCase(Locale.ROOT),
                      d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)))
          .toList();
}
