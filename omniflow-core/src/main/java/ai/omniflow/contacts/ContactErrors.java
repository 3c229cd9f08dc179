package ai.omniflow.contacts;

/**
 * The stable error codes OmniFlow raises for contacts, their identities, merges and unmerges, as
 * {@link ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on
 * them; docs/contacts.md and the other docs say when each is raised. Codes built from a field name,
 * {@code invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(ContactErrors.CONTACT_EXISTS)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class ContactErrors {
  /** {@code contact_exists}. */
  public static final String CONTACT_EXISTS = "contact_exists";

  /** {@code contact_merge_exists}. */
  public static final String CONTACT_MERGE_EXISTS = "contact_merge_exists";

  /** {@code contact_merged}. */
  public static final String CONTACT_MERGED = "contact_merged";

  /** {@code identities_moved}. */
  public static final String IDENTITIES_MOVED = "identities_moved";

  /** {@code identity_exists}. */
  public static final String IDENTITY_EXISTS = "identity_exists";

  /** {@code invalid_claims}. */
  public static final String INVALID_CLAIMS = "invalid_claims";

  /** {@code invalid_consent_reason}: a consent entry's reason is blank, too long or holds NUL. */
  public static final String INVALID_CONSENT_REASON = "invalid_consent_reason";

  /** {@code invalid_display_name}. */
  public static final String INVALID_DISPLAY_NAME = "invalid_display_name";

  /** {@code invalid_email}. */
  public static final String INVALID_EMAIL = "invalid_email";

  /** {@code invalid_handle}. */
  public static final String INVALID_HANDLE = "invalid_handle";

  /** {@code invalid_identity_kind}. */
  public static final String INVALID_IDENTITY_KIND = "invalid_identity_kind";

  /** {@code invalid_phone}. */
  public static final String INVALID_PHONE = "invalid_phone";

  /** {@code invalid_reason}. */
  public static final String INVALID_REASON = "invalid_reason";

  /** {@code merge_self}. */
  public static final String MERGE_SELF = "merge_self";

  /** {@code merge_undone}. */
  public static final String MERGE_UNDONE = "merge_undone";

  /** {@code resolve_raced}. */
  public static final String RESOLVE_RACED = "resolve_raced";

  /** {@code survivor_merged}. */
  public static final String SURVIVOR_MERGED = "survivor_merged";

  private ContactErrors() {}
}
