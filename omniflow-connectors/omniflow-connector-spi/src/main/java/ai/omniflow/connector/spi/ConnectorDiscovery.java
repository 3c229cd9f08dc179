package ai.omniflow.connector.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opt-in discovery of {@link ConnectorFactory} implementations listed in {@code
 * META-INF/services/ai.omniflow.connector.spi.ConnectorFactory}. Explicit registration is the
 * default; a host that wants every connector on its class path asks for them:
 *
 * <pre>{@code
 * for (ConnectorFactory factory : ConnectorDiscovery.discover(getClass().getClassLoader())) {
 *   builder.connector(factory, configFor(factory.providerId()));
 * }
 * }</pre>
 *
 * <p>A broken provider does not stop the others: a listed class that is missing, cannot be
 * instantiated, throws while describing itself or has an invalid provider id is skipped with one
 * SLF4J warning that names it. Two factories with the same provider id are a configuration error.
 * Thread-safe: it holds no state.
 */
public final class ConnectorDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorDiscovery.class);

  // A ServiceLoader iterator whose hasNext() keeps failing would otherwise loop forever.
  private static final int MAX_FAILURES = 1000;

  private ConnectorDiscovery() {}

  /**
   * The connector factories that {@code classLoader} can see, in the order found, broken ones
   * skipped.
   *
   * @throws IllegalStateException if two factories declare the same provider id (the message names
   *     both classes)
   * @throws NullPointerException if {@code classLoader} is null
   */
  public static List<ConnectorFactory> discover(ClassLoader classLoader) {
    Checks.notNull(classLoader, "classLoader");
    Iterator<ConnectorFactory> it =
        ServiceLoader.load(ConnectorFactory.class, classLoader).iterator();
    Map<String, ConnectorFactory> byId = new LinkedHashMap<>();
    int failures = 0;
    while (failures < MAX_FAILURES) {
      ConnectorFactory factory;
      try {
        if (!it.hasNext()) {
          break;
        }
        factory = it.next();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        failures++;
        LOG.warn(
            "Skipping a connector provider that could not be loaded: {} ({})",
            e.getMessage(),
            e.getClass().getSimpleName());
        continue;
      }
      String className = factory.getClass().getName();
      String id;
      try {
        id = ConnectorFactory.checkProviderId(factory.providerId());
        factory.displayName();
        factory.capabilities();
        factory.authMethod();
      } catch (RuntimeException | LinkageError e) {
        failures++;
        LOG.warn(
            "Skipping connector provider {}: it failed to describe itself: {}",
            className,
            e.toString());
        continue;
      }
      ConnectorFactory previous = byId.putIfAbsent(id, factory);
      if (previous != null) {
        throw new IllegalStateException(
            "two connector factories declare provider id '"
                + id
                + "': "
                + previous.getClass().getName()
                + " and "
                + className);
      }
    }
    return List.copyOf(new ArrayList<>(byId.values()));
  }
}
