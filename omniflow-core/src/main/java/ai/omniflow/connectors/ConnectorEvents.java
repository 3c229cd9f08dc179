package ai.omniflow.connectors;

/**
 * The types of the {@link ai.omniflow.events.DomainEvent}s OmniFlow appends for connector accounts,
 * OAuth and provider calls, and the actions of the {@link ai.omniflow.audit.AuditEntry audit
 * entries} it keeps beside them ({@code AUDIT_…}), as they are stored and sent. docs/connectors.md
 * and docs/security.md list them.
 *
 * <pre>{@code
 * boolean match = event.type().equals(ConnectorEvents.CONNECTOR_OAUTH_STARTED);
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class ConnectorEvents {
  /** Event {@code connector.oauth_started}. */
  public static final String CONNECTOR_OAUTH_STARTED = "connector.oauth_started";

  /** Event {@code connector.tokens_resealed}. */
  public static final String CONNECTOR_TOKENS_RESEALED = "connector.tokens_resealed";

  /** Event {@code connector_account.connected}. */
  public static final String CONNECTOR_ACCOUNT_CONNECTED = "connector_account.connected";

  /** Event {@code connector_account.disconnected}. */
  public static final String CONNECTOR_ACCOUNT_DISCONNECTED = "connector_account.disconnected";

  /** Event {@code connector_account.reconnected}. */
  public static final String CONNECTOR_ACCOUNT_RECONNECTED = "connector_account.reconnected";

  /** Event {@code connector_account.status_changed}. */
  public static final String CONNECTOR_ACCOUNT_STATUS_CHANGED = "connector_account.status_changed";

  /** Event {@code connector_account.token_refreshed}. */
  public static final String CONNECTOR_ACCOUNT_TOKEN_REFRESHED =
      "connector_account.token_refreshed";

  /** Audit action {@code connector.oauth_refused}. */
  public static final String AUDIT_CONNECTOR_OAUTH_REFUSED = "connector.oauth_refused";

  /** Audit action {@code connector.oauth_start}. */
  public static final String AUDIT_CONNECTOR_OAUTH_START = "connector.oauth_start";

  /** Audit action {@code connector.reseal_tokens}. */
  public static final String AUDIT_CONNECTOR_RESEAL_TOKENS = "connector.reseal_tokens";

  /** Audit action {@code connector_account.connect}. */
  public static final String AUDIT_CONNECTOR_ACCOUNT_CONNECT = "connector_account.connect";

  /** Audit action {@code connector_account.disconnect}. */
  public static final String AUDIT_CONNECTOR_ACCOUNT_DISCONNECT = "connector_account.disconnect";

  /** Audit action {@code connector_account.health_change}. */
  public static final String AUDIT_CONNECTOR_ACCOUNT_HEALTH_CHANGE =
      "connector_account.health_change";

  /** Audit action {@code connector_account.reconnect}. */
  public static final String AUDIT_CONNECTOR_ACCOUNT_RECONNECT = "connector_account.reconnect";

  /** Audit action {@code connector_account.refresh_token}. */
  public static final String AUDIT_CONNECTOR_ACCOUNT_REFRESH_TOKEN =
      "connector_account.refresh_token";

  private ConnectorEvents() {}
}
