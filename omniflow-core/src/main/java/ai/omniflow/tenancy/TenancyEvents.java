package ai.omniflow.tenancy;

/**
 * The types of the {@link ai.omniflow.events.DomainEvent}s OmniFlow appends for orgs, users,
 * memberships and API keys, and the actions of the {@link ai.omniflow.audit.AuditEntry audit
 * entries} it keeps beside them ({@code AUDIT_…}), as they are stored and sent. docs/tenancy.md and
 * docs/security.md list them.
 *
 * <pre>{@code
 * boolean match = event.type().equals(TenancyEvents.API_KEY_ISSUED);
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class TenancyEvents {
  /** Event {@code api_key.issued}. */
  public static final String API_KEY_ISSUED = "api_key.issued";

  /** Event {@code api_key.revoked}. */
  public static final String API_KEY_REVOKED = "api_key.revoked";

  /** Event {@code membership.created}. */
  public static final String MEMBERSHIP_CREATED = "membership.created";

  /** Event {@code membership.removed}. */
  public static final String MEMBERSHIP_REMOVED = "membership.removed";

  /** Event {@code membership.role_changed}. */
  public static final String MEMBERSHIP_ROLE_CHANGED = "membership.role_changed";

  /** Event {@code org.created}. */
  public static final String ORG_CREATED = "org.created";

  /** Event {@code org.default_region_set}. */
  public static final String ORG_DEFAULT_REGION_SET = "org.default_region_set";

  /** Event {@code org.help_text_set}. */
  public static final String ORG_HELP_TEXT_SET = "org.help_text_set";

  /** Event {@code org.lead_forms_become_leads_set}. */
  public static final String ORG_LEAD_FORMS_BECOME_LEADS_SET = "org.lead_forms_become_leads_set";

  /** Event {@code org.time_zone_set}. */
  public static final String ORG_TIME_ZONE_SET = "org.time_zone_set";

  /** Audit action {@code api_key.issue}. */
  public static final String AUDIT_API_KEY_ISSUE = "api_key.issue";

  /** Audit action {@code api_key.revoke}. */
  public static final String AUDIT_API_KEY_REVOKE = "api_key.revoke";

  /** Audit action {@code membership.change_role}. */
  public static final String AUDIT_MEMBERSHIP_CHANGE_ROLE = "membership.change_role";

  /** Audit action {@code membership.create}. */
  public static final String AUDIT_MEMBERSHIP_CREATE = "membership.create";

  /** Audit action {@code membership.remove}. */
  public static final String AUDIT_MEMBERSHIP_REMOVE = "membership.remove";

  /** Audit action {@code org.create}. */
  public static final String AUDIT_ORG_CREATE = "org.create";

  /** Audit action {@code org.set_default_region}. */
  public static final String AUDIT_ORG_SET_DEFAULT_REGION = "org.set_default_region";

  /** Audit action {@code org.set_help_text}. */
  public static final String AUDIT_ORG_SET_HELP_TEXT = "org.set_help_text";

  /** Audit action {@code org.set_lead_forms_become_leads}. */
  public static final String AUDIT_ORG_SET_LEAD_FORMS_BECOME_LEADS =
      "org.set_lead_forms_become_leads";

  /** Audit action {@code org.set_time_zone}. */
  public static final String AUDIT_ORG_SET_TIME_ZONE = "org.set_time_zone";

  private TenancyEvents() {}
}
