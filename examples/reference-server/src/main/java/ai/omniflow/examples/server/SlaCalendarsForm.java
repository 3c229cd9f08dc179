package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaErrors;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The calendar forms of {@code /settings/sla} ({@link SlaSettingsPage}): add a calendar for the
 * org, a routing group or an agent; change one's name, zone, weekly hours and holidays; delete one.
 * They go through {@link SlaApi}'s own methods, so the page accepts and refuses what {@code
 * /sla/calendars} does; a refused value is shown beside its field ({@link FormErrors},
 * docs/decisions/0057). A calendar's special days have a form of their own ({@link SlaDaysForm}).
 * Owners, admins and managers ({@link Permission#SLA_MANAGE}) only.
 */
@Controller
final class SlaCalendarsForm {
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");

  /** The longest cell of the hours table that is read: a day or a time. */
  private static final int MAX_CELL = 32;

  /** The longest holidays field read, before splitting: every holiday's date, separated. */
  private static final int MAX_HOLIDAYS_TEXT = BusinessCalendar.MAX_HOLIDAYS * 12;

  private static final Set<String> CALENDAR_FIELDS =
      Set.of("name", "scope", "zone", "hours", "holidays");

  private static final int MAX_WEEKLY = SlaCalendarRows.MAX_WEEKLY;

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final SlaApi slaApi;
  private final SlaSettingsPage page;

  SlaCalendarsForm(OmniFlow omniFlow, Pages pages, SlaApi slaApi, SlaSettingsPage page) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.slaApi = slaApi;
    this.page = page;
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
      return page.show(
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
      return page.show(actor, who, model, calendarErrors(e, form), Map.of());
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
}
