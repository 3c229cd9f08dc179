package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.jdbc.SlaScheduler;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Starts this node's SLA scheduler with the application and stops it with it ({@code
 * omniflow.sla.*}, docs/sla.md): db-scheduler over the server's pooled application connections and
 * OmniFlow's schema, running the SLA clocks' steps through {@code omniFlow.sla()} and nurture
 * enrollments' steps through {@code omniFlow.enrollments()} and tasks' overdue checks through
 * {@code omniFlow.tasks()} (docs/nurture.md). Off when {@code omniflow.sla.scheduler-enabled} is
 * {@code false}.
 */
final class SlaSchedulerLifecycle implements SmartLifecycle {
  private final @Nullable SlaScheduler scheduler;
  private volatile boolean running;

  SlaSchedulerLifecycle(
      DataSource dataSource, String schema, ServerProperties.Sla settings, OmniFlow omniFlow) {
    this.scheduler =
        settings.enabled()
            ? SlaScheduler.builder(dataSource, schema, omniFlow.sla())
                .enrollments(omniFlow.enrollments())
                .tasks(omniFlow.tasks())
                .name("omniflow-" + ProcessHandle.current().pid())
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .build()
            : null;
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
