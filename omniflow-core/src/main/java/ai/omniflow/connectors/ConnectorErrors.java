package ai.omniflow.connectors;

/**
 * The stable error codes OmniFlow raises for connector accounts, OAuth and provider calls, as
 * {@link ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on
 * them; docs/connectors.md and the other docs say when each is raised. Codes built from a field
 * name, {@code invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(ConnectorErrors.ACCOUNT_DISCONNECTED)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class ConnectorErrors {
  /** {@code account_disconnected}. */
  public static final String ACCOUNT_DISCONNECTED = "account_disconnected";

  /** {@code account_needs_reauth}. */
  public static final String ACCOUNT_NEEDS_REAUTH = "account_needs_reauth";

  /** {@code connector_account_exists}. */
  public static final String CONNECTOR_ACCOUNT_EXISTS = "connector_account_exists";

  /** {@code invalid_code}. */
  public static final String INVALID_CODE = "invalid_code";

  /** {@code invalid_connector_mode}. */
  public static final String INVALID_CONNECTOR_MODE = "invalid_connector_mode";

  /** {@code invalid_state}. */
  public static final String INVALID_STATE = "invalid_state";

  /** {@code no_accounts_granted}. */
  public static final String NO_ACCOUNTS_GRANTED = "no_accounts_granted";

  /** {@code oauth_not_supported}. */
  public static final String OAUTH_NOT_SUPPORTED = "oauth_not_supported";

  /** {@code oauth_state_exists}. */
  public static final String OAUTH_STATE_EXISTS = "oauth_state_exists";

  /** {@code provider_unavailable}. */
  public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";

  /** {@code redirect_uri_missing}. */
  public static final String REDIRECT_URI_MISSING = "redirect_uri_missing";

  /** {@code send_invalid_recipient}. */
  public static final String SEND_INVALID_RECIPIENT = "send_invalid_recipient";

  /** {@code send_permanent}. */
  public static final String SEND_PERMANENT = "send_permanent";

  /** {@code send_policy_window_closed}. */
  public static final String SEND_POLICY_WINDOW_CLOSED = "send_policy_window_closed";

  /** {@code send_rate_limited}. */
  public static final String SEND_RATE_LIMITED = "send_rate_limited";

  /** {@code unknown_provider}. */
  public static final String UNKNOWN_PROVIDER = "unknown_provider";

  /** {@code vault_not_configured}. */
  public static final String VAULT_NOT_CONFIGURED = "vault_not_configured";

  private ConnectorErrors() {}
}
