package ai.omniflow.internal;

import ai.omniflow.leads.Lead;
import ai.omniflow.nurture.PlaybookStep;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tasks.Task;
import ai.omniflow.tasks.TaskEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes tasks inside a caller's transaction: the task a nurture step makes, with its event and
 * audit entry, and the snapshot every task event carries (decision 0066). Shared by the enrollment
 * runs and {@link ai.omniflow.tasks.TaskService}. Not API.
 */
public final class TaskRecords {
  private TaskRecords() {}

  /**
   * Makes the task of enrollment {@code enrollmentId}'s step {@code step} for the lead's owner, due
   * at {@code dueAt}, and records {@code task.created}.
   *
   * @return the task made, or empty if the step made its task already (a step run twice)
   */
  public static Optional<Task> fromStep(
      StoreTransaction tx,
      Lead lead,
      UUID enrollmentId,
      PlaybookStep.CreateTask step,
      Instant dueAt,
      Instant now) {
    Task task =
        Task.open(
            Ids.next(),
            lead.orgId(),
            lead.id(),
            lead.ownerUserId(),
            step.task(),
            step.title(),
            dueAt,
            enrollmentId,
            step.key(),
            now);
    if (!tx.tasks().insert(task)) {
      return Optional.empty();
    }
    Recorder.record(
        tx,
        now,
        new Recorder.Change(
            TaskEvents.TASK_CREATED,
            TaskEvents.AUDIT_TASK_CREATE,
            "task",
            task.id().toString(),
            snapshot(task),
            null,
            snapshot(task)));
    return Optional.of(task);
  }

  /** The task as events and audit entries carry it. */
  public static Map<String, @Nullable Object> snapshot(Task t) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("task_id", t.id().toString());
    m.put("lead_id", t.leadId().toString());
    m.put("assignee_user_id", t.assigneeUserId() == null ? null : t.assigneeUserId().toString());
    m.put("kind", t.kind().id());
    m.put("title", t.title());
    m.put("status", t.status().wireName());
    m.put("due_at", t.dueAt().toString());
    m.put("snoozed_until", t.snoozedUntil() == null ? null : t.snoozedUntil().toString());
    m.put("completed_at", t.completedAt() == null ? null : t.completedAt().toString());
    m.put("enrollment_id", t.enrollmentId() == null ? null : t.enrollmentId().toString());
    m.put("step_key", t.stepKey());
    return m;
  }
}
