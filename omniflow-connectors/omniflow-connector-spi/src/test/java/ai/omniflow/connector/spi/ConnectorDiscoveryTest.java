package ai.omniflow.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorDiscoveryTest {

  @TempDir Path dir;

  @Test
  void discoversEveryListedFactoryInOrder() throws IOException {
    ClassLoader loader = loaderListing(Good.class, Other.class);
    assertThat(ConnectorDiscovery.discover(loader))
        .extracting(ConnectorFactory::providerId)
        .containsExactly("good", "other");
  }

  @Test
  void aMissingClassAFailingConstructorOrABadIdIsSkippedWithAWarningNamingIt() throws IOException {
    ClassLoader loader =
        loaderListing(
            "com.example.DoesNotExist",
            Good.class.getName(),
            FailsToConstruct.class.getName(),
            BadId.class.getName(),
            Other.class.getName());
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<ConnectorFactory> found;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      found = ConnectorDiscovery.discover(loader);
    } finally {
      System.setErr(stderr);
    }
    assertThat(found).extracting(ConnectorFactory::providerId).containsExactly("good", "other");
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("com.example.DoesNotExist")
        .contains(FailsToConstruct.class.getName())
        .contains(BadId.class.getName());
  }

  @Test
  void twoFactoriesWithOneProviderIdAreRefusedNamingBoth() throws IOException {
    ClassLoader loader = loaderListing(Good.class, AlsoGood.class);
    assertThatThrownBy(() -> ConnectorDiscovery.discover(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'good'")
        .hasMessageContaining(Good.class.getName())
        .hasMessageContaining(AlsoGood.class.getName());
  }

  @Test
  void nothingListedIsAnEmptyList() throws IOException {
    assertThat(ConnectorDiscovery.discover(loaderListing(new String[0]))).isEmpty();
  }

  private ClassLoader loaderListing(Class<?>... classes) throws IOException {
    String[] names = new String[classes.length];
    for (int i = 0; i < classes.length; i++) {
      names[i] = classes[i].getName();
    }
    return loaderListing(names);
  }

  private ClassLoader loaderListing(String... classNames) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(ConnectorFactory.class.getName()), String.join("\n", classNames) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  /** A factory that describes itself and makes nothing. */
  public abstract static class Described implements ConnectorFactory {
    @Override
    public String displayName() {
      return providerId();
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of(Capability.OUTBOUND_TEXT);
    }

    @Override
    public AuthMethod authMethod() {
      return AuthMethod.API_KEY;
    }

    @Override
    public Connector create(ConnectorConfig config) {
      throw new UnsupportedOperationException();
    }
  }

  public static final class Good extends Described {
    @Override
    public String providerId() {
      return "good";
    }
  }

  public static final class AlsoGood extends Described {
    @Override
    public String providerId() {
      return "good";
    }
  }

  public static final class Other extends Described {
    @Override
    public String providerId() {
      return "other";
    }
  }

  public static final class BadId extends Described {
    @Override
    public String providerId() {
      return "Bad Id";
    }
  }

  public static final class FailsToConstruct extends Described {
    public FailsToConstruct() {
      throw new IllegalStateException("no config file");
    }

    @Override
    public String providerId() {
      return "fails";
    }
  }
}
