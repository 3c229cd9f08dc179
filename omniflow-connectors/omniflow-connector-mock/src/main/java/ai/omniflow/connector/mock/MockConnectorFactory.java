package ai.omniflow.connector.mock;

import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Makes {@linkplain ai.omniflow.connector.mock mock connectors}: provider id {@code mock}, every
 * capability, OAuth. With the setting {@code offline=true} the connector needs no server at all.
 *
 * <pre>{@code
 * OmniFlow.builder().connector(new MockConnectorFactory(), MockConnectorFactory.offlineConfig(clock));
 * }</pre>
 *
 * <p>Also listed for {@link ai.omniflow.connector.spi.ConnectorDiscovery}. Immutable and
 * thread-safe.
 */
public final class MockConnectorFactory implements ConnectorFactory {
  /** The provider id. */
  public static final String PROVIDER_ID = "mock";

  /** The setting that makes the connector answer in-process: {@code offline=true}. */
  public static final String OFFLINE = "offline";

  /** A factory; it holds no state. */
  public MockConnectorFactory() {}

  /**
   * A config for the offline mode, with fixed, public, non-secret values (the mock platform has no
   * secrets worth keeping): app {@code omniflow-mock}, verify token {@code mock-verify-token},
   * redirect {@code http://localhost:8080/connectors/mock/callback}, scopes {@code messages} and
   * {@code leads}.
   *
   * @throws NullPointerException if {@code clock} is null
   */
  public static ConnectorConfig offlineConfig(Clock clock) {
    return ConnectorConfig.builder()
        .appId("omniflow-mock")
        .appSecret("mock-app-secret")
        .webhookVerifyToken("mock-verify-token")
        .apiBaseUri(URI.create("https://mock.omniflow.invalid/"))
        .redirectUri(URI.create("http://localhost:8080/connectors/mock/callback"))
        .scopes(List.of("messages", "leads"))
        .setting(OFFLINE, "true")
        .clock(Objects.requireNonNull(clock, "clock"))
        .build();
  }

  @Override
  public String providerId() {
    return PROVIDER_ID;
  }

  @Override
  public String displayName() {
    return "Mock (no platform needed)";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.values());
  }

  @Override
  public AuthMethod authMethod() {
    return AuthMethod.OAUTH;
  }

  /**
   * A mock connector for {@code config}.
   *
   * @throws IllegalArgumentException if {@code config} has no redirect URI
   */
  @Override
  public Connector create(ConnectorConfig config) {
    Objects.requireNonNull(config, "config");
    if (config.redirectUri() == null) {
      throw new IllegalArgumentException("the mock connector needs a redirectUri in its config");
    }
    return new MockConnector(config);
  }
}
