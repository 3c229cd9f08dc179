package ai.omniflow.connector.twilio;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.connector.support.internal.JsonHttp;
import java.util.Objects;
import java.util.Set;

/**
 * Makes {@linkplain ai.omniflow.connector.twilio Twilio SMS connectors}: provider id {@code
 * twilio}, inbound messages and text out, authorized by account credentials the org pastes in
 * ({@link AuthMethod#API_KEY}).
 *
 * <pre>{@code
 * ConnectorConfig config = ConnectorConfig.builder()
 *     .appId("AC00000000000000000000000000000000")          // the account that receives webhooks
 *     .appSecret(System.getenv("TWILIO_AUTH_TOKEN"))        // signs them
 *     .apiBaseUri(URI.create("https://api.twilio.com/"))
 *     .build();
 * OmniFlow.builder().connector(new TwilioConnectorFactory(), config);
 * }</pre>
 *
 * <p>Settings, all optional: {@value #CONNECT_TIMEOUT}, {@value #READ_TIMEOUT}, {@value
 * #CALL_TIMEOUT} and {@value #MAX_RETRY_WAIT} (ISO-8601 durations, defaults PT5S, PT10S, PT20S,
 * PT10S) and {@value #READ_ATTEMPTS} (1 to 10, default 3).
 *
 * <p>Listed for {@link ai.omniflow.connector.spi.ConnectorDiscovery}. Immutable and thread-safe.
 */
public final class TwilioConnectorFactory implements ConnectorFactory {
  /** The provider id. */
  public static final String PROVIDER_ID = "twilio";

  /** Setting: how long to wait for a connection to the API. */
  public static final String CONNECT_TIMEOUT = JsonHttp.CONNECT_TIMEOUT;

  /** Setting: how long to wait between bytes of an answer. */
  public static final String READ_TIMEOUT = JsonHttp.READ_TIMEOUT;

  /** Setting: how long one whole call may take, answer included. */
  public static final String CALL_TIMEOUT = JsonHttp.CALL_TIMEOUT;

  /** Setting: how many times an idempotent read (probe, number listing) is tried. */
  public static final String READ_ATTEMPTS = JsonHttp.READ_ATTEMPTS;

  /**
   * Setting: the longest {@code Retry-After} waited for inside a read; longer ones are returned.
   */
  public static final String MAX_RETRY_WAIT = JsonHttp.MAX_RETRY_WAIT;

  /** A factory; it holds no state. */
  public TwilioConnectorFactory() {}

  @Override
  public String providerId() {
    return PROVIDER_ID;
  }

  @Override
  public String displayName() {
    return "Twilio (SMS)";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.INBOUND_DMS, Capability.OUTBOUND_TEXT);
  }

  @Override
  public AuthMethod authMethod() {
    return AuthMethod.API_KEY;
  }

  /**
   * A Twilio connector for {@code config}: {@code appId} is the Account SID whose auth token
   * ({@code appSecret}) signs the webhooks. Makes no network call.
   *
   * @throws IllegalArgumentException if a setting is out of range (naming the setting, never its
   *     value)
   * @throws NullPointerException if {@code config} is null
   */
  @Override
  public Connector create(ConnectorConfig config) {
    Objects.requireNonNull(config, "config");
    return new TwilioConnector(config);
  }
}
