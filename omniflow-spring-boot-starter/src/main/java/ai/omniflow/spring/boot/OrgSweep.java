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
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work done for every org on a schedule: one daemon thread that, every interval, runs the work as
 * {@code Actor.system(org)} for each org in {@code store.orgIds()}. A failing org is logged (its id
 * and the failure's type and code, never a message that could hold a secret) and the others still
 * run. A zero interval schedules nothing. The work must be idempotent: each node that runs it runs
 * it for every org. Thread-safe.
 */
public class OrgSweep implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(OrgSweep.class);

  private final OmniFlow omniFlow;
  private final String name;
  private final String requestId;
  private final Duration interval;
  private final Consumer<Actor> work;
  private @Nullable ScheduledExecutorService executor;

  /**
   * @param name what the work is, for logs, e.g. {@code connector health check}
   * @param requestId the request id its audit entries carry, e.g. {@code health-check}
   * @param setting the interval's setting, for the error message
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public OrgSweep(
      OmniFlow omniFlow,
      String name,
      String requestId,
      String setting,
      Duration interval,
      Consumer<Actor> work) {
    this.omniFlow = Objects.requireNonNull(omniFlow, "omniFlow");
    this.name = Objects.requireNonNull(name, "name");
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.work = Objects.requireNonNull(work, "work");
    if (interval.isNegative()) {
      throw new IllegalArgumentException(setting + " must not be negative");
    }
    this.interval = interval;
  }

  public Duration interval() {
    return interval;
  }

  /**
   * Runs the work for every org once, now, on the calling thread.
   *
   * @return how many orgs it ran for without failing
   */
  public int runOnce() {
    List<UUID> orgs;
    try {
      orgs = omniFlow.tenancy().orgIds();
    } catch (RuntimeException e) {
      LOG.warn("Scheduled {} could not list the orgs: {}", name, describe(e));
      return 0;
    }
    int ok = 0;
    for (UUID org : orgs) {
      try {
        work.accept(Actor.system(org).withRequestId(requestId));
        ok++;
      } catch (RuntimeException e) {
        LOG.warn("Scheduled {} of org {} failed: {}", name, org, describe(e));
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
        LOG.info("Scheduled {} is off (interval 0)", name);
      }
      return;
    }
    ScheduledExecutorService ex =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "omniflow-" + requestId);
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, interval.toMillis());
    ex.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
    executor = ex;
    LOG.info("Scheduled {} runs every {}", name, interval);
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // runOnce catches per org; this keeps the schedule alive whatever else happens.
      LOG.warn("Scheduled {} failed: {}", name, e.getClass().getName());
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
