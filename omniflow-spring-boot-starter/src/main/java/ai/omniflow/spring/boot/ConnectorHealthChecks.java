package ai.omniflow.spring.boot;

import ai.omniflow.OmniFlow;
import ai.omniflow.OmniFlowException;
import ai.omniflow.tenancy.Actor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

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
public final class ConnectorHealthChecks implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorHealthChecks.class);

  private final OmniFlow omniFlow;
  private final Duration interval;
  private @Nullable ScheduledExecutorService executor;

  /**
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public ConnectorHealthChecks(OmniFlow omniFlow, Duration interval) {
    this.omniFlow = Objects.requireNonNull(omniFlow, "omniFlow");
    if (interval.isNegative()) {
      throw new IllegalArgumentException(
          "omniflow.connectors.health-check-interval must not be negative");
    }
    this.interval = interval;
  }

  public Duration interval() {
    return interval;
  }

  /**
   * Probes every org's accounts once, now, on the calling thread.
   *
   * @return how many orgs were checked without failing
   */
  public int runOnce() {
    List<UUID> orgs;
    try {
      orgs = omniFlow.store().orgIds();
    } catch (RuntimeException e) {
      LOG.warn("Scheduled connector health checks could not list the orgs: {}", describe(e));
      return 0;
    }
    int ok = 0;
    for (UUID org : orgs) {
      try {
        omniFlow.connectors().healthcheckAll(Actor.system(org).withRequestId("health-check"));
        ok++;
      } catch (RuntimeException e) {
        LOG.warn("Scheduled connector health check of org {} failed: {}", org, describe(e));
      }
    }
    return ok;
  }

  private static String describe(RuntimeException e) {
    return e instanceof OmniFlowException o
        ? e.getClass().getSimpleName() + " " + o.code()
        : e.getClass().getName();
  }

  @Override
  public synchronized void start() {
    if (executor != null || interval.isZero()) {
      if (interval.isZero()) {
        LOG.info("Scheduled connector health checks are off (interval 0)");
      }
      return;
    }
    ScheduledExecutorService ex =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "omniflow-connector-health");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, interval.toMillis());
    ex.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
    executor = ex;
    LOG.info("Connector health checks run every {}", interval);
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // runOnce catches per org; this keeps the schedule alive whatever else happens.
      LOG.warn("Scheduled connector health checks failed: {}", e.getClass().getName());
    }
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService ex = executor;
    executor = null;
    if (ex != null) {
      ex.shutdownNow();
      try {
        ex.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
