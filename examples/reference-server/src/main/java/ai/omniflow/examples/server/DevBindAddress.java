package ai.omniflow.examples.server;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * While the development headers are honoured, the server listens on 127.0.0.1 only, unless the
 * operator set {@code server.address} ({@code SERVER_ADDRESS}) themselves: anyone who can reach a
 * server with dev headers on can act as any member of the dev org, whose ids the README publishes.
 * {@link ServerConfiguration} logs the choice and how to change it. Registered in {@code
 * META-INF/spring.factories}, so it applies however the application is started.
 */
public final class DevBindAddress implements EnvironmentPostProcessor, Ordered {
  /** The property marking that this class chose the address; read for the start-up log. */
  static final String DEFAULTED = "omniflow.internal.server-address-defaulted";

  static final String LOOPBACK = "127.0.0.1";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String address = environment.getProperty("server.address");
    if (address != null && !address.isBlank()) {
      return; // the operator decided
    }
    boolean devAuth;
    try {
      devAuth = ServerSettings.from(environment).devAuthEnabled();
    } catch (RuntimeException e) {
      return; // invalid settings: the start fails anyway, listing them
    }
    if (devAuth) {
      environment
          .getPropertySources()
          .addLast(
              new MapPropertySource(
                  "omniflow-dev-bind-address",
                  Map.of("server.address", LOOPBACK, DEFAULTED, "true")));
    }
  }

  /** After the config files are read, so {@code server.address} in them counts. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
