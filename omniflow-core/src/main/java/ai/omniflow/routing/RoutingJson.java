package ai.omniflow.routing;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.ConditionJson;
import ai.omniflow.fields.Problem;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of {@link Availability} and {@link RoutingConfig}, as JSON-shaped maps (see {@link
 * ai.omniflow.store.spi.JsonValues}): what a store saves and what an HTTP API takes. Conditions
 * have the pack's shape ({@code {field, op, value}}, {@code all}, {@code any}, {@code not}).
 *
 * <pre>{@code
 * Map<String, Object> json = RoutingJson.toJson(availability);
 * Availability back = RoutingJson.availability(json);
 * }</pre>
 *
 * <pre>
 * {"time_zone": "America/Los_Angeles", "paused": false,
 *  "shifts": [{"day": "monday", "start": "09:00", "end": "17:00"}],
 *  "out_of_office": [{"from": "2026-07-01T00:00:00Z", "until": "2026-07-15T00:00:00Z"}]}
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RoutingJson {
  private RoutingJson() {}

  /** {@code availability} as a JSON object. */
  public static Map<String, Object> toJson(Availability a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("time_zone", a.zone().getId());
    List<Object> shifts = new ArrayList<>();
    for (Shift s : a.shifts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("day", s.day().name().toLowerCase(Locale.ROOT));
      m.put("start", s.start().toString());
      m.put("end", s.end().toString());
      shifts.add(m);
    }
    out.put("shifts", shifts);
    List<Object> off = new ArrayList<>();
    for (TimeOff t : a.timeOff()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", t.from().toString());
      m.put("until", t.until().toString());
      off.add(m);
    }
    out.put("out_of_office", off);
    out.put("paused", a.paused());
    return out;
  }

  /**
   * Reads an availability; a missing {@code time_zone} is UTC, missing lists are empty.
   *
   * @throws IllegalArgumentException naming the field if a value is missing, mistyped or invalid
   *     (an unknown time zone, a shift that starts when it ends, an out-of-office period whose end
   *     is not after its start)
   */
  public static Availability availability(Map<String, ?> json) {
    ZoneId zone = ZoneId.of("UTC");
    Object z = json.get("time_zone");
    if (z != null) {
      String id = text(z, "time_zone");
      try {
        zone = ZoneId.of(id);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("time_zone: unknown time zone '" + id + "'");
      }
    }
    List<Shift> shifts = new ArrayList<>();
    List<?> shiftList = list(json.get("shifts"), "shifts");
    for (int i = 0; i < shiftList.size(); i++) {
      String path = "shifts/" + i;
      Map<String, ?> m = object(shiftList.get(i), path);
      DayOfWeek day;
      String dayName = text(m.get("day"), path + "/day");
      try {
        day = DayOfWeek.valueOf(dayName.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            path + "/day: '" + dayName + "' is not a day; use monday … sunday");
      }
      LocalTime start = time(m.get("start"), path + "/start");
      LocalTime end = time(m.get("end"), path + "/end");
      try {
        shifts.add(new Shift(day, start, end));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage());
      }
    }
    List<TimeOff> off = new ArrayList<>();
    List<?> offList = list(json.get("out_of_office"), "out_of_office");
    for (int i = 0; i < offList.size(); i++) {
      String path = "out_of_office/" + i;
      Map<String, ?> m = object(offList.get(i), path);
      Instant from = instant(m.get("from"), path + "/from");
      Instant until = instant(m.get("until"), path + "/until");
      if (!until.isAfter(from)) {
        throw new IllegalArgumentException(path + ": 'until' must be after 'from'");
      }
      off.add(new TimeOff(from, until));
    }
    Object p = json.get("paused");
    if (p != null && !(p instanceof Boolean)) {
      throw new IllegalArgumentException("paused: must be true or false");
    }
    return new Availability(zone, shifts, off, Boolean.TRUE.equals(p));
  }

  /** {@code config} as a JSON object. */
  public static Map<String, @Nullable Object> toJson(RoutingConfig c) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("sticky", c.sticky());
    out.put("default_group", c.defaultGroup());
    out.put("last_resort", c.lastResort().key());
    out.put("account_owner", c.accountOwner() == null ? null : c.accountOwner().toString());
    List<Object> rules = new ArrayList<>();
    for (RoutingRule r : c.rules()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", r.key());
      m.put("when", toJson(r.when()));
      m.put("group", r.group());
      rules.add(m);
    }
    out.put("rules", rules);
    return out;
  }

  /**
   * Reads a routing configuration; missing values take those of {@link RoutingConfig#DEFAULT}.
   *
   * @throws IllegalArgumentException naming the field if a value is missing, mistyped or invalid
   */
  public static RoutingConfig config(Map<String, ?> json) {
    Object s = json.get("sticky");
    if (s != null && !(s instanceof Boolean)) {
      throw new IllegalArgumentException("sticky: must be true or false");
    }
    Object dg = json.get("default_group");
    String defaultGroup = dg == null ? null : text(dg, "default_group");
    LastResort lastResort = LastResort.POND;
    Object lr = json.get("last_resort");
    if (lr != null) {
      lastResort = LastResort.of(text(lr, "last_resort"));
      if (lastResort == null) {
        throw new IllegalArgumentException("last_resort: use pond or account_owner");
      }
    }
    Object ao = json.get("account_owner");
    UUID owner = ao == null ? null : uuid(ao, "account_owner");
    List<RoutingRule> rules = new ArrayList<>();
    List<?> ruleList = list(json.get("rules"), "rules");
    for (int i = 0; i < ruleList.size(); i++) {
      String path = "rules/" + i;
      Map<String, ?> m = object(ruleList.get(i), path);
      Object when = m.get("when");
      if (when == null) {
        throw new IllegalArgumentException(path + "/when: is required");
      }
      try {
        rules.add(
            new RoutingRule(
                text(m.get("key"), path + "/key"),
                condition(when, path + "/when"),
                text(m.get("group"), path + "/group")));
      } catch (IllegalArgumentException e) {
        throw e.getMessage() != null && e.getMessage().startsWith(path)
            ? e
            : new IllegalArgumentException(path + ": " + e.getMessage());
      }
    }
    try {
      return new RoutingConfig(rules, defaultGroup, s == null || (Boolean) s, lastResort, owner);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("routing: " + e.getMessage());
    }
  }

  private static Map<String, Object> toJson(Condition c) {
    return ConditionJson.toJson(c);
  }

  private static Condition condition(Object json, String path) {
    List<Problem> problems = new ArrayList<>();
    Condition c = ConditionJson.read(json, path, problems);
    if (c == null) {
      Problem first = problems.get(0);
      throw new IllegalArgumentException(first.path() + ": " + first.message());
    }
    return c;
  }

  private static String text(@Nullable Object v, String path) {
    if (v == null) {
      throw new IllegalArgumentException(path + ": is required");
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(path + ": must be non-blank text");
    }
    return s;
  }

  private static List<?> list(@Nullable Object v, String path) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException(path + ": must be a list");
    }
    return l;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> object(@Nullable Object v, String path) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(path + ": must be an object");
    }
    return (Map<String, ?>) m;
  }

  private static LocalTime time(@Nullable Object v, String path) {
    String s = text(v, path);
    try {
      return LocalTime.parse(s);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(path + ": '" + s + "' is not a time; write e.g. 09:00");
    }
  }

  private static Instant instant(@Nullable Object v, String path) {
    String s = text(v, path);
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          path + ": '" + s + "' is not an instant; write e.g. 2026-07-01T00:00:00Z");
    }
  }

  private static UUID uuid(Object v, String path) {
    String s = text(v, path);
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": '" + s + "' is not a UUID");
    }
  }

  /** An agent as a JSON object, for events and audit. */
  public static Map<String, @Nullable Object> toJson(Agent a) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", a.id().toString());
    m.put("user_id", a.userId() == null ? null : a.userId().toString());
    m.put("name", a.name());
    m.put("active", a.active());
    m.put("weight", a.weight());
    m.put("capacity", a.capacity());
    m.put("languages", a.languages().stream().sorted().toList());
    m.put("availability", toJson(a.availability()));
    return m;
  }

  /** A routing group as a JSON object, for events, audit and HTTP. */
  public static Map<String, @Nullable Object> toJson(RoutingGroup g) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("key", g.key());
    m.put("name", g.name());
    m.put("policy", g.policy().key());
    m.put("members", g.members().stream().map(UUID::toString).toList());
    m.put("offer_timeout", g.offerTimeout().toString());
    m.put("fallback", g.fallback());
    return m;
  }

  /**
   * A decision as a JSON object: outcome, agent, group, policy, rule, offer, the language its
   * agents were picked for, explanation.
   */
  public static Map<String, @Nullable Object> toJson(RoutingDecision d) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("outcome", d.outcome().name().toLowerCase(Locale.ROOT));
    m.put("agent_id", d.agent() == null ? null : d.agent().toString());
    m.put("group", d.group());
    m.put("policy", d.policy() == null ? null : d.policy().key());
    m.put("rule", d.rule());
    m.put("sticky", d.sticky());
    m.put("offered_to", d.offeredTo().stream().map(UUID::toString).toList());
    m.put("offer_expires_at", d.offerExpiresAt() == null ? null : d.offerExpiresAt().toString());
    m.put("account_owner", d.accountOwner() == null ? null : d.accountOwner().toString());
    m.put("language", d.language());
    m.put("explanation", d.explanation());
    return m;
  }
}
