package ai.omniflow.connectors;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Connector;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The connectors OmniFlow was built with, each a factory with its app configuration, and the mode
 * that decides which are available: in {@link ConnectorMode#MOCK} only providers registered for
 * mock mode (the {@code mock} provider by default), in {@link ConnectorMode#LIVE} the others.
 *
 * <pre>{@code
 * OmniFlow.builder().connector(new MockConnectorFactory(), mockConfig).connectorMode(ConnectorMode.MOCK)
 * }</pre>
 *
 * <p>Immutable and thread-safe; connectors are created once, when it is built.
 */
public final class ConnectorRegistry {

  /** One registered connector: its factory, configuration, the modes it serves and the instance. */
  public record Registration(
      ConnectorFactory factory,
      ConnectorConfig config,
      Set<ConnectorMode> modes,
      Connector connector) {
    public Registration {
      Objects.requireNonNull(factory, "factory");
      Objects.requireNonNull(config, "config");
      modes = Collections.unmodifiableSet(EnumSet.copyOf(modes));
      Objects.requireNonNull(connector, "connector");
    }

    public String provider() {
      return factory.providerId();
    }
  }

  private final Map<String, Registration> byProvider;
  private final ConnectorMode mode;

  private ConnectorRegistry(Map<String, Registration> byProvider, ConnectorMode mode) {
    this.byProvider = Collections.unmodifiableMap(byProvider);
    this.mode = mode;
  }

  public static ConnectorRegistry empty() {
    return new ConnectorRegistry(Map.of(), ConnectorMode.MOCK);
  }

  /**
   * @throws IllegalArgumentException if two registrations share a provider id, or a factory's id is
   *     malformed
   */
  public static ConnectorRegistry of(List<Registration> registrations, ConnectorMode mode) {
    Map<String, Registration> map = new LinkedHashMap<>();
    for (Registration r : registrations) {
      String id = ConnectorFactory.checkProviderId(r.provider());
      if (map.putIfAbsent(id, r) != null) {
        throw new IllegalArgumentException("two connectors have the provider id '" + id + "'");
      }
    }
    return new ConnectorRegistry(map, Objects.requireNonNull(mode, "mode"));
  }

  /** The modes a provider serves unless told otherwise: mock only for {@code mock}, else live. */
  public static Set<ConnectorMode> defaultModes(String providerId) {
    return "mock".equals(providerId)
        ? EnumSet.of(ConnectorMode.MOCK)
        : EnumSet.of(ConnectorMode.LIVE);
  }

  public ConnectorMode mode() {
    return mode;
  }

  /** Every registration, available in this mode or not. */
  public List<Registration> all() {
    return new ArrayList<>(byProvider.values());
  }

  /** The registrations available in this mode. */
  public List<Registration> available() {
    return byProvider.values().stream().filter(r -> r.modes().contains(mode)).toList();
  }

  public Optional<Registration> find(String provider) {
    return Optional.ofNullable(byProvider.get(provider));
  }

  /**
   * @throws OmniFlowException {@code unknown_provider} (not found) if none has that id; {@code
   *     provider_unavailable} (conflict) if it is not available in this mode
   */
  public Registration require(String provider) {
    Registration r = byProvider.get(provider);
    if (r == null) {
      throw new OmniFlowException(
          OmniFlowException.Kind.NOT_FOUND,
          ConnectorErrors.UNKNOWN_PROVIDER,
          "No connector has this provider id.");
    }
    if (!r.modes().contains(mode)) {
      throw OmniFlowException.conflict(
          ConnectorErrors.PROVIDER_UNAVAILABLE,
          "The provider '"
              + provider
              + "' is not available in connector mode '"
              + mode.wireName()
              + "'.");
    }
    return r;
  }
}
