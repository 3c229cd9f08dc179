package ai.omniflow.sla;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A named business calendar an org keeps, and whom it applies to: the whole org, one routing group
 * or one agent. An org has at most one calendar per scope and at most {@link #MAX_PER_ORG} in all.
 *
 * <pre>{@code
 * SlaCalendar office = new SlaCalendar(UUID.randomUUID(), "Office", Scope.org(),
 *     BusinessCalendar.weekdays(ZoneId.of("Europe/Madrid"), LocalTime.of(9, 0),
 *         LocalTime.of(18, 0)));
 * SlaCalendar night = new SlaCalendar(UUID.randomUUID(), "Night desk", Scope.group("night"), cal);
 * }</pre>
 *
 * <p>Throws {@link OmniFlowException} {@code invalid_calendar} (invalid input) for a blank or too
 * long name, or a scope whose reference does not fit its kind. Immutable and thread-safe.
 *
 * @param id the calendar's id
 * @param name its display name, 1 to {@link Limits#MAX_NAME} characters
 * @param scope whom it applies to
 * @param calendar the zone, weekly hours, holidays and special days
 */
public record SlaCalendar(UUID id, String name, Scope scope, BusinessCalendar calendar) {
  /** The most calendars one org keeps. */
  public static final int MAX_PER_ORG = 200;

  public SlaCalendar {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(calendar, "calendar");
    if (name == null || name.isBlank() || name.length() > Limits.MAX_NAME) {
      throw OmniFlowException.invalidInput(
          SlaErrors.INVALID_CALENDAR,
          "name is required, at most " + Limits.MAX_NAME + " characters.");
    }
    name = name.strip();
  }

  /** Whom a calendar applies to. */
  public enum Kind {
    /** The whole org: clocks of leads no group or agent calendar covers. */
    ORG,
    /** One routing group, by its key. */
    GROUP,
    /** One agent, by its id. */
    AGENT;

    /** The wire name: {@code org}, {@code group} or {@code agent}. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind of a wire name, or {@code null}. */
    public static @Nullable Kind of(@Nullable String wireName) {
      for (Kind k : values()) {
        if (k.wireName().equals(wireName)) {
          return k;
        }
      }
      return null;
    }
  }

  /**
   * A calendar's scope: the org ({@code ref} null), a routing group ({@code ref} its key) or an
   * agent ({@code ref} its id as text).
   *
   * <p>Throws {@link OmniFlowException} {@code invalid_calendar} (invalid input) if {@code ref}
   * does not fit {@code kind}.
   */
  public record Scope(Kind kind, @Nullable String ref) {
    private static final Pattern GROUP_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    public Scope {
      Objects.requireNonNull(kind, "kind");
      switch (kind) {
        case ORG -> {
          if (ref != null) {
            throw invalidScope("scope of kind org names nothing.");
          }
        }
        case GROUP -> {
          if (ref == null || !GROUP_KEY.matcher(ref).matches()) {
            throw invalidScope("scope of kind group names a routing group's key.");
          }
        }
        case AGENT -> {
          if (ref == null || ref.length() != 36) {
            throw invalidScope("scope of kind agent names an agent's id.");
          }
          try {
            ref = UUID.fromString(ref).toString();
          } catch (IllegalArgumentException e) {
            throw invalidScope("scope of kind agent names an agent's id.");
          }
        }
      }
    }

    /** The whole org. */
    public static Scope org() {
      return new Scope(Kind.ORG, null);
    }

    /** One routing group. */
    public static Scope group(String key) {
      return new Scope(Kind.GROUP, key);
    }

    /** One agent. */
    public static Scope agent(UUID agentId) {
      return new Scope(Kind.AGENT, agentId.toString());
    }

    private static OmniFlowException invalidScope(String message) {
      return OmniFlowException.invalidInput(SlaErrors.INVALID_CALENDAR, message);
    }
  }
}
