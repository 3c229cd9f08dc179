package ai.omniflow.pack;

/**
 * The types of the {@link ai.omniflow.events.DomainEvent}s OmniFlow appends for vertical packs, and
 * the actions of the {@link ai.omniflow.audit.AuditEntry audit entries} it keeps beside them
 * ({@code AUDIT_…}), as they are stored and sent. docs/verticals.md and docs/security.md list them.
 *
 * <pre>{@code
 * boolean match = event.type().equals(PackEvents.ORG_PACK_SELECTED);
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class PackEvents {
  /** Event {@code org.pack_selected}. */
  public static final String ORG_PACK_SELECTED = "org.pack_selected";

  /** Audit action {@code org.select_pack}. */
  public static final String AUDIT_ORG_SELECT_PACK = "org.select_pack";

  /** Event {@code org.pack_override_saved}. */
  public static final String ORG_PACK_OVERRIDE_SAVED = "org.pack_override_saved";

  /** Audit action {@code org.save_pack_override}. */
  public static final String AUDIT_ORG_SAVE_PACK_OVERRIDE = "org.save_pack_override";

  /** Event {@code org.pack_override_deleted}. */
  public static final String ORG_PACK_OVERRIDE_DELETED = "org.pack_override_deleted";

  /** Audit action {@code org.delete_pack_override}. */
  public static final String AUDIT_ORG_DELETE_PACK_OVERRIDE = "org.delete_pack_override";

  /** Event {@code org.pack_upgraded}. */
  public static final String ORG_PACK_UPGRADED = "org.pack_upgraded";

  /** Audit action {@code org.upgrade_pack}. */
  public static final String AUDIT_ORG_UPGRADE_PACK = "org.upgrade_pack";

  private PackEvents() {}
}
