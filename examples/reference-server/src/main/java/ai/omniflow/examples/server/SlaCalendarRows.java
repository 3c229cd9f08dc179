package ai.omniflow.examples.server;

import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.OpeningHours;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SpecialDay;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The org's business calendars as {@code /settings/sla} shows them ({@link SlaSettingsPage}): each
 * calendar's scope in words, its weekly hours, holidays and special days, the rows of its hours
 * form, and the rows of a new calendar's. Pure: reads nothing, holds nothing.
 */
final class SlaCalendarRows {
  /** How many blank rows a calendar's hours form offers for new periods. */
  static final int BLANK_HOUR_ROWS = 3;

  /** The most opening periods a week holds, as {@code weekly} does. */
  static final int MAX_WEEKLY = 7 * BusinessCalendar.MAX_PERIODS_PER_DAY;

  private SlaCalendarRows() {}

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

  /** A new calendar's hours: Monday to Friday 09:00–17:00, then blank rows. */
  static List<HourRow> newHours() {
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
    return newHours;
  }

  /** {@code c} as the page shows it, naming its group or agent from the names given. */
  static CalendarRow row(
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

  private static String end(OpeningHours h) {
    return SlaBodies.end(h);
  }
}
