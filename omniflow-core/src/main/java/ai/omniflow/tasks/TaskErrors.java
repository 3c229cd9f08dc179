package ai.omniflow.tasks;

/**
 * The stable error codes of tasks, as {@link ai.omniflow.OmniFlowException#code()} carries them on
 * the wire. docs/nurture.md says when each is raised.
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(TaskErrors.INVALID_SNOOZE_UNTIL)) { … } // 422
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class TaskErrors {
  /** {@code invalid_task_status} (invalid input, 422): a status filter that is not one. */
  public static final String INVALID_TASK_STATUS = "invalid_task_status";

  /** {@code invalid_assignee} (invalid input, 422): an assignee filter that is not a user id. */
  public static final String INVALID_ASSIGNEE = "invalid_assignee";

  /**
   * {@code invalid_due_before} (invalid input, 422): a due-before filter that is not an instant.
   */
  public static final String INVALID_DUE_BEFORE = "invalid_due_before";

  /** {@code invalid_task_cursor} (invalid input, 422): a cursor that no page of tasks gave. */
  public static final String INVALID_TASK_CURSOR = "invalid_task_cursor";

  /** {@code invalid_task_limit} (invalid input, 422): a page size outside 1 to 200. */
  public static final String INVALID_TASK_LIMIT = "invalid_task_limit";

  /**
   * {@code invalid_snooze_until} (invalid input, 422): a snooze end that is missing, not an
   * instant, not in the future or more than 90 days ahead.
   */
  public static final String INVALID_SNOOZE_UNTIL = "invalid_snooze_until";

  /** {@code task_done} (conflict, 409): the task is done; a done task is not snoozed. */
  public static final String TASK_DONE = "task_done";

  /** {@code task_exists} (conflict, 409): a task with that id exists already. */
  public static final String TASK_EXISTS = "task_exists";

  private TaskErrors() {}
}
