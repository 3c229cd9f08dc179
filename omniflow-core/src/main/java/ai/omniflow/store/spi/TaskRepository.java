package ai.omniflow.store.spi;

import ai.omniflow.tasks.Task;
import ai.omniflow.tasks.TaskQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tasks of the transaction's org, and the overdue check each has scheduled (docs/nurture.md,
 * decision 0066).
 *
 * <p>A task that is not done and whose overdue event for its due time has not gone out ({@link
 * Task#nextCheckAt()}) has one scheduled check, at its due time: the JDBC store keeps it as a
 * db-scheduler execution (table {@code scheduled_tasks}, task {@link #OVERDUE_TASK}, instance
 * {@link #instanceId}, which names the due time, so a check a scheduler has picked never stands in
 * for a later due time), written in the caller's transaction; the in-memory store keeps it in a map
 * that {@link #scheduledCheck} reads. At most one task has a given source (enrollment and step), so
 * a step that runs again makes no second task. Reads and writes see the transaction's org only; a
 * row of another org reads as absent.
 */
public interface TaskRepository {
  /** The db-scheduler task name of overdue checks. */
  String OVERDUE_TASK = "omniflow-task-overdue";

  /** The most tasks {@link #ofLead} returns. */
  int MAX_OF_LEAD = 200;

  /** {@code <org>/<task>/<due time in epoch milliseconds>}: a scheduled check's instance id. */
  static String instanceId(UUID orgId, UUID taskId, Instant dueAt) {
    return orgId + "/" + taskId + "/" + dueAt.toEpochMilli();
  }

  /**
   * Inserts a new task and schedules its check.
   *
   * @return {@code false}, writing nothing, if its source (enrollment and step) has a task already
   * @throws IllegalArgumentException if the task is of another org
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such lead; {@code
   *     task_exists} (conflict) if the id is taken
   */
  boolean insert(Task task);

  Optional<Task> find(UUID taskId);

  /** The task, locked until the transaction ends. */
  Optional<Task> lock(UUID taskId);

  /**
   * Saves the task's new state and moves its check: pending checks of the task are cancelled and,
   * if {@link Task#nextCheckAt()} is present, one is scheduled then.
   *
   * @throws IllegalArgumentException if it is of another org
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such task
   */
  void update(Task task);

  /** The tasks the query selects, by due time then id, at most its limit. */
  List<Task> list(TaskQuery query);

  /**
   * The lead's tasks, by due time then id, at most {@code limit}.
   *
   * @throws IllegalArgumentException if {@code limit} is not 1 to {@value #MAX_OF_LEAD}
   */
  List<Task> ofLead(UUID leadId, int limit);

  /** When the task's pending (not picked) check is scheduled, if it has one. */
  Optional<Instant> scheduledCheck(UUID taskId);
}
