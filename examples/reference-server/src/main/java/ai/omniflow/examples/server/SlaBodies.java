package ai.omniflow.examples.server;

import ai.omniflow.sla.BusinessCalendar;
import ai.omniflow.sla.EscalationStep;
import ai.omniflow.sla.OpeningHours;
import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaPolicy;
import ai.omniflow.sla.SlaTarget;
import ai.omniflow.sla.SpecialDay;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SLA policy and calendars in force as {@link SlaApi}'s body records, so a settings form that
 * changes one part (the targets, the escalation steps, a calendar's special days) sends the API the
 * rest exactly as it is. Windows and delays are ISO-8601 durations, times {@code HH:mm} with {@code
 * 24:00} for midnight at the end of a period.
 *
 * <pre>{@code
 * slaApi.replaceConfig(actor, SlaBodies.config(policy, newSteps));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class SlaBodies {
  private SlaBodies() {}

  /** {@code policy} with its escalation replaced by {@code escalation}. */
  static SlaApi.ConfigBody config(SlaPolicy policy, List<SlaApi.StepBody> escalation) {
    return new SlaApi.ConfigBody(
        targets(policy),
        policy.warningThreshold(),
        policy.businessHoursOnly(),
        policy.pauseWhileWaiting(),
        escalation);
  }

  /** {@code policy}'s targets, in order. */
  static List<SlaApi.TargetBody> targets(SlaPolicy policy) {
    List<SlaApi.TargetBody> out = new ArrayList<>();
    for (SlaTarget t : policy.targets()) {
      out.add(
          new SlaApi.TargetBody(
              t.channel(),
              t.band(),
              t.firstResponse().toString(),
              t.nextResponse().toString(),
              t.afterHours() == null ? null : t.afterHours().toString()));
    }
    return out;
  }

  /** {@code policy}'s escalation steps, in order. */
  static List<SlaApi.StepBody> steps(SlaPolicy policy) {
    List<SlaApi.StepBody> out = new ArrayList<>();
    for (EscalationStep s : policy.escalation()) {
      out.add(
          new SlaApi.StepBody(
              s.trigger().name().toLowerCase(Locale.ROOT),
              s.delay().toString(),
              s.action().name().toLowerCase(Locale.ROOT),
              s.group()));
    }
    return out;
  }

  /**
   * {@code c} with its holidays and special days replaced, keeping its name, scope, zone and weekly
   * hours.
   */
  static SlaApi.CalendarBody calendar(
      SlaCalendar c, List<String> holidays, List<SlaApi.SpecialDayBody> specialDays) {
    BusinessCalendar cal = c.calendar();
    List<SlaApi.PeriodBody> weekly = new ArrayList<>();
    cal.weeklyHours()
        .forEach(
            (day, hours) -> {
              for (OpeningHours h : hours) {
                weekly.add(
                    new SlaApi.PeriodBody(
                        day.name().toLowerCase(Locale.ROOT), h.start().toString(), end(h)));
              }
            });
    return new SlaApi.CalendarBody(
        c.name(),
        new SlaApi.ScopeBody(c.scope().kind().wireName(), c.scope().ref()),
        cal.zone().getId(),
        weekly,
        holidays,
        specialDays);
  }

  /** {@code cal}'s holidays, in date order. */
  static List<String> holidays(BusinessCalendar cal) {
    return cal.holidays().stream().map(LocalDate::toString).toList();
  }

  /** {@code cal}'s special days, in date order. */
  static List<SlaApi.SpecialDayBody> specialDays(BusinessCalendar cal) {
    List<SlaApi.SpecialDayBody> out = new ArrayList<>();
    for (SpecialDay d : cal.specialDays()) {
      List<SlaApi.PeriodBody> hours = new ArrayList<>();
      for (OpeningHours h : d.hours()) {
        hours.add(new SlaApi.PeriodBody(null, h.start().toString(), end(h)));
      }
      out.add(new SlaApi.SpecialDayBody(d.date().toString(), hours));
    }
    return out;
  }

  /** A period's end as a form shows it: {@code 24:00} for the midnight that ends a day. */
  static String end(OpeningHours h) {
    return h.end().equals(LocalTime.MIDNIGHT) ? "24:00" : h.end().toString();
  }
}
