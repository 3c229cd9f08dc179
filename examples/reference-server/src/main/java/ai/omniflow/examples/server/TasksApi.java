package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.tasks.Task;
import ai.omniflow.tasks.TaskPage;
import ai.omniflow.tasks.TaskQuery;
import ai.omniflow.tasks.TaskService;
import ai.omniflow.tenancy.Actor;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tasks for people (docs/nurture.md, decision 0066): list them, complete them, snooze them. Only
 * adapts: {@code omniFlow.tasks()} reads the query's wire values and decides. Ids that do not
 * parse, or name a task the caller does not see, answer 404.
 */
@RestController
final class TasksApi {
  private final OmniFlow omniFlow;

  TasksApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** {@code GET /tasks?assignee&status&due_before&cursor&limit}: a page of tasks by due time. */
  @GetMapping("/tasks")
  Map<String, @Nullable Object> list(
      Actor actor,
      @RequestParam(required = false) @Nullable String assignee,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(name = "due_before", required = false) @Nullable String dueBefore,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable String limit) {
    TaskPage page =
        omniFlow.tasks().list(actor, TaskQuery.parse(assignee, status, dueBefore, cursor, limit));
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("items", page.items().stream().map(TasksApi::view).toList());
    v.put("next_cursor", page.next() == null ? null : page.next().wire());
    return v;
  }

  /** Marks the task done; a done task is answered as it is. */
  @PostMapping("/tasks/{id}/complete")
  Map<String, @Nullable Object> complete(Actor actor, @PathVariable String id) {
    return view(omniFlow.tasks().complete(actor, taskId(id)));
  }

  /** {@code {"until": "2026-12-08T09:00:00Z"}}: snoozed until then, its new due time. */
  @PostMapping("/tasks/{id}/snooze")
  Map<String, @Nullable Object> snooze(
      Actor actor, @PathVariable String id, @RequestBody SnoozeBody body) {
    body.refuseUnknown();
    UUID task = taskId(id);
    return view(omniFlow.tasks().snooze(actor, task, TaskService.parseSnoozeUntil(body.until())));
  }

  static UUID taskId(String id) {
    return InboxApi.notFoundUnlessUuid(id, "The task");
  }

  static Map<String, @Nullable Object> view(Task t) {
    Map<String, @Nullable Object> v = new LinkedHashMap<>();
    v.put("id", t.id().toString());
    v.put("lead_id", t.leadId().toString());
    v.put("assignee", t.assigneeUserId() == null ? null : t.assigneeUserId().toString());
    v.put("kind", t.kind().id());
    v.put("title", t.title());
    v.put("status", t.status().wireName());
    v.put("due_at", t.dueAt().toString());
    v.put("snoozed_until", t.snoozedUntil() == null ? null : t.snoozedUntil().toString());
    v.put("completed_at", t.completedAt() == null ? null : t.completedAt().toString());
    v.put("overdue", t.overdueFor() != null && t.overdueFor().equals(t.dueAt()) && !t.done());
    Map<String, @Nullable Object> source = null;
    if (t.enrollmentId() != null) {
      source = new LinkedHashMap<>();
      source.put("enrollment_id", t.enrollmentId().toString());
      source.put("step_key", t.stepKey());
    }
    v.put("source", source);
    v.put("created_at", t.createdAt().toString());
    v.put("updated_at", t.updatedAt().toString());
    return v;
  }

  static List<Map<String, @Nullable Object>> views(List<Task> tasks) {
    return tasks.stream().map(TasksApi::view).toList();
  }

  /** The body of {@code POST /tasks/{id}/snooze}. */
  record SnoozeBody(
      @Nullable String until,
      @JsonAnySetter @Nullable Map<String, @Nullable Object> otherProperties) {
    static final Set<String> PROPERTIES = Set.of("until");

    void refuseUnknown() {
      if (otherProperties != null) {
        LeadsApi.refuseUnknown(otherProperties.keySet(), PROPERTIES);
      }
    }
  }
}
