package ai.omniflow.tasks;

/**
 * The event types and audit actions of tasks, as stored in the event log and the audit log
 * (docs/nurture.md). Audit actions carry the {@code AUDIT_} prefix beside the event they go with.
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class TaskEvents {
  /** {@code task.created}: a task was made (by a nurture step: in the step's transaction). */
  public static final String TASK_CREATED = "task.created";

  /** {@code task.create}. */
  public static final String AUDIT_TASK_CREATE = "task.create";

  /** {@code task.completed}: a person marked the task done. */
  public static final String TASK_COMPLETED = "task.completed";

  /** {@code task.complete}. */
  public static final String AUDIT_TASK_COMPLETE = "task.complete";

  /** {@code task.snoozed}: a person put the task off until a later time, its new due time. */
  public static final String TASK_SNOOZED = "task.snoozed";

  /** {@code task.snooze}. */
  public static final String AUDIT_TASK_SNOOZE = "task.snooze";

  /**
   * {@code task.overdue}: an open task reached its due time undone; once per task and due time
   * (decision 0066).
   */
  public static final String TASK_OVERDUE = "task.overdue";

  /** {@code task.overdue_noted}: the scheduler's audit action beside {@code task.overdue}. */
  public static final String AUDIT_TASK_OVERDUE_NOTED = "task.overdue_noted";

  private TaskEvents() {}
}
