package ai.omniflow.sla;

/**
 * The event types and audit actions of SLA configuration, as stored in the event log and the audit
 * log (docs/sla.md). Audit actions carry the {@code AUDIT_} prefix beside the event they go with.
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class SlaEvents {
  /** {@code sla.config_replaced}: the org's own SLA policy replaced the one in force. */
  public static final String SLA_CONFIG_REPLACED = "sla.config_replaced";

  /** {@code sla.config.replace}. */
  public static final String AUDIT_SLA_CONFIG_REPLACE = "sla.config.replace";

  /** {@code sla.calendar_created}. */
  public static final String SLA_CALENDAR_CREATED = "sla.calendar_created";

  /** {@code sla.calendar.create}. */
  public static final String AUDIT_SLA_CALENDAR_CREATE = "sla.calendar.create";

  /** {@code sla.calendar_updated}. */
  public static final String SLA_CALENDAR_UPDATED = "sla.calendar_updated";

  /** {@code sla.calendar.update}. */
  public static final String AUDIT_SLA_CALENDAR_UPDATE = "sla.calendar.update";

  /** {@code sla.calendar_deleted}. */
  public static final String SLA_CALENDAR_DELETED = "sla.calendar_deleted";

  /** {@code sla.calendar.delete}. */
  public static final String AUDIT_SLA_CALENDAR_DELETE = "sla.calendar.delete";

  /** {@code sla.clock_at_risk}: a thread's clock reached the policy's warning threshold. */
  public static final String SLA_CLOCK_AT_RISK = "sla.clock_at_risk";

  /** {@code sla.clock_breached}: a thread's clock passed its due time without a human reply. */
  public static final String SLA_CLOCK_BREACHED = "sla.clock_breached";

  /** {@code sla.escalated}: an escalation step of a thread's clock ran (every notification). */
  public static final String SLA_ESCALATED = "sla.escalated";

  /** {@code sla.step}: the audit action of a clock's warning, breach or escalation step. */
  public static final String AUDIT_SLA_STEP = "sla.step";

  private SlaEvents() {}
}
