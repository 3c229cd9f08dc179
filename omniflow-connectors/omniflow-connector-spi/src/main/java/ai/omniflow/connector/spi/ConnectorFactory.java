package ai.omniflow.connector.spi;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Describes a connector and makes one {@link Connector} per configured app. Register it explicitly:
 *
 * <pre>{@code
 * OmniFlow omniflow = OmniFlow.builder()
 *     .connector(new MockConnectorFactory(), mockConfig)
 *     .build();
 * }</pre>
 *
 * or opt in to {@link ConnectorDiscovery#discover(ClassLoader)}, for which the implementation is
 * listed in {@code META-INF/services/ai.omniflow.connector.spi.ConnectorFactory} and has a public
 * no-argument constructor.
 *
 * <p>Implementations are immutable and thread-safe, and their describing methods return the same
 * values on every call.
 */
public interface ConnectorFactory {

  /**
   * What a provider id looks like: lower-case letters, digits and dashes, starting with a letter.
   */
  Pattern PROVIDER_ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  /** The provider's id, e.g. {@code meta}, {@code whatsapp}, {@code twilio}, {@code mock}. */
  String providerId();

  /** The provider's name for people, e.g. {@code "Meta (Facebook and Instagram)"}. */
  String displayName();

  /** What the connector can do; the compatibility kit tests exactly these. */
  Set<Capability> capabilities();

  /** How its accounts are authorized. */
  AuthMethod authMethod();

  /**
   * A connector for one app. Makes no network call.
   *
   * @throws IllegalArgumentException if {@code config} lacks something this connector needs (name
   *     the field and the setting, never its value)
   * @throws NullPointerException if {@code config} is null
   */
  Connector create(ConnectorConfig config);

  /** Whether {@link #capabilities()} holds {@code capability}. */
  default boolean supports(Capability capability) {
    return capabilities().contains(capability);
  }

  /**
   * Returns {@code providerId} if it is a valid provider id.
   *
   * @throws IllegalArgumentException if it does not match {@link #PROVIDER_ID}
   */
  static String checkProviderId(String providerId) {
    if (!PROVIDER_ID.matcher(providerId).matches()) {
      throw new IllegalArgumentException(
          "provider id must be lower-case letters, digits and dashes, starting with a letter: "
              + providerId);
    }
    return providerId;
  }
}
