package ai.omniflow.jdbc;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connectors.ConnectorService;
import ai.omniflow.enrollment.EnrollmentService;
import ai.omniflow.jdbc.internal.SqlNames;
import ai.omniflow.leads.LeadService;
import ai.omniflow.sla.SlaService;
import ai.omniflow.sla.SlaStep;
import ai.omniflow.sla.SlaStepOutcome;
import ai.omniflow.store.spi.EnrollmentRepository;
import ai.omniflow.store.spi.LeadRepository;
import ai.omniflow.store.spi.OrgRepository;
import ai.omniflow.store.spi.SlaClockRepository;
import ai.omniflow.store.spi.TaskRepository;
import ai.omniflow.tasks.TaskService;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.TenancyService;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the SLA clocks' warning, breach and escalation steps, with {@link Builder#enrollments} the
 * steps of nurture enrollments and with {@link Builder#tasks} the tasks' overdue checks, on
 * db-scheduler over OmniFlow's PostgreSQL schema (decision 0046). The JDBC store schedules each
 * step, in the transaction that moved the clock, as an execution of task {@link
 * SlaClockRepository#STEP_TASK} in table {@code scheduled_tasks}; any number of nodes may run a
 * scheduler over the same database, and db-scheduler hands each execution to exactly one of them
 * (and to another if that one dies mid-run). The task calls {@link SlaService#runStepsInBatch},
 * which is idempotent. With {@link Builder#leads} it also expires first-to-claim offers at their
 * time and rescores an org's open leads in the background after its pack changed (decision 0075),
 * and with {@link Builder#connectorHealthChecks} it runs the connector health sweep as a recurring
 * task, one node at a time (decision 0065).
 *
 * <p>An execution holds the steps of a clock due at one instant (a breach and the escalation on it
 * without delay: {@link SlaStep#byInstant}), and {@link SlaService#runSteps} runs them in one
 * transaction that also deletes the execution, so a breach with its escalation is one commit where
 * it was four (two steps, each with db-scheduler's delete after it) and a step's execution goes
 * exactly when its effect commits (decision 0082).
 *
 * <p>An execution also takes along, in its transaction, up to {@link Builder#stepBatch} - 1 other
 * due executions of its org that no node has picked ({@link SlaService#runStepsInBatch}, decision
 * 0096): they are row-locked, not picked, so a crash rolls them back to the schedule as they were,
 * and db-scheduler runs each of them, alone or taking others along, as before. Executions written
 * before this change are the same rows and run the same way.
 *
 * <p>Each node polls with db-scheduler's lock-and-fetch strategy: one {@code select … for update
 * skip locked} picks up to as many due executions as it has threads (and fetches again when half
 * are done), where the default strategy picked each execution with an update of its own
 * (docs/performance.md, "SLA clocks and breaches").
 *
 * <pre>{@code
 * SlaScheduler scheduler = SlaScheduler.builder(appDataSource, "omniflow", omniFlow.sla())
 *     .name("node-1").threads(4).pollingInterval(Duration.ofSeconds(1)).build();
 * scheduler.start();
 * …
 * scheduler.close();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops polling and waits up to the shutdown wait for running
 * steps.
 */
public final class SlaScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlaScheduler.class);
  private final Scheduler scheduler;

  private SlaScheduler(Builder b) {
    CustomTask<Void> task =
        Tasks.custom(SlaClockRepository.STEP_TASK, Void.class)
            // A failing step (the database away) is tried again; the step itself is idempotent.
            .onFailure(
                new FailureHandler.MaxRetriesFailureHandler<>(
                    b.maxRetries, new FailureHandler.OnFailureRetryLater<>(b.retryDelay)))
            .onDeadExecutionRevive()
            .execute(
                (instance, context) -> {
                  List<SlaStep> steps =
                      SlaStep.parseAll(instance.getId(), context.getExecution().executionTime);
                  // With the org's other due executions, up to the batch (decision 0096).
                  SlaStepOutcome outcome = b.sla.runStepsInBatch(steps, b.stepBatch);
                  if (outcome instanceof SlaStepOutcome.Later later) {
                    return (complete, operations) -> operations.reschedule(complete, later.at());
                  }
                  // The steps' own transaction deleted the execution (decision 0082): nothing
                  // is left for db-scheduler to remove.
                  return (complete, operations) -> {};
                });
    java.util.List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks =
        new java.util.ArrayList<>();
    tasks.add(task);
    if (b.enrollments != null) {
      tasks.add(enrollmentTask(b, b.enrollments));
    }
    if (b.tasks != null) {
      tasks.add(overdueTask(b, b.tasks));
    }
    if (b.leads != null) {
      tasks.add(offerExpiryTask(b, b.leads));
      tasks.add(packRescoreTask(b, b.leads));
    }
    java.util.List<RecurringTask<?>> recurring = new java.util.ArrayList<>();
    if (b.healthChecks != null) {
      recurring.add(healthCheckTask(b.healthChecks, b.healthCheckInterval));
    }
    this.scheduler =
        Scheduler.create(b.dataSource, tasks)
            .startTasks(recurring)
            .tableName(b.schema + ".scheduled_tasks")
            .schedulerName(new SchedulerName.Fixed(b.name))
            .threads(b.threads)
            .pollingInterval(b.pollingInterval)
            .pollUsingLockAndFetch(0.5, 1.0)
            .heartbeatInterval(b.heartbeatInterval)
            .missedHeartbeatsLimit(b.missedHeartbeatsLimit)
            .shutdownMaxWait(b.shutdownMaxWait)
            .build();
  }

  /**
   * The nurture task: each execution, named {@code <org>/<enrollment>}, runs the enrollment's due
   * step and is rescheduled to its next run, or removed once it has ended (decision 0061).
   */
  private static CustomTask<Void> enrollmentTask(Builder b, EnrollmentService enrollments) {
    return idTask(
        b, EnrollmentRepository.STEP_TASK, false, (org, id, n) -> enrollments.runStep(org, id));
  }

  /**
   * The tasks' overdue check: each execution, named {@code <org>/<task>/<due ms>}, notes the task
   * overdue if it is undone at that due time, and is removed (decision 0066).
   */
  private static CustomTask<Void> overdueTask(Builder b, TaskService taskService) {
    return idTask(
        b,
        TaskRepository.OVERDUE_TASK,
        true,
        (org, task, dueMillis) ->
            taskService.checkOverdue(org, task, Instant.ofEpochMilli(dueMillis)));
  }

  /**
   * The offer-expiry task: each execution, named {@code <org>/<lead>/<expiry in epoch µs>} ({@link
   * LeadRepository#offerExpiryId}) and written by the store with the offer, expires that offer at
   * its time ({@link LeadService#expireOffer}), or is rescheduled to it if this node's clock is
   * behind (decision 0065).
   */
  private static CustomTask<Void> offerExpiryTask(Builder b, LeadService leads) {
    return idTask(
        b,
        LeadRepository.OFFER_EXPIRY_TASK,
        true,
        (org, lead, micros) ->
            leads.expireOffer(
                org,
                lead,
                Instant.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L)));
  }

  /**
   * The rescoring after a pack selection (decision 0075): each execution, named {@code
   * <org>/<slug>/<version>/<selection>} ({@link OrgRepository#packRescoreId}) and written by the
   * store in the selection's transaction, scores one batch of the org's open leads again ({@link
   * LeadService#rescoreAfterPackChange}) and is rescheduled at once with the batch's last lead as
   * its data, so a run resumes after a crash from the last batch that committed; it is removed once
   * every open lead is done or the org has chosen again.
   */
  private static CustomTask<String> packRescoreTask(Builder b, LeadService leads) {
    int batchSize = b.packRescoreBatchSize;
    return Tasks.custom(OrgRepository.PACK_RESCORE_TASK, String.class)
        .onFailure(
            new FailureHandler.MaxRetriesFailureHandler<>(
                b.maxRetries, new FailureHandler.OnFailureRetryLater<>(b.retryDelay)))
        .onDeadExecutionRevive()
        .execute(
            (instance, context) -> {
              String[] parts = instance.getId().split("/", -1);
              UUID org;
              @Nullable UUID after;
              try {
                if (parts.length != 4) {
                  return new CompletionHandler.OnCompleteRemove<>();
                }
                org = UUID.fromString(parts[0]);
                String cursor = instance.getData();
                after = cursor == null ? null : UUID.fromString(cursor);
              } catch (IllegalArgumentException e) {
                // Not an id or a cursor this task writes: nothing to run.
                return new CompletionHandler.OnCompleteRemove<>();
              }
              Optional<UUID> last =
                  leads.rescoreAfterPackChange(org, parts[1], parts[2], after, batchSize);
              if (last.isPresent()) {
                String next = last.get().toString();
                return (complete, operations) ->
                    operations.reschedule(complete, Instant.now(), next);
              }
              return new CompletionHandler.OnCompleteRemove<>();
            });
  }

  /** What a task of {@link #idTask} does with an execution's id. */
  @FunctionalInterface
  private interface IdRun {
    /**
     * @param number the id's third part, or 0 if it has none
     * @return when to run the execution again, or empty to remove it
     */
    Optional<Instant> run(UUID org, UUID id, long number);
  }

  /**
   * A task whose execution ids are {@code <org>/<id>}, or {@code <org>/<id>/<number>} when {@code
   * numbered}: each execution runs {@code run} over them, tried again on failure (the work is
   * idempotent) and revived if its node died, then is rescheduled to the instant {@code run}
   * answers, or removed without one. An id this task does not write is removed with nothing run.
   */
  private static CustomTask<Void> idTask(Builder b, String name, boolean numbered, IdRun run) {
    return Tasks.custom(name, Void.class)
        .onFailure(
            new FailureHandler.MaxRetriesFailureHandler<>(
                b.maxRetries, new FailureHandler.OnFailureRetryLater<>(b.retryDelay)))
        .onDeadExecutionRevive()
        .execute(
            (instance, context) -> {
              String[] parts = instance.getId().split("/", -1);
              UUID org;
              UUID id;
              long number = 0;
              try {
                if (parts.length != (numbered ? 3 : 2) || numbered && parts[2].length() > 20) {
                  return new CompletionHandler.OnCompleteRemove<>();
                }
                org = UUID.fromString(parts[0]);
                id = UUID.fromString(parts[1]);
                if (numbered) {
                  number = Long.parseLong(parts[2]);
                }
              } catch (IllegalArgumentException e) {
                // Not an id this task writes: nothing to run.
                return new CompletionHandler.OnCompleteRemove<>();
              }
              Optional<Instant> next = run.run(org, id, number);
              if (next.isPresent()) {
                Instant at = next.get();
                return (complete, operations) -> operations.reschedule(complete, at);
              }
              return new CompletionHandler.OnCompleteRemove<>();
            });
  }

  /**
   * The connector health sweep: one recurring execution (instance {@code recurring}), so that one
   * node at a time probes every org's accounts, every interval after the last sweep ended.
   */
  private static RecurringTask<Void> healthCheckTask(HealthChecks checks, Duration interval) {
    return Tasks.recurring(HEALTH_CHECK_TASK, FixedDelay.of(interval))
        .execute((instance, context) -> checks.sweep());
  }

  /** The db-scheduler task name of the connector health sweep. */
  public static final String HEALTH_CHECK_TASK = "omniflow-connector-health";

  /** The health sweep's work: every org's connector accounts probed, one org failing alone. */
  private record HealthChecks(TenancyService tenancy, ConnectorService connectors) {
    void sweep() {
      List<UUID> orgs;
      try {
        orgs = tenancy.orgIds();
      } catch (RuntimeException e) {
        LOG.warn("Connector health sweep could not list the orgs: {}", describe(e));
        return;
      }
      for (UUID org : orgs) {
        try {
          connectors.healthcheckAll(Actor.system(org).withRequestId("health-check"));
        } catch (RuntimeException e) {
          LOG.warn("Connector health sweep of org {} failed: {}", org, describe(e));
        }
      }
    }

    /** The failure's type and code, never a message that could hold a secret. */
    private static String describe(RuntimeException e) {
      return e instanceof OmniFlowException o
          ? e.getClass().getSimpleName() + " " + o.code()
          : e.getClass().getName();
    }
  }

  /**
   * A builder for a scheduler over {@code appDataSource} (connections as the application role),
   * whose tables are in {@code schema}, running steps through {@code sla}.
   *
   * @throws IllegalArgumentException if {@code schema} is not a plain SQL name
   */
  public static Builder builder(DataSource appDataSource, String schema, SlaService sla) {
    return new Builder(appDataSource, schema, sla);
  }

  /** Starts polling for due steps. */
  public void start() {
    scheduler.start();
  }

  /** Stops polling and waits for running steps up to the shutdown wait. */
  @Override
  public void close() {
    scheduler.stop();
  }

  /** Settings of a {@link SlaScheduler}; every value is checked when set. */
  public static final class Builder {
    private final DataSource dataSource;
    private final String schema;
    private final SlaService sla;
    private @Nullable EnrollmentService enrollments;
    private @Nullable TaskService tasks;
    private @Nullable LeadService leads;
    private @Nullable HealthChecks healthChecks;
    private Duration healthCheckInterval = Duration.ofMinutes(15);
    private String name = "omniflow";
    private int threads = 4;
    private Duration pollingInterval = Duration.ofSeconds(1);
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private int missedHeartbeatsLimit = 6;
    private Duration shutdownMaxWait = Duration.ofSeconds(10);
    private int maxRetries = 10;
    private int packRescoreBatchSize = 200;
    private int stepBatch = 100;
    private Duration retryDelay = Duration.ofSeconds(30);

    private Builder(DataSource dataSource, String schema, SlaService sla) {
      this.dataSource = Objects.requireNonNull(dataSource, "appDataSource");
      SqlNames.require("schema", schema);
      this.schema = schema;
      this.sla = Objects.requireNonNull(sla, "sla");
    }

    /**
     * Also runs the steps of nurture enrollments (task {@link EnrollmentRepository#STEP_TASK})
     * through {@code enrollments}; without it this node leaves them to nodes that run them.
     */
    public Builder enrollments(EnrollmentService enrollments) {
      this.enrollments = Objects.requireNonNull(enrollments, "enrollments");
      return this;
    }

    /**
     * Also runs the tasks' overdue checks (task {@link TaskRepository#OVERDUE_TASK}) through {@code
     * tasks}; without it this node leaves them to nodes that run them.
     */
    public Builder tasks(TaskService tasks) {
      this.tasks = Objects.requireNonNull(tasks, "tasks");
      return this;
    }

    /**
     * Also expires first-to-claim offers at their time (task {@link
     * LeadRepository#OFFER_EXPIRY_TASK}) and rescores an org's open leads after its pack changed
     * (task {@link OrgRepository#PACK_RESCORE_TASK}) through {@code leads}; without it this node
     * leaves them to nodes that run them (decisions 0065, 0075).
     */
    public Builder leads(LeadService leads) {
      this.leads = Objects.requireNonNull(leads, "leads");
      return this;
    }

    /**
     * Also probes every org's connector accounts every {@code interval} (task {@link
     * #HEALTH_CHECK_TASK}, recurring: one node at a time runs each sweep): 1 second to 1 day.
     */
    public Builder connectorHealthChecks(
        TenancyService tenancy, ConnectorService connectors, Duration interval) {
      this.healthCheckInterval = between("interval", interval, 1_000, 86_400_000);
      this.healthChecks =
          new HealthChecks(
              Objects.requireNonNull(tenancy, "tenancy"),
              Objects.requireNonNull(connectors, "connectors"));
      return this;
    }

    /**
     * How many open leads one execution of the rescoring after a pack selection scores, in one
     * transaction: 1–1,000 (default 200).
     */
    public Builder packRescoreBatchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 1000) {
        throw new IllegalArgumentException("batchSize must be from 1 to 1000");
      }
      this.packRescoreBatchSize = batchSize;
      return this;
    }

    /**
     * How many executions of SLA steps at most run in one transaction: the picked one and up to
     * {@code batch - 1} other due executions of its org (decision 0096); 1 runs each alone. 1–100
     * (default 100).
     */
    public Builder stepBatch(int batch) {
      if (batch < 1 || batch > SlaClockRepository.MAX_CLAIM) {
        throw new IllegalArgumentException("stepBatch must be from 1 to 100");
      }
      this.stepBatch = batch;
      return this;
    }

    /** This node's name in {@code picked_by}: 1–100 characters. */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > 100) {
        throw new IllegalArgumentException("name must have 1 to 100 characters");
      }
      this.name = name;
      return this;
    }

    /** How many steps run at once on this node: 1–64. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be from 1 to 64");
      }
      this.threads = threads;
      return this;
    }

    /** How often to look for due steps: 100 ms to 1 minute (it bounds how late a step runs). */
    public Builder pollingInterval(Duration interval) {
      this.pollingInterval = between("pollingInterval", interval, 100, 60_000);
      return this;
    }

    /**
     * How often a node marks its running steps alive, and after how many missed marks another node
     * takes them over: 100 ms to 10 minutes, 2 to 100 marks.
     */
    public Builder heartbeat(Duration interval, int missedLimit) {
      this.heartbeatInterval = between("heartbeatInterval", interval, 100, 600_000);
      if (missedLimit < 4 || missedLimit > 100) {
        throw new IllegalArgumentException("missedLimit must be from 4 to 100");
      }
      this.missedHeartbeatsLimit = missedLimit;
      return this;
    }

    /** How long {@link #close()} waits for running steps: zero to 5 minutes. */
    public Builder shutdownMaxWait(Duration wait) {
      this.shutdownMaxWait = between("shutdownMaxWait", wait, 0, 300_000);
      return this;
    }

    /** How often and after how long a failed step is tried again: 0–100 times, 1 s to 1 hour. */
    public Builder retries(int maxRetries, Duration delay) {
      if (maxRetries < 0 || maxRetries > 100) {
        throw new IllegalArgumentException("maxRetries must be from 0 to 100");
      }
      this.maxRetries = maxRetries;
      this.retryDelay = between("retryDelay", delay, 1_000, 3_600_000);
      return this;
    }

    public SlaScheduler build() {
      return new SlaScheduler(this);
    }

    private static Duration between(String field, Duration d, long minMillis, long maxMillis) {
      Objects.requireNonNull(d, field);
      if (d.compareTo(Duration.ofMillis(minMillis)) < 0
          || d.compareTo(Duration.ofMillis(maxMillis)) > 0) {
        throw new IllegalArgumentException(
            field
                + " must be from "
                + Duration.ofMillis(minMillis)
                + " to "
                + Duration.ofMillis(maxMillis));
      }
      return d;
    }
  }
}
