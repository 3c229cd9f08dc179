package ai.omniflow.leads;

/**
 * The types of the {@link ai.omniflow.events.DomainEvent}s OmniFlow appends for leads, their
 * outcomes, scoring and offers, and the actions of the {@link ai.omniflow.audit.AuditEntry audit
 * entries} it keeps beside them ({@code AUDIT_…}), as they are stored and sent. docs/leads.md and
 * docs/security.md list them.
 *
 * <pre>{@code
 * boolean match = event.type().equals(LeadEvents.LEAD_CLAIMED);
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class LeadEvents {
  /** Event {@code lead.claimed}. */
  public static final String LEAD_CLAIMED = "lead.claimed";

  /** Event {@code lead.created}. */
  public static final String LEAD_CREATED = "lead.created";

  /** Event {@code lead.lost}. */
  public static final String LEAD_LOST = "lead.lost";

  /** Event {@code lead.owner_changed}. */
  public static final String LEAD_OWNER_CHANGED = "lead.owner_changed";

  /** Event {@code lead.score_changed}. */
  public static final String LEAD_SCORE_CHANGED = "lead.score_changed";

  /** Event {@code lead.stage_changed}. */
  public static final String LEAD_STAGE_CHANGED = "lead.stage_changed";

  /** Event {@code lead.updated}. */
  public static final String LEAD_UPDATED = "lead.updated";

  /** Event {@code lead.won}. */
  public static final String LEAD_WON = "lead.won";

  /** Event {@code lead_model.refused}. */
  public static final String LEAD_MODEL_REFUSED = "lead_model.refused";

  /** Event {@code lead_model.trained}. */
  public static final String LEAD_MODEL_TRAINED = "lead_model.trained";

  /** Audit action {@code lead.claim}. */
  public static final String AUDIT_LEAD_CLAIM = "lead.claim";

  /** Audit action {@code lead.close}. */
  public static final String AUDIT_LEAD_CLOSE = "lead.close";

  /** Audit action {@code lead.create}. */
  public static final String AUDIT_LEAD_CREATE = "lead.create";

  /** Audit action {@code lead.score}. */
  public static final String AUDIT_LEAD_SCORE = "lead.score";

  /** Audit action {@code lead.update}. */
  public static final String AUDIT_LEAD_UPDATE = "lead.update";

  /** Audit action {@code lead_model.train}. */
  public static final String AUDIT_LEAD_MODEL_TRAIN = "lead_model.train";

  private LeadEvents() {}
}
