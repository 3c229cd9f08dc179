package ai.omniflow.connector.whatsapp;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.support.internal.JsonHttp;
import java.util.Objects;
import java.util.Set;

/**
 * Makes {@linkplain ai.omniflow.connector.whatsapp WhatsApp Cloud API connectors}: provider id
 * {@code whatsapp}, inbound DMs, text and templates, authorized by a system-user access token the
 * org pastes in ({@link AuthMethod#API_KEY}).
 *
 * <pre>{@code
 * ConnectorConfig config = ConnectorConfig.builder()
 *     .appId("1234567890")                                   // the Meta app
 *     .appSecret(System.getenv("WHATSAPP_APP_SECRET"))       // signs the webhooks
 *     .webhookVerifyToken(System.getenv("WHATSAPP_VERIFY_TOKEN"))
 *     .apiBaseUri(URI.create("https://graph.facebook.com/v21.0/"))
 *     .build();
 * OmniFlow.builder().connector(new WhatsAppConnectorFactory(), config);
 * }</pre>
 *
 * <p>Settings, all optional: {@value #CONNECT_TIMEOUT}, {@value #READ_TIMEOUT}, {@value
 * #CALL_TIMEOUT} and {@value #MAX_RETRY_WAIT} (ISO-8601 durations, defaults PT5S, PT10S, PT20S,
 * PT10S) and {@value #READ_ATTEMPTS} (1 to 10, default 3).
 *
 * <p>Listed for {@link ai.omniflow.connector.spi.ConnectorDiscovery}. Immutable and thread-safe.
 */
public final class WhatsAppConnectorFactory implements ConnectorFactory {
  /** The provider id. */
  public static final String PROVIDER_ID = "whatsapp";

  /** Setting: how long to wait for a connection to the Graph API. */
  public static final String CONNECT_TIMEOUT = JsonHttp.CONNECT_TIMEOUT;

  /** Setting: how long to wait between bytes of an answer. */
  public static final String READ_TIMEOUT = JsonHttp.READ_TIMEOUT;

  /** Setting: how long one whole call may take, answer included. */
  public static final String CALL_TIMEOUT = JsonHttp.CALL_TIMEOUT;

  /** Setting: how many times an idempotent read (probe, account listing) is tried. */
  public static final String READ_ATTEMPTS = JsonHttp.READ_ATTEMPTS;

  /**
   * Setting: the longest {@code Retry-After} waited for inside a read; longer ones are returned.
   */
  public static final String MAX_RETRY_WAIT = JsonHttp.MAX_RETRY_WAIT;

  /** A factory; it holds no state. */
  public WhatsAppConnectorFactory() {}

  @Override
  public String providerId() {
    return PROVIDER_ID;
  }

  @Override
  public String displayName() {
    return "WhatsApp (Cloud API)";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.INBOUND_DMS, Capability.OUTBOUND_TEXT, Capability.TEMPLATES);
  }

  @Override
  public AuthMethod authMethod() {
    return AuthMethod.API_KEY;
  }

  /**
   * A WhatsApp connector for {@code config}. Makes no network call.
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
          "the whatsapp connector needs a webhookVerifyToken for the webhook handshake");
    }
    return new WhatsAppConnector(config);
  }
}
