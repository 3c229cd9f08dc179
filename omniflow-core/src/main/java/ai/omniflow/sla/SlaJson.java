package ai.omniflow.sla;

import ai.omniflow.OmniFlowException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of {@link SlaPolicy} and {@link BusinessCalendar}, as JSON-shaped maps (strings,
 * booleans, numbers, lists and maps): what a store saves and what an HTTP API takes and answers.
 * Durations are ISO-8601 ({@code PT5M}), times {@code HH:mm} ({@code 24:00} for the end of the
 * day), dates {@code yyyy-MM-dd}, enums in lower case.
 *
 * <pre>{@code
 * Map<String, Object> json = SlaJson.toJson(policy);
 * SlaPolicy back = SlaJson.policy(json);
 * }</pre>
 *
 * <pre>
 * {"targets": [{"channel": "instagram_dm", "band": "hot", "first_response": "PT5M",
 *               "next_response": "PT10M", "after_hours": "PT15M"}, …],
 *  "warning_threshold": 0.75, "business_hours_only": true, "pause_while_waiting": false,
 *  "escalation": [{"trigger": "breach", "delay": "PT0S", "action": "reroute_to_group",
 *                  "group": "managers"}]}
 *
 * {"zone": "America/New_York",
 *  "weekly": [{"day": "friday", "start": "22:00", "end": "02:00"}],
 *  "holidays": ["2026-12-25"],
 *  "special_days": [{"date": "2026-12-24", "hours": [{"start": "09:00", "end": "13:00"}]}]}
 * </pre>
 *
 * <p>Readers refuse with an {@link OmniFlowException} of kind invalid input naming the field and
 * never the value: a policy's missing or mistyped value is {@code invalid_sla}, a calendar's is its
 * field's code ({@code invalid_zone}, {@code invalid_hours}, {@code invalid_holidays}, {@code
 * invalid_special_days}); values out of bounds raise their own codes ({@code
 * invalid_first_response}, {@code invalid_warning_threshold}, {@code invalid_escalation}, …).
 * Stateless and thread-safe.
 */
public final class SlaJson {
  private SlaJson() {}

