package ai.omniflow.contacts;

/**
 * The types of the {@link ai.omniflow.events.DomainEvent}s OmniFlow appends for contacts, their
 * identities, merges and unmerges, and the actions of the {@link ai.omniflow.audit.AuditEntry audit
 * entries} it keeps beside them ({@code AUDIT_…}), as they are stored and sent. docs/contacts.md
 * and docs/security.md list them.
 *
 * <pre>{@code
 * boolean match = event.type().equals(ContactEvents.CONTACT_CREATED);
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class ContactEvents {
  /** Event {@code contact.created}. */
  public static final String CONTACT_CREATED = "contact.created";

  /** Event {@code contact.merged}. */
  public static final String CONTACT_MERGED = "contact.merged";

  /** Event {@code contact.unmerged}. */
  public static final String CONTACT_UNMERGED = "contact.unmerged";

  /** Event {@code contact.updated}. */
  public static final String CONTACT_UPDATED = "contact.updated";

  /** Audit action {@code contact.create}. */
  public static final String AUDIT_CONTACT_CREATE = "contact.create";

  /** Audit action {@code contact.merge}. */
  public static final String AUDIT_CONTACT_MERGE = "contact.merge";

  /** Audit action {@code contact.unmerge}. */
  public static final String AUDIT_CONTACT_UNMERGE = "contact.unmerge";

  /** Audit action {@code contact.update}. */
  public static final String AUDIT_CONTACT_UPDATE = "contact.update";

  private ContactEvents() {}
}
