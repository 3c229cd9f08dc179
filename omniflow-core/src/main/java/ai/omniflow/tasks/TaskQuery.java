package ai.omniflow.tasks;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which of the org's tasks to list: those of one assignee, in one status, due before an instant,
 * after a cursor; at most {@code limit}, by due time then id. {@link #parse} reads the wire values
 * of {@code GET /tasks}.
 *
 * <pre>{@code
 * TaskQuery q = TaskQuery.parse(userId.toString(), "open", "2026-12-08T00:00:00Z", null, "50");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param assignee only this user's tasks, or {@code null} for anyone's
 * @param status only tasks in this status, or {@code null} for any
 * @param dueBefore only tasks due before this instant, or {@code null}
 * @param after only tasks after this cursor (by due time, then id), or {@code null}
 * @param limit how many at most, 1 to {@value #MAX_LIMIT}
 */
public record TaskQuery(
    @Nullable UUID assignee,
    Task.@Nullable Status status,
    @Nullable Instant dueBefore,
    @Nullable Cursor after,
    int limit) {
  /** The largest page. */
  public static final int MAX_LIMIT = 200;

  /** The page size when none is named. */
  public static final int DEFAULT_LIMIT = 50;

  /** Where a page ended: the last task's due time and id. */
  public record Cursor(Instant dueAt, UUID id) {
    public Cursor {
      Objects.requireNonNull(dueAt, "dueAt");
      Objects.requireNonNull(id, "id");
    }

    /** The cursor of the page that ends with {@code last}. */
    public static Cursor after(Task last) {
      return new Cursor(last.dueAt(), last.id());
    }

    /** {@code <due time>_<id>}, as {@link TaskQuery#parse} reads it. */
    public String wire() {
      return dueAt + "_" + id;
    }
  }

  /**
   * @throws OmniFlowException {@code invalid_task_limit} (invalid input) for a limit outside 1 to
   *     {@value #MAX_LIMIT}; {@code invalid_due_before} for an instant outside the record window
   */
  public TaskQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw OmniFlowException.invalidInput(
          TaskErrors.INVALID_TASK_LIMIT, "limit must be 1 to " + MAX_LIMIT + ".");
    }
    if (dueBefore != null) {
      Limits.instant("due_before", dueBefore);
    }
  }

  /** Every task of the org, the first page. */
  public static TaskQuery all() {
    return new TaskQuery(null, null, null, null, DEFAULT_LIMIT);
  }

  /** This query for {@code assignee}'s tasks only. */
  public TaskQuery ofAssignee(UUID assignee) {
    return new TaskQuery(assignee, status, dueBefore, after, limit);
  }

  /**
   * Reads the wire values; each may be absent ({@code null} or empty). Never echoes a value.
   *
   * @throws OmniFlowException (invalid input) {@code invalid_assignee} for a user id that does not
   *     parse, {@code invalid_task_status} for a status other than open, done or snoozed, {@code
   *     invalid_due_before} for an instant that does not parse (ISO-8601, e.g. {@code
   *     2026-12-08T00:00:00Z}), {@code invalid_task_cursor} for a cursor this did not give, {@code
   *     invalid_task_limit} for a limit that is not 1 to {@value #MAX_LIMIT}
   */
  public static TaskQuery parse(
      @Nullable String assignee,
      @Nullable String status,
      @Nullable String dueBefore,
      @Nullable String cursor,
      @Nullable String limit) {
    UUID who = null;
    if (present(assignee)) {
      who = uuid(assignee, TaskErrors.INVALID_ASSIGNEE, "assignee must be a user id.");
    }
    Task.Status s = null;
    if (present(status)) {
      s = Task.Status.fromWire(status);
      if (s == null) {
        throw OmniFlowException.invalidInput(
            TaskErrors.INVALID_TASK_STATUS, "status must be open, done or snoozed.");
      }
    }
    Instant before = null;
    if (present(dueBefore)) {
      before =
          instant(
              dueBefore,
              TaskErrors.INVALID_DUE_BEFORE,
              "due_before must be an ISO-8601 instant such as 2026-12-08T00:00:00Z.");
    }
    Cursor after = null;
    if (present(cursor)) {
      String message = "cursor must be the next_cursor of a page of tasks.";
      int cut = cursor.lastIndexOf('_');
      if (cut < 0 || cursor.length() > 100) {
        throw OmniFlowException.invalidInput(TaskErrors.INVALID_TASK_CURSOR, message);
      }
      after =
          new Cursor(
              instant(cursor.substring(0, cut), TaskErrors.INVALID_TASK_CURSOR, message),
              uuid(cursor.substring(cut + 1), TaskErrors.INVALID_TASK_CURSOR, message));
    }
    int n = DEFAULT_LIMIT;
    if (present(limit)) {
      try {
        n = limit.length() > 4 ? -1 : Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        n = -1;
      }
    }
    return new TaskQuery(who, s, before, after, n);
  }

  private static boolean present(@Nullable String s) {
    return s != null && !s.isEmpty();
  }

  private static UUID uuid(String s, String code, String message) {
    try {
      if (s.length() == 36) {
        return UUID.fromString(s);
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the typed error.
    }
    throw OmniFlowException.invalidInput(code, message);
  }

  private static Instant instant(String s, String code, String message) {
    Instant at;
    try {
      at = s.length() > 40 ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      at = null;
    }
    if (at == null || at.isBefore(Limits.EARLIEST) || at.isAfter(Limits.LATEST)) {
      throw OmniFlowException.invalidInput(code, message);
    }
    return at;
  }
}