  /** {@code policy} as a JSON object. */
  public static Map<String, @Nullable Object> toJson(SlaPolicy policy) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    List<Object> targets = new ArrayList<>();
    for (SlaTarget t : policy.targets()) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("channel", t.channel());
      m.put("band", t.band());
      m.put("first_response", t.firstResponse().toString());
      m.put("next_response", t.nextResponse().toString());
      m.put("after_hours", t.afterHours() == null ? null : t.afterHours().toString());
      targets.add(m);
    }
    out.put("targets", targets);
    out.put("warning_threshold", policy.warningThreshold());
    out.put("business_hours_only", policy.businessHoursOnly());
    out.put("pause_while_waiting", policy.pauseWhileWaiting());
    List<Object> steps = new ArrayList<>();
    for (EscalationStep s : policy.escalation()) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("trigger", s.trigger().name().toLowerCase(Locale.ROOT));
      m.put("delay", s.delay().toString());
      m.put("action", s.action().name().toLowerCase(Locale.ROOT));
      m.put("group", s.group());
      steps.add(m);
    }
    out.put("escalation", steps);
    return out;
  }

  /**
   * Reads a policy. {@code targets} and {@code warning_threshold} are required; the flags default
   * to {@code business_hours_only: true} and {@code pause_while_waiting: false}, the escalation to
   * none.
   *
   * @throws OmniFlowException (invalid input) as the class says
   */
  public static SlaPolicy policy(Map<String, ?> json) {
    String code = SlaErrors.INVALID_SLA;
    List<?> targetList = list(json.get("targets"), "targets", SlaPolicy.MAX_TARGETS, code, true);
    List<SlaTarget> targets = new ArrayList<>();
    for (int i = 0; i < targetList.size(); i++) {
      String path = "targets/" + i;
      Map<String, ?> m = object(targetList.get(i), path, code);
      targets.add(
          new SlaTarget(
              optionalText(m.get("channel"), path + "/channel", code),
              optionalText(m.get("band"), path + "/band", code),
              duration(m.get("first_response"), path + "/first_response", code, true),
              duration(
                  m.get("next_response") == null ? m.get("first_response") : m.get("next_response"),
                  path + "/next_response",
                  code,
                  true),
              duration(m.get("after_hours"), path + "/after_hours", code, false)));
    }
    Object w = json.get("warning_threshold");
    if (!(w instanceof Number n)) {
      throw invalid(code, "warning_threshold is required: a number between 0 and 1.");
    }
    List<?> stepList =
        list(json.get("escalation"), "escalation", SlaPolicy.MAX_ESCALATION_STEPS, code, false);
    List<EscalationStep> steps = new ArrayList<>();
    for (int i = 0; i < stepList.size(); i++) {
      String path = "escalation/" + i;
      Map<String, ?> m = object(stepList.get(i), path, code);
      EscalationStep.Trigger trigger =
          constant(
              EscalationStep.Trigger.class, m.get("trigger"), path + "/trigger", code, "warning");
      EscalationStep.Action action =
          constant(
              EscalationStep.Action.class,
              m.get("action"),
              path + "/action",
              code,
              "notify_manager");
      Duration delay = duration(m.get("delay"), path + "/delay", code, false);
      steps.add(
          new EscalationStep(
              trigger,
              delay == null ? Duration.ZERO : delay,
              action,
              optionalText(m.get("group"), path + "/group", code)));
    }
    return new SlaPolicy(
        targets,
        n.doubleValue(),
        flag(json.get("business_hours_only"), "business_hours_only", code, true),
        flag(json.get("pause_while_waiting"), "pause_while_waiting", code, false),
        steps);
  }

  /** {@code calendar}'s definition as a JSON object: zone, weekly hours, holidays, special days. */
  public static Map<String, Object> toJson(BusinessCalendar calendar) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("zone", calendar.zone().getId());
    List<Object> weekly = new ArrayList<>();
    calendar
        .weeklyHours()
        .forEach(
            (day, hours) -> {
              for (OpeningHours h : hours) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("day", day.name().toLowerCase(Locale.ROOT));
                m.put("start", h.start().toString());
                m.put("end", end(h));
                weekly.add(m);
              }
            });
    out.put("weekly", weekly);
    out.put("holidays", calendar.holidays().stream().map(LocalDate::toString).toList());
    List<Object> special = new ArrayList<>();
    for (SpecialDay d : calendar.specialDays()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("date", d.date().toString());
      m.put("hours", d.hours().stream().map(SlaJson::period).toList());
      special.add(m);
    }
    out.put("special_days", special);
    return out;
  }

  /**
   * Reads a calendar's definition. {@code zone} and {@code weekly} are required; the lists are
   * capped at what {@link BusinessCalendar} holds.
   *
   * @throws OmniFlowException (invalid input) as the class says
   */
  public static BusinessCalendar calendar(Map<String, ?> json) {
    Object zone = json.get("zone");
    if (!(zone instanceof String z)) {
      throw invalid("invalid_zone", "zone is required: an IANA time zone such as Europe/London.");
    }
    BusinessCalendar.Builder b = BusinessCalendar.builder().zone(z);
    List<?> weekly =
        list(
            json.get("weekly"),
            "weekly",
            7 * BusinessCalendar.MAX_PERIODS_PER_DAY,
            "invalid_hours",
            true);
    for (int i = 0; i < weekly.size(); i++) {
      String path = "weekly/" + i;
      Map<String, ?> m = object(weekly.get(i), path, "invalid_hours");
      DayOfWeek day = constant(DayOfWeek.class, m.get("day"), path + "/day", "invalid_hours", null);
      b.open(day, hours(m, path, "invalid_hours"));
    }
    List<?> holidays =
        list(
            json.get("holidays"),
            "holidays",
            BusinessCalendar.MAX_HOLIDAYS,
            "invalid_holidays",
            false);
    for (int i = 0; i < holidays.size(); i++) {
      if (!(holidays.get(i) instanceof String date)) {
        throw invalid("invalid_holidays", "holidays/" + i + " must be a date such as 2026-12-25.");
      }
      b.holiday(date);
    }
    List<?> special =
        list(
            json.get("special_days"),
            "special_days",
            BusinessCalendar.MAX_SPECIAL_DAYS,
            "invalid_special_days",
            false);
    for (int i = 0; i < special.size(); i++) {
      String path = "special_days/" + i;
      Map<String, ?> m = object(special.get(i), path, "invalid_special_days");
      if (!(m.get("date") instanceof String date)) {
        throw invalid("invalid_special_days", path + "/date must be a date such as 2026-12-24.");
      }
      List<?> hs =
          list(
              m.get("hours"),
              path + "/hours",
              BusinessCalendar.MAX_PERIODS_PER_DAY,
              "invalid_special_days",
              true);
      List<OpeningHours> hours = new ArrayList<>();
      for (int j = 0; j < hs.size(); j++) {
        String p = path + "/hours/" + j;
        hours.add(hours(object(hs.get(j), p, "invalid_special_days"), p, "invalid_special_days"));
      }
      b.specialDay(date, hours);
    }
    return b.build();
  }

  /**
   * {@code calendar} as a JSON object: its id, name, scope ({@code {"kind": "group", "ref":
   * "night"}}) and its definition's fields.
   */
  public static Map<String, @Nullable Object> toJson(SlaCalendar calendar) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("id", calendar.id().toString());
    out.put("name", calendar.name());
    Map<String, @Nullable Object> scope = new LinkedHashMap<>();
    scope.put("kind", calendar.scope().kind().wireName());
    scope.put("ref", calendar.scope().ref());
    out.put("scope", scope);
    out.putAll(toJson(calendar.calendar()));
    return out;
  }

  private static Map<String, Object> period(OpeningHours h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("start", h.start().toString());
    m.put("end", end(h));
    return m;
  }

  private static String end(OpeningHours h) {
    return h.end().equals(LocalTime.MIDNIGHT) ? "24:00" : h.end().toString();
  }

  private static OpeningHours hours(Map<String, ?> m, String path, String code) {
    if (!(m.get("start") instanceof String start) || !(m.get("end") instanceof String end)) {
      throw invalid(code, path + " needs start and end, times such as 09:00.");
    }
    return OpeningHours.of(start, end);
  }

  private static OmniFlowException invalid(String code, String message) {
    return OmniFlowException.invalidInput(code, message);
  }

  private static List<?> list(
      @Nullable Object value, String field, int max, String code, boolean required) {
    if (value == null) {
      if (required) {
        throw invalid(code, field + " is required.");
      }
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      throw invalid(code, field + " must be a list.");
    }
    if (l.size() > max) {
      throw invalid(code, field + " must have at most " + max + " entries.");
    }
    return l;
  }

  private static Map<String, ?> object(@Nullable Object value, String field, String code) {
    if (!(value instanceof Map<?, ?> m)) {
      throw invalid(code, field + " must be an object.");
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> typed = (Map<String, ?>) m;
    return typed;
  }

  private static @Nullable String optionalText(@Nullable Object value, String field, String code) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw invalid(code, field + " must be text.");
    }
    return s;
  }

  private static boolean flag(@Nullable Object value, String field, String code, boolean dflt) {
    if (value == null) {
      return dflt;
    }
    if (!(value instanceof Boolean b)) {
      throw invalid(code, field + " must be true or false.");
    }
    return b;
  }

  private static @Nullable Duration duration(
      @Nullable Object value, String field, String code, boolean required) {
    if (value == null) {
      if (required) {
        throw invalid(code, field + " is required: an ISO-8601 duration such as PT5M.");
      }
      return null;
    }
    if (!(value instanceof String s) || s.length() > 32) {
      throw invalid(code, field + " must be an ISO-8601 duration such as PT5M.");
    }
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw invalid(code, field + " must be an ISO-8601 duration such as PT5M.");
    }
  }

  private static <E extends Enum<E>> E constant(
      Class<E> type, @Nullable Object value, String field, String code, @Nullable String dflt) {
    Object v = value == null ? dflt : value;
    if (v instanceof String s && s.length() <= 32) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(s)) {
          return e;
        }
      }
    }
    throw invalid(code, field + " must be one of " + names(type) + ".");
  }

  private static <E extends Enum<E>> List<String> names(Class<E> type) {
    List<String> out = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      out.add(e.name().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
