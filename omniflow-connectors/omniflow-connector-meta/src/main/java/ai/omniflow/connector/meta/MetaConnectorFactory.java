package ai.omniflow.connector.meta;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.support.internal.JsonHttp;
import java.util.Objects;
import java.util.Set;

/**
 * Makes {@linkplain ai.omniflow.connector.meta Meta connectors}: provider id {@code meta},
 * Messenger and Instagram DMs, Facebook and Instagram comments, Lead Ads and free text, authorized
 * with Facebook Login ({@link AuthMethod#OAUTH}).
 *
 * <pre>{@code
 * ConnectorConfig config = ConnectorConfig.builder()
 *     .appId("1234567890")                              // the Meta app
 *     .appSecret(System.getenv("META_APP_SECRET"))      // signs webhooks and appsecret_proof
 *     .webhookVerifyToken(System.getenv("META_VERIFY_TOKEN"))
 *     .apiBaseUri(URI.create("https://graph.facebook.com/v21.0/"))
 *     .redirectUri(URI.create("https://crm.example/oauth/meta/callback"))
 *     .scopes(MetaConnectorFactory.SCOPES)
 *     .build();
 * OmniFlow.builder().connector(new MetaConnectorFactory(pageId -> vault.pageToken(pageId)), config);
 * }</pre>
 *
 * <p>Settings, all optional: {@value #CONNECT_TIMEOUT}, {@value #READ_TIMEOUT}, {@value
 * #CALL_TIMEOUT} and {@value #MAX_RETRY_WAIT} (ISO-8601 durations, defaults PT5S, PT10S, PT20S,
 * PT10S), {@value #READ_ATTEMPTS} (1 to 10, default 3), {@value #DIALOG_URI} (the Facebook Login
 * dialog, default {@code https://www.facebook.com/v21.0/dialog/oauth}) and {@value #HUMAN_AGENT}
 * ({@code true} by default: whether the app holds Meta's Human Agent permission, which allows
 * replies up to 7 days after the customer's last message).
 *
 * <p>Listed for {@link ai.omniflow.connector.spi.ConnectorDiscovery} (without page tokens: lead-ad
 * changes then fail until the host registers a factory with {@link PageTokens}). Immutable and
 * thread-safe.
 */
public final class MetaConnectorFactory implements ConnectorFactory {
  /** The provider id. */
  public static final String PROVIDER_ID = "meta";

  /** The Facebook Login permissions the connector needs, in the order the dialog shows them. */
  public static final java.util.List<String> SCOPES =
      java.util.List.of(
          "pages_show_list",
          "pages_messaging",
          "pages_manage_metadata",
          "pages_read_engagement",
          "instagram_basic",
          "instagram_manage_messages",
          "leads_retrieval");

  /** Setting: how long to wait for a connection to the Graph API. */
  public static final String CONNECT_TIMEOUT = JsonHttp.CONNECT_TIMEOUT;

  /** Setting: how long to wait between bytes of an answer. */
  public static final String READ_TIMEOUT = JsonHttp.READ_TIMEOUT;

  /** Setting: how long one whole call may take, answer included. */
  public static final String CALL_TIMEOUT = JsonHttp.CALL_TIMEOUT;

  /** Setting: how many times an idempotent read (probe, token reads, leads) is tried. */
  public static final String READ_ATTEMPTS = JsonHttp.READ_ATTEMPTS;

  /**
   * Setting: the longest {@code Retry-After} waited for inside a read; longer ones are returned.
   */
  public static final String MAX_RETRY_WAIT = JsonHttp.MAX_RETRY_WAIT;

  /** Setting: the Facebook Login dialog URL. */
  public static final String DIALOG_URI = "dialog_uri";

  /** Setting: whether replies 24 hours to 7 days after the last message carry HUMAN_AGENT. */
  public static final String HUMAN_AGENT = "human_agent";

  private final PageTokens pageTokens;

  /** A factory without page tokens (for discovery); lead-ad changes fail until one is given. */
  public MetaConnectorFactory() {
    this(PageTokens.NONE);
  }

  /**
   * A factory whose connectors read leads with the page tokens {@code pageTokens} gives.
   *
   * @throws NullPointerException if {@code pageTokens} is null
   */
  public MetaConnectorFactory(PageTokens pageTokens) {
    this.pageTokens = Objects.requireNonNull(pageTokens, "pageTokens");
  }

  @Override
  public String providerId() {
    return PROVIDER_ID;
  }

  @Override
  public String displayName() {
    return "Meta (Messenger, Instagram, Lead Ads)";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(
        Capability.INBOUND_DMS,
        Capability.COMMENTS,
        Capability.LEAD_FORMS,
        Capability.OUTBOUND_TEXT);
  }

  @Override
  public AuthMethod authMethod() {
    return AuthMethod.OAUTH;
  }

  /**
   * A Meta connector for {@code config}. Makes no network call.
   *
   * @throws IllegalArgumentException if {@code config} has no webhook verify token, or a setting is
   *     out of range (naming the setting, never its value)
   * @throws NullPointerException if {@code config} is null
   */
  @Override
  public Connector create(ConnectorConfig config) {
    Objects.requireNonNull(config, "config");
    if (config.webhookVerifyToken() == null) {
      throw new IllegalArgumentException(
          "the meta connector needs a webhookVerifyToken for the webhook handshake");
    }
    return new MetaConnector(config, pageTokens);
  }
}
