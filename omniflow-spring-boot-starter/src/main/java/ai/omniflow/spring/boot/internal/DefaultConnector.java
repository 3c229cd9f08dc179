package ai.omniflow.spring.boot.internal;

import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import java.util.Objects;

/**
 * A connector the starter registers by itself unless the application has a factory bean with the
 * same provider id: the offline mock connector. Its config is the base that {@code
 * omniflow.connectors.providers.<id>.*} and the shared redirect URI override.
 *
 * @param factory the factory
 * @param config its default config
 */
public record DefaultConnector(ConnectorFactory factory, ConnectorConfig config) {
  public DefaultConnector {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(config, "config");
  }
}
