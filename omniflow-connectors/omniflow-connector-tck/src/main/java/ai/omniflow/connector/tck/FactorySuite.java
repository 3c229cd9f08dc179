package ai.omniflow.connector.tck;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.ConnectorFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kit's group "The factory": how a factory describes itself and marks its connectors. */
abstract class FactorySuite extends KitSuite {

  FactorySuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("has a lower-case provider id, a display name and at least one capability")
  void describesItself() {
    ConnectorFactory factory = kit.factory();
    assertThat(factory.providerId()).matches(ConnectorFactory.PROVIDER_ID);
    assertThat(factory.displayName()).isNotBlank();
    assertThat(factory.capabilities()).isNotEmpty();
    assertThat(factory.authMethod()).isNotNull();
  }

  @Test
  @DisplayName("makes connectors that carry its provider id")
  void connectorCarriesProviderId() {
    assertThat(kit.connector().providerId()).isEqualTo(kit.factory().providerId());
  }
}
