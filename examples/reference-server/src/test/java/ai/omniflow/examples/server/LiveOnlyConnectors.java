package ai.omniflow.examples.server;

import ai.omniflow.connector.mock.MockConnectorFactory;
import ai.omniflow.connector.spi.AuthMethod;
import ai.omniflow.connector.spi.Capability;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import java.util.Set;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A connector factory for the test servers whose provider, {@code acme}, serves live mode only (the
 * default for any id but {@code mock}), so that in mock mode it is known but unavailable. Its
 * settings are {@code omniflow.connectors.providers.acme.*} in {@link ServerTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
class LiveOnlyConnectors {
  static final String PROVIDER = "acme";

  @Bean
  ConnectorFactory acmeConnectorFactory() {
    return new ConnectorFactory() {
      @Override
      public String providerId() {
        return PROVIDER;
      }

      @Override
      public String displayName() {
        return "Acme (live only)";
      }

      @Override
      public Set<Capability> capabilities() {
        return Set.of(Capability.OUTBOUND_TEXT);
      }

      @Override
      public AuthMethod authMethod() {
        return AuthMethod.OAUTH;
      }

      @Override
      public Connector create(ConnectorConfig config) {
        // Never called in mock mode; an offline mock stands in for a real platform.
        return new MockConnectorFactory()
            .create(config.toBuilder().setting(MockConnectorFactory.OFFLINE, "true").build());
      }
    };
  }
}
