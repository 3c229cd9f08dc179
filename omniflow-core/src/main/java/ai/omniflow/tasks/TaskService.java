package ai.omniflow.tasks;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.TaskRecords;
import ai.omniflow.internal.Wiring;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Tasks for people: list them, complete them, snooze them, and note the overdue ones. Obtain it
 * from {@link ai.omniflow.OmniFlow#tasks()}; docs/nurture.md describes tasks and decision 0066 the
 * choices behind them.
 *
 * <pre>{@code
 * TaskPage mine = omniFlow.tasks().list(agent, TaskQuery.parse(null, "open", null, null, "50"));
 * omniFlow.tasks().snooze(agent, taskId, now.plus(Duration.ofDays(1)));
 * omniFlow.tasks().complete(agent, taskId);
 * }</pre>
 *
 * <p>Who may do what: anyone who may see leads lists tasks, but only an actor who may manage leads
 * (owners, admins, managers) sees and acts on everyone's; the others (agents) see and act on their
 * own, and to act at all one must be able to write leads. A task the actor may not see (another
 * org's, or for an agent another person's) reads as absent: {@code not_found}. Every change writes
 * its event and audit entry in its own transaction; a refused call writes nothing. Thread-safe.
 */
public final class TaskService {
  /** The furthest ahead a task may be snoozed. */
  public static final Duration MAX_SNOOZE = Duration.ofDays(90);

  static {
    // Only OmniFlow.builder() builds services (decision 0032).
    Wiring.register(TaskService.class, w -> new TaskService(w.store(), w.clock()));
  }

  private final Store store;
  private final Clock clock;

  TaskService(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The tasks {@code query} selects, by due time then id, with the cursor of the next page if there
   * may be one. An actor who may not manage leads lists only their own tasks: naming no assignee
   * means themselves.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}, or for an
   *     actor who may not manage leads naming another assignee
   */
  public TaskPage list(Actor actor, TaskQuery query) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(query, "query");
    TaskQuery q = query;
    if (!seesAll(actor)) {
      if (q.assignee() != null && !q.assignee().equals(actor.userId())) {
        throw OmniFlowException.forbidden("Only managers and owners see other people's tasks.");
      }
      q = q.ofAssignee(Objects.requireNonNull(actor.userId(), "userId"));
    }
    TaskQuery finalQuery = q;
    List<Task> tasks = store.inTransaction(actor, tx -> tx.tasks().list(finalQuery));
    TaskQuery.Cursor next =
        tasks.size() < q.limit() ? null : TaskQuery.Cursor.after(tasks.get(tasks.size() - 1));
    return new TaskPage(tasks, next);
  }

  /**
   * The lead's tasks by due time (the ones the actor may see: all of them for those who may manage
   * leads, else their own), at most {@code limit}.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the org has no such lead
   * @throws IllegalArgumentException if {@code limit} is not 1 to 200
   */
  public List<Task> ofLead(Actor actor, UUID leadId, int limit) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(leadId, "leadId");
    return store.inTransaction(
        actor,
        tx -> {
          if (tx.leads().find(leadId).isEmpty()) {
            throw OmniFlowException.notFound("The lead");
          }
          return tx.tasks().ofLead(leadId, limit).stream()
              .filter(t -> seesAll(actor) || Objects.equals(t.assigneeUserId(), actor.userId()))
              .toList();
        });
  }

  /**
   * The task.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_READ}; {@code
   *     not_found} if the actor sees no such task
   */
  public Task get(Actor actor, UUID taskId) {
    Permission.LEADS_READ.check(actor);
    Objects.requireNonNull(taskId, "taskId");
    return store.inTransaction(actor, tx -> visible(tx, actor, taskId, false));
  }

  /**
   * Marks the task done. Event {@code task.completed}, audited; its pending overdue check is
   * cancelled. A done task is answered as it is, writing nothing, so a retried call is harmless.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     not_found} if the actor sees no such task
   */
  public Task complete(Actor actor, UUID taskId) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(taskId, "taskId");
    return store.inTransaction(
        actor,
        tx -> {
          Task t = visible(tx, actor, taskId, true);
          if (t.done()) {
            return t;
          }
          Instant now = clock.instant();
          Task done = t.complete(now);
          tx.tasks().update(done);
          record(tx, TaskEvents.TASK_COMPLETED, TaskEvents.AUDIT_TASK_COMPLETE, t, done, now);
          return done;
        });
  }

  /**
   * Snoozes the task until {@code until}, which becomes its due time; at that time it is open again
   * and, if still undone, overdue (once). Event {@code task.snoozed}, audited.
   *
   * @throws OmniFlowException {@code forbidden} without {@link Permission#LEADS_WRITE}; {@code
   *     invalid_snooze_until} (invalid input) if {@code until} is missing, not after now or more
   *     than {@link #MAX_SNOOZE} ahead; {@code not_found} if the actor sees no such task; {@code
   *     task_done} (conflict) if it is done
   */
  public Task snooze(Actor actor, UUID taskId, @Nullable Instant until) {
    Permission.LEADS_WRITE.check(actor);
    Objects.requireNonNull(taskId, "taskId");
    Instant now = clock.instant();
    if (until == null || !until.isAfter(now) || until.isAfter(now.plus(MAX_SNOOZE))) {
      throw OmniFlowException.invalidInput(
          TaskErrors.INVALID_SNOOZE_UNTIL,
          "until must be an instant after now and at most " + MAX_SNOOZE.toDays() + " days ahead.");
    }
    return store.inTransaction(
        actor,
        tx -> {
          Task t = visible(tx, actor, taskId, true);
          if (t.done()) {
            throw OmniFlowException.conflict(
                TaskErrors.TASK_DONE, "The task is done; a done task is not snoozed.");
          }
          Task snoozed = t.snooze(until, now);
          tx.tasks().update(snoozed);
          record(tx, TaskEvents.TASK_SNOOZED, TaskEvents.AUDIT_TASK_SNOOZE, t, snoozed, now);
          return snoozed;
        });
  }

  /**
   * Reads a snooze end as sent on the wire: an ISO-8601 instant such as {@code
   * 2026-12-08T09:00:00Z}; absent or blank reads as {@code null}, which {@link #snooze} refuses.
   * Never echoes the value.
   *
   * @throws OmniFlowException {@code invalid_snooze_until} (invalid input) if it does not parse
   */
  public static @Nullable Instant parseSnoozeUntil(@Nullable String wire) {
    if (wire == null || wire.isBlank()) {
      return null;
    }
    try {
      if (wire.length() <= 40) {
        return Instant.parse(wire.strip());
      }
    } catch (java.time.format.DateTimeParseException e) {
      // Falls through to the typed error.
    }
    throw OmniFlowException.invalidInput(
        TaskErrors.INVALID_SNOOZE_UNTIL,
        "until must be an ISO-8601 instant such as 2026-12-08T09:00:00Z.");
  }

  /**
   * Notes the task overdue if it is undone at its due time {@code dueAt}: what the scheduler's
   * check {@link ai.omniflow.store.spi.TaskRepository#OVERDUE_TASK} calls. In one transaction it
   * locks the task and, if it is not done, is due at {@code dueAt}, that time has come and its
   * overdue event for it has not gone out, opens it again (a snooze ends) and records {@code
   * task.overdue}. A check run again, or for a due time the task no longer has, finds nothing to
   * do: the event goes out once per task and due time.
   *
   * @return when to check again (the check ran early), or empty
   */
  public Optional<Instant> checkOverdue(UUID orgId, UUID taskId, Instant dueAt) {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(dueAt, "dueAt");
    return store.inTransaction(
        Actor.system(orgId),
        tx -> {
          Task t = tx.tasks().lock(taskId).orElse(null);
          // A scheduled instant keeps milliseconds; the task's due time may have more.
          if (t == null
              || t.nextCheckAt().isEmpty()
              || t.dueAt().toEpochMilli() != dueAt.toEpochMilli()) {
            return Optional.<Instant>empty();
          }
          Instant now = clock.instant();
          if (now.isBefore(t.dueAt())) {
            return Optional.of(t.dueAt());
          }
          Task noted = t.overdue(now);
          tx.tasks().update(noted);
          Map<String, @Nullable Object> payload = TaskRecords.snapshot(noted);
          payload.put("overdue_for", t.dueAt().toString());
          Recorder.record(
              tx,
              now,
              new Recorder.Change(
                  TaskEvents.TASK_OVERDUE,
                  TaskEvents.AUDIT_TASK_OVERDUE_NOTED,
                  "task",
                  t.id().toString(),
                  payload,
                  TaskRecords.snapshot(t),
                  TaskRecords.snapshot(noted)));
          return Optional.<Instant>empty();
        });
  }

  private static boolean seesAll(Actor actor) {
    return actor.isSystem() || Permission.LEADS_MANAGE.allows(actor.role());
  }

  /** The task, if the actor may see it (their own, or any if they see all); else not found. */
  private static Task visible(StoreTransaction tx, Actor actor, UUID taskId, boolean forUpdate) {
    Optional<Task> found = forUpdate ? tx.tasks().lock(taskId) : tx.tasks().find(taskId);
    Task t = found.orElseThrow(() -> OmniFlowException.notFound("The task"));
    if (!seesAll(actor) && !Objects.equals(t.assigneeUserId(), actor.userId())) {
      throw OmniFlowException.notFound("The task");
    }
    return t;
  }

  private static void record(
      StoreTransaction tx, String event, String action, Task before, Task after, Instant now) {
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            event,
            action,
            "task",
            after.id().toString(),
            TaskRecords.snapshot(after),
            TaskRecords.snapshot(before),
            TaskRecords.snapshot(after)));
  }
}
