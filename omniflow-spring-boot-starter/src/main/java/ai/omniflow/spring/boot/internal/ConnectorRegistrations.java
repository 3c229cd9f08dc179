package ai.omniflow.spring.boot.internal;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.spi.ConnectorConfig;
import ai.omniflow.connector.spi.ConnectorDiscovery;
import ai.omniflow.connector.spi.ConnectorFactory;
import ai.omniflow.spring.boot.OmniFlowProperties;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which connectors the starter registers and with which config: every factory bean, then
 * (with discovery on) every discovered factory whose provider id is new, then the default
 * connectors whose provider id is still free. A factory bean or a provider configured in properties
 * needs a token vault; the default mock connector alone is left out without one.
 */
public final class ConnectorRegistrations {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistrations.class);
  private static final String PREFIX = "omniflow.connectors.providers.";

  private ConnectorRegistrations() {}

  /**
   * Registers the connectors on {@code builder} and sets the mode.
   *
   * @throws IllegalStateException if a connector must be registered but there is no vault, or a
   *     provider's settings are incomplete or invalid (naming the setting, never its value)
   */
  public static void apply(
      OmniFlow.Builder builder,
      OmniFlowProperties.Connectors properties,
      List<ConnectorFactory> factoryBeans,
      List<DefaultConnector> defaults,
      boolean hasVault,
      Clock clock,
      ClassLoader classLoader) {
    builder.connectorMode(properties.getMode());
    Map<String, ConnectorFactory> explicit = new LinkedHashMap<>();
    for (ConnectorFactory f : factoryBeans) {
      String id = ConnectorFactory.checkProviderId(f.providerId());
      if (explicit.putIfAbsent(id, f) != null) {
        throw new IllegalStateException("two ConnectorFactory beans have the provider id " + id);
      }
    }
    Map<String, ConnectorFactory> discovered = new LinkedHashMap<>();
    if (properties.getDiscovery().isEnabled()) {
      for (ConnectorFactory f : ConnectorDiscovery.discover(classLoader)) {
        if (!explicit.containsKey(f.providerId())) {
          discovered.put(f.providerId(), f);
        }
      }
    }
    Map<String, DefaultConnector> defaultsById = new LinkedHashMap<>();
    for (DefaultConnector d : defaults) {
      // A factory bean or a discovered factory with the same id takes the default config as base.
      defaultsById.putIfAbsent(d.factory().providerId(), d);
    }

    List<Pending> pending = new ArrayList<>();
    for (ConnectorFactory f : explicit.values()) {
      DefaultConnector d = defaultsById.remove(f.providerId());
      pending.add(new Pending(f, config(f.providerId(), properties, d, clock), true));
    }
    for (ConnectorFactory f : discovered.values()) {
      DefaultConnector d = defaultsById.remove(f.providerId());
      boolean configured = properties.getProviders().containsKey(f.providerId());
      if (d == null && !configured) {
        LOG.warn(
            "Discovered connector {} is not registered: it has no {}{}.* settings",
            f.providerId(),
            PREFIX,
            f.providerId());
        continue;
      }
      pending.add(new Pending(f, config(f.providerId(), properties, d, clock), configured));
    }
    for (DefaultConnector d : defaultsById.values()) {
      String id = d.factory().providerId();
      pending.add(
          new Pending(
              d.factory(),
              config(id, properties, d, clock),
              properties.getProviders().containsKey(id)));
    }

    for (Pending p : pending) {
      if (!hasVault) {
        if (p.required()) {
          throw new IllegalStateException(
              "The connector "
                  + p.factory().providerId()
                  + " is registered but omniflow.connectors.token-encryption-key"
                  + " (OMNIFLOW_CONNECTORS_TOKEN_ENCRYPTION_KEY) is not set: connectors need a"
                  + " token vault.");
        }
        LOG.info(
            "The {} connector is not registered: omniflow.connectors.token-encryption-key is not"
                + " set",
            p.factory().providerId());
        continue;
      }
      builder.connector(p.factory(), p.config());
    }
  }

  private static ConnectorConfig config(
      String id,
      OmniFlowProperties.Connectors properties,
      @Nullable DefaultConnector base,
      Clock clock) {
    OmniFlowProperties.Provider p = properties.getProviders().get(id);
    ConnectorConfig.Builder b =
        base == null ? ConnectorConfig.builder().clock(clock) : base.config().toBuilder();
    if (p != null) {
      if (p.getAppId() != null) {
        b.appId(p.getAppId());
      }
      if (p.getAppSecret() != null) {
        b.appSecret(p.getAppSecret());
      }
      if (p.getWebhookVerifyToken() != null) {
        b.webhookVerifyToken(p.getWebhookVerifyToken());
      }
      if (p.getApiBaseUri() != null) {
        b.apiBaseUri(p.getApiBaseUri());
      }
      if (!p.getScopes().isEmpty()) {
        b.scopes(p.getScopes());
      }
      p.getSettings().forEach(b::setting);
    } else if (base == null) {
      throw new IllegalStateException(
          "The connector " + id + " has no settings: set " + PREFIX + id + ".app-id and the rest.");
    }
    URI redirect;
    try {
      redirect = properties.oauthRedirectUriOf(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    if (redirect != null) {
      b.redirectUri(redirect);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException | NullPointerException e) {
      // The messages of ConnectorConfig name the field, never its value.
      throw new IllegalStateException(
          "The settings " + PREFIX + id + ".* are incomplete or invalid: " + e.getMessage(), e);
    }
  }

  private record Pending(ConnectorFactory factory, ConnectorConfig config, boolean required) {}
}
