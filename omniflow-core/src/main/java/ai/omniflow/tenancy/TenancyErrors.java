package ai.omniflow.tenancy;

/**
 * The stable error codes OmniFlow raises for orgs, users, memberships and API keys, as {@link
 * ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on them;
 * docs/tenancy.md and the other docs say when each is raised. Codes built from a field name, {@code
 * invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(TenancyErrors.API_KEY_EXISTS)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class TenancyErrors {
  /** {@code api_key_exists}. */
  public static final String API_KEY_EXISTS = "api_key_exists";

  /** {@code invalid_email}. */
  public static final String INVALID_EMAIL = "invalid_email";

  /** {@code invalid_help_text}. */
  public static final String INVALID_HELP_TEXT = "invalid_help_text";

  /** {@code invalid_region}. */
  public static final String INVALID_REGION = "invalid_region";

  /** {@code invalid_time_zone}. */
  public static final String INVALID_TIME_ZONE = "invalid_time_zone";

  /** {@code invalid_role}. */
  public static final String INVALID_ROLE = "invalid_role";

  /** {@code last_owner}. */
  public static final String LAST_OWNER = "last_owner";

  /** {@code member_exists}. */
  public static final String MEMBER_EXISTS = "member_exists";

  /** {@code org_exists}. */
  public static final String ORG_EXISTS = "org_exists";

  /** {@code user_exists}. */
  public static final String USER_EXISTS = "user_exists";

  private TenancyErrors() {}
}
