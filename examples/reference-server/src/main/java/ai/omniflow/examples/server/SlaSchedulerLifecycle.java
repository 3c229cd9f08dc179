package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.jdbc.SlaScheduler;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Starts this node's SLA scheduler with the application and stops it with it ({@code
 * omniflow.sla.*}, docs/sla.md): db-scheduler over the server's pooled application connections and
 * OmniFlow's schema, running the SLA clocks' steps through {@code omniFlow.sla()} and nurture
 * enrollments' steps through {@code omniFlow.enrollments()} and tasks' overdue checks through
 * {@code omniFlow.tasks()} (docs/nurture.md), first-to-claim offers' expiries through {@code
 * omniFlow.leads()} and the connector health sweep (decision 0065). Off when {@code
 * omniflow.sla.scheduler-enabled} is {@code false}; the starter's polled sweeps then run instead
 * ({@link ServerConfiguration}).
 */
final class SlaSchedulerLifecycle implements SmartLifecycle {
  private final @Nullable SlaScheduler scheduler;
  private volatile boolean running;

  /**
   * @param healthCheckInterval {@code omniflow.connectors.health-check-interval}: how often the
   *     connector health sweep runs on the scheduler (one node at a time); zero runs none
   */
  SlaSchedulerLifecycle(
      DataSource dataSource,
      String schema,
      ServerProperties.Sla settings,
      OmniFlow omniFlow,
      Duration healthCheckInterval) {
    if (settings.enabled()) {
      SlaScheduler.Builder b =
          SlaScheduler.builder(dataSource, schema, omniFlow.sla())
              .enrollments(omniFlow.enrollments())
              .tasks(omniFlow.tasks())
              .leads(omniFlow.leads())
              .name("omniflow-" + ProcessHandle.current().pid())
              .threads(settings.threads())
              .pollingInterval(settings.pollingInterval());
      if (!healthCheckInterval.isZero()) {
        b.connectorHealthChecks(omniFlow.tenancy(), omniFlow.connectors(), healthCheckInterval);
      }
      this.scheduler = b.build();
    } else {
      this.scheduler = null;
    }
  }

  @Override
  public void start() {
    if (scheduler != null) {
      scheduler.start();
    }
    running = true;
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
