package ai.omniflow.examples.server;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A calendar's special days on {@code /settings/sla}: add a date closed all day (a holiday) or open
 * at hours of its own (a special day), or remove a date. A date added again replaces what it was.
 * Each change sends the whole calendar through {@link SlaApi#updateCalendar}, its name, scope, zone
 * and weekly hours as they are, so the page accepts and refuses what {@code PUT
 * /sla/calendars/{id}} does; a refused date or period is shown beside its field (docs/decisions
 * 0056, 0069). Owners, admins and managers ({@link Permission#SLA_MANAGE}) only.
 */
@Controller
final class SlaDaysForm {

  /** How many period rows the add form offers for a date's hours. */
  static final int HOUR_ROWS = 2;

  private static final int MAX_CELL = 10;

  private final OmniFlow omniFlow;
  private final Pages pages;
  private final SlaApi slaApi;
  private final SlaSettingsPage page;

  SlaDaysForm(OmniFlow omniFlow, Pages pages, SlaApi slaApi, SlaSettingsPage page) {
    this.omniFlow = omniFlow;
    this.pages = pages;
    this.slaApi = slaApi;
    this.page = page;
  }

  /**
   * Adds {@code date} to the calendar: closed all day when {@code open} is {@code closed}, else
   * open at the rows of hours typed.
   */
  @PostMapping("/ui/settings/sla/calendars/{id}/days")
  String add(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String date,
      @RequestParam(required = false) @Nullable String open,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.SLA_MANAGE.check(actor);
    UUID calendarId = InboxApi.notFoundUnlessUuid(id, "The calendar");
    SlaCalendar old = omniFlow.sla().calendar(actor, calendarId);
    String form = "days-" + calendarId;
    try {
      String day = InboxApi.blank(date == null ? null : Limits.text("date", date, MAX_CELL));
      if (day == null) {
        throw OmniFlowException.invalidInput(
            "invalid_holidays", "date is required, such as 2026-12-24.");
      }
      boolean closed = !"hours".equals(open);
      List<String> holidays = without(SlaBodies.holidays(old.calendar()), day);
      List<SlaApi.SpecialDayBody> special = new ArrayList<>();
      for (SlaApi.SpecialDayBody d : SlaBodies.specialDays(old.calendar())) {
        if (!day.equals(d.date())) {
          special.add(d);
        }
      }
      if (closed) {
        holidays.add(day);
      } else {
        special.add(new SlaApi.SpecialDayBody(day, periods(request)));
      }
      slaApi.updateCalendar(
          actor, calendarId.toString(), SlaBodies.calendar(old, holidays, special));
      flash.addFlashAttribute(
          "notice",
          old.name() + ": " + day + (closed ? " is closed all day." : " has hours of its own."));
      return "redirect:/settings/sla#calendar-" + calendarId;
    } catch (OmniFlowException e) {
      if (!FormErrors.inForm(e)) {
        throw e;
      }
      response.setStatus(e.kind().httpStatus());
      return page.show(actor, who, model, errors(e, form), Map.of());
    }
  }

  /** Removes {@code date} from the calendar's holidays and special days. */
  @PostMapping("/ui/settings/sla/calendars/{id}/days/remove")
  String remove(
      @AuthenticationPrincipal SignedIn who,
      HttpServletRequest request,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String date,
      RedirectAttributes flash) {
    Actor actor = pages.actor(who, request);
    Permission.SLA_MANAGE.check(actor);
    UUID calendarId = InboxApi.notFoundUnlessUuid(id, "The calendar");
    SlaCalendar old = omniFlow.sla().calendar(actor, calendarId);
    String day = date == null ? "" : Limits.text("date", date, MAX_CELL);
    List<String> holidays = without(SlaBodies.holidays(old.calendar()), day);
    List<SlaApi.SpecialDayBody> special = new ArrayList<>();
    for (SlaApi.SpecialDayBody d : SlaBodies.specialDays(old.calendar())) {
      if (!day.equals(d.date())) {
        special.add(d);
      }
    }
    if (holidays.size() == old.calendar().holidays().size()
        && special.size() == old.calendar().specialDays().size()) {
      throw OmniFlowException.notFound("A holiday or special day on that date");
    }
    slaApi.updateCalendar(actor, calendarId.toString(), SlaBodies.calendar(old, holidays, special));
    flash.addFlashAttribute("notice", old.name() + ": " + day + " follows the weekly hours again.");
    return "redirect:/settings/sla#calendar-" + calendarId;
  }

  private static List<String> without(List<String> dates, String date) {
    List<String> out = new ArrayList<>(dates);
    out.remove(date);
    return out;
  }

  /** The rows of hours typed for a special day; a row with neither time is skipped. */
  private static List<SlaApi.PeriodBody> periods(HttpServletRequest request) {
    int max = BusinessCalendar.MAX_PERIODS_PER_DAY * 2;
    List<String> starts = Limits.list("hours", FormValues.of(request, "start"), max);
    List<String> ends = Limits.list("hours", FormValues.of(request, "end"), max);
    if (starts.size() != ends.size()) {
      throw OmniFlowException.invalidInput(
          "invalid_hours", "hours must each have a start and an end.");
    }
    List<SlaApi.PeriodBody> out = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      String s = InboxApi.blank(Limits.text("hours", starts.get(i), MAX_CELL));
      String e = InboxApi.blank(Limits.text("hours", ends.get(i), MAX_CELL));
      if (s != null || e != null) {
        out.add(new SlaApi.PeriodBody(null, s, e));
      }
    }
    return out;
  }

  /**
   * The add form's error: a date that does not read, or is out of range, beside the date; a period
   * that does not read, or overlaps, beside the hours; else atop the form.
   */
  private static Map<String, String> errors(OmniFlowException e, String form) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Map<String, String> out = new LinkedHashMap<>();
    String field =
        switch (e.code()) {
          case "invalid_holidays" -> "-date";
          case "invalid_hours" -> "-hours";
          case "invalid_special_days" ->
              message.contains("/date") || message.contains("date") && !message.contains("period")
                  ? "-date"
                  : "-hours";
          default -> message.startsWith("date") ? "-date" : "";
        };
    out.put(form + field, message);
    return out;
  }
}
