package ai.omniflow.spring.boot;

import ai.omniflow.OmniFlow;
import java.time.Duration;

/**
 * Probes every org's connector accounts on a schedule ({@code
 * omniflow.connectors.health-check-interval}): one daemon thread that, every interval, calls {@code
 * connectors().healthcheckAll(Actor.system(org))} for each org in {@code store.orgIds()}. A failing
 * org is logged (its id and the failure's type and code, never a message that could hold a secret)
 * and the others still run. A zero interval schedules nothing.
 *
 * <pre>{@code
 * ConnectorHealthChecks checks = new ConnectorHealthChecks(omniFlow, Duration.ofMinutes(15));
 * checks.start(); // Spring does this for the bean
 * }</pre>
 *
 * <p>Each node that runs it probes every org; probes are idempotent, so several nodes only probe
 * more often. Thread-safe.
 */
public final class ConnectorHealthChecks extends OrgSweep {
  /**
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public ConnectorHealthChecks(OmniFlow omniFlow, Duration interval) {
    super(
        omniFlow,
        "connector health check",
        "health-check",
        "omniflow.connectors.health-check-interval",
        interval,
        actor -> omniFlow.connectors().healthcheckAll(actor));
  }
}
