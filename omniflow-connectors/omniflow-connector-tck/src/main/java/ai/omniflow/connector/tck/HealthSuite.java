package ai.omniflow.connector.tck;

import static ai.omniflow.connector.tck.ConnectorCompatibilityKit.KIT_NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.omniflow.connector.spi.HealthReport;
import ai.omniflow.connector.spi.HealthStatus;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's group "Health": each probe answer gives its {@link HealthStatus}, checked at the kit's
 * clock, and a probe never throws for what the platform answers.
 */
abstract class HealthSuite extends KitSuite {

  HealthSuite(ConnectorCompatibilityKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("reports a working account as HEALTHY, checked at the clock's time")
  void healthy() {
    kit.server().enqueue(kit.probeHealthy());
    HealthReport report = kit.connector().probe(kit.sampleAccountId(), madeUp("at"));
    assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(report.checkedAt()).isEqualTo(KIT_NOW);
  }

  @Test
  @DisplayName("reports a rejected token as NEEDS_REAUTH")
  void needsReauth() {
    assertProbe(HealthStatus.NEEDS_REAUTH, true);
  }

  @Test
  @DisplayName("reports a platform error as DEGRADED")
  void degraded() {
    assertProbe(HealthStatus.DEGRADED, true);
  }

  @Test
  @DisplayName("reports an account the platform no longer has as DISCONNECTED")
  void disconnected() {
    assertProbe(HealthStatus.DISCONNECTED, false);
  }

  @Test
  @DisplayName("reports a dropped connection as DEGRADED instead of throwing")
  void droppedConnection() {
    enqueueDroppedConnections();
    HealthReport report = kit.connector().probe(kit.sampleAccountId(), madeUp("at"));
    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.checkedAt()).isEqualTo(KIT_NOW);
  }

  private void assertProbe(HealthStatus status, boolean required) {
    Optional<MockResponse> answer = kit.probeResponse(status);
    if (!required) {
      assumeTrue(answer.isPresent(), "the platform cannot say " + status);
    }
    kit.server()
        .enqueue(
            answer.orElseThrow(() -> new AssertionError("override probeResponse(" + status + ")")));
    HealthReport report = kit.connector().probe(kit.sampleAccountId(), madeUp("at"));
    assertThat(report.status()).isEqualTo(status);
    assertThat(report.checkedAt()).isEqualTo(KIT_NOW);
  }
}
