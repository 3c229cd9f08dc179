package ai.omniflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.mock.env.MockEnvironment;

@DisplayName("The bind address with development headers")
class DevBindAddressTest {
  private static final String KEY = ai.omniflow.vault.tink.Keyset.generate().toJson();

  /** Runs after the config files, as in Spring Boot: application.properties carries the key. */
  private static MockEnvironment apply(MockEnvironment env) {
    try {
      env.getPropertySources()
          .addLast(
              new ResourcePropertySource(
                  "application.properties", new ClassPathResource("application.properties")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new DevBindAddress().postProcessEnvironment(env, new SpringApplication(ReferenceServer.class));
    return env;
  }

  @Test
  @DisplayName("is 127.0.0.1 when dev headers are on by default and no address is set")
  void loopbackByDefault() {
    MockEnvironment env = apply(new MockEnvironment());

    assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
    assertThat(env.getProperty(DevBindAddress.DEFAULTED)).isEqualTo("true");
  }

  @Test
  @DisplayName("is the operator's when server.address is set, even with dev headers on")
  void theOperatorDecides() {
    MockEnvironment env = apply(new MockEnvironment().withProperty("server.address", "0.0.0.0"));

    assertThat(env.getProperty("server.address")).isEqualTo("0.0.0.0");
    assertThat(env.getProperty(DevBindAddress.DEFAULTED)).isNull();
  }

  @Test
  @DisplayName("is left to Spring (every interface) when dev headers are off")
  void untouchedWithoutDevHeaders() {
    assertThat(
            apply(new MockEnvironment().withProperty("omniflow.dev-auth.enabled", "false"))
                .getProperty("server.address"))
        .isNull();
    assertThat(
            apply(
                    new MockEnvironment()
                        .withProperty("omniflow.db.url", "jdbc:postgresql://db/app")
                        .withProperty("omniflow.db.user", "owner")
                        .withProperty("omniflow.db.app-password", "x")
                        .withProperty("TOKEN_ENCRYPTION_KEY", KEY)
                        .withProperty("OAUTH_REDIRECT_URI", "https://app.example.com/cb"))
                .getProperty("server.address"))
        .as("an external database turns dev headers off by default")
        .isNull();
  }

  @Test
  @DisplayName("is 127.0.0.1 with an external database when dev headers are turned on")
  void loopbackWithDevHeadersOnAnExternalDatabase() {
    MockEnvironment env =
        apply(
            new MockEnvironment()
                .withProperty("omniflow.db.url", "jdbc:postgresql://db/app")
                .withProperty("omniflow.db.user", "owner")
                .withProperty("omniflow.db.app-password", "x")
                .withProperty("omniflow.dev-auth.enabled", "true")
                .withProperty("TOKEN_ENCRYPTION_KEY", KEY)
                .withProperty("OAUTH_REDIRECT_URI", "https://app.example.com/cb"));

    assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
  }
}
