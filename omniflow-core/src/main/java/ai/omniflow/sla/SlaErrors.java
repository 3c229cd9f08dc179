package ai.omniflow.sla;

/**
 * The stable error codes OmniFlow raises for SLA configurations and business calendars, as {@link
 * ai.omniflow.OmniFlowException#code()} carries them on the wire. docs/sla.md says when each is
 * raised. Codes built from a field name, {@code invalid_<field>} ({@code invalid_zone}, {@code
 * invalid_hours}, {@code invalid_holidays}, {@code invalid_window}…), are not listed here.
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(SlaErrors.SLA_CALENDAR_SCOPE_TAKEN)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class SlaErrors {
  /** {@code sla_calendar_exists}: a calendar with that id exists already. */
  public static final String SLA_CALENDAR_EXISTS = "sla_calendar_exists";

  /** {@code sla_calendar_scope_taken}: the org, group or agent has a calendar already. */
  public static final String SLA_CALENDAR_SCOPE_TAKEN = "sla_calendar_scope_taken";

  /** {@code too_many_calendars}: the org has {@link SlaCalendar#MAX_PER_ORG} calendars. */
  public static final String TOO_MANY_CALENDARS = "too_many_calendars";

  /** {@code invalid_calendar}: a calendar's shape (name, scope, JSON form) is wrong. */
  public static final String INVALID_CALENDAR = "invalid_calendar";

  /** {@code invalid_sla}: an SLA policy's JSON form is wrong (a missing or mistyped value). */
  public static final String INVALID_SLA = "invalid_sla";

  /** {@code unknown_group}: a calendar scope or an escalation names a group the org lacks. */
  public static final String UNKNOWN_GROUP = "unknown_group";

  /** {@code unknown_agent}: a calendar scope names an agent the org lacks. */
  public static final String UNKNOWN_AGENT = "unknown_agent";

  private SlaErrors() {}

  /** {@code invalid_from}: a metrics range's start is missing, unreadable or outside 2000–2200. */
  public static final String INVALID_FROM = "invalid_from";

  /** {@code invalid_to}: a metrics range's end is missing, unreadable, or not after its start. */
  public static final String INVALID_TO = "invalid_to";

  /** {@code range_too_long}: a metrics range is longer than 366 days. */
  public static final String RANGE_TOO_LONG = "range_too_long";

  /** {@code invalid_group_by}: metrics asked to group by something other than the known keys. */
  public static final String INVALID_GROUP_BY = "invalid_group_by";
}
