package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.nurture.TaskKind;
import ai.omniflow.store.spi.TaskRepository;
import ai.omniflow.tasks.Task;
import ai.omniflow.tasks.TaskQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link TaskRepository} of one JDBC transaction: rows of {@code tasks}, and each task's
 * overdue check as a db-scheduler execution in {@code scheduled_tasks}, named after its due time
 * and written in the caller's transaction (decision 0066). Not thread-safe.
 */
final class JdbcTasks implements TaskRepository {
  static final String COLUMNS =
      "id, org_id, lead_id, assignee_user_id, kind, title, due_at, status, snoozed_until,"
          + " enrollment_id, step_key, overdue_for, created_at, completed_at, updated_at";

  /** Only for a lead of the org; nothing if the task's step made one already. */
  static final String INSERT =
      "insert into <schema>.tasks ("
          + COLUMNS
          + ") select cast(:id as uuid), cast(:org as uuid), cast(:lead_id as uuid),"
          + " cast(:assignee as uuid), cast(:kind as text), cast(:title as text),"
          + " cast(:due_at as timestamptz), cast(:status as text),"
          + " cast(:snoozed_until as timestamptz), cast(:enrollment_id as uuid),"
          + " cast(:step_key as text), cast(:overdue_for as timestamptz),"
          + " cast(:created_at as timestamptz), cast(:completed_at as timestamptz),"
          + " cast(:updated_at as timestamptz) where exists (select 1 from <schema>.leads l where"
          + " l.org_id = :org and l.id = :lead_id) on conflict (enrollment_id, step_key) where"
          + " enrollment_id is not null do nothing";

  static final String LEAD_EXISTS =
      "select count(*) from <schema>.leads where org_id = :org and id = :lead_id";

  static final String FIND =
      "select " + COLUMNS + " from <schema>.tasks where org_id = :org and id = :id";

  static final String UPDATE =
      "update <schema>.tasks set assignee_user_id = :assignee, title = :title, due_at = :due_at,"
          + " status = :status, snoozed_until = :snoozed_until, overdue_for = :overdue_for,"
          + " completed_at = :completed_at, updated_at = :updated_at where org_id = :org and id ="
          + " :id";

  /** Each filter applies only when bound; the cursor is the last row of the page before. */
  static final String LIST =
      "select "
          + COLUMNS
          + " from <schema>.tasks where org_id = :org and (cast(:assignee as uuid) is null or"
          + " assignee_user_id = :assignee) and (cast(:status as text) is null or status ="
          + " :status) and (cast(:due_before as timestamptz) is null or due_at < :due_before) and"
          + " (cast(:after_due as timestamptz) is null or (due_at, id) > (cast(:after_due as"
          + " timestamptz), cast(:after_id as uuid))) order by due_at, id limit :limit";

  static final String OF_LEAD =
      "select "
          + COLUMNS
          + " from <schema>.tasks where org_id = :org and lead_id = :lead_id order by due_at, id"
          + " limit :limit";

  static final String SCHEDULE =
      "insert into <schema>.scheduled_tasks (task_name, task_instance, task_data,"
          + " execution_time, picked, version) values (:task, :instance, null, :at, false, 1)"
          + " on conflict (task_name, task_instance) do nothing";

  /**
   * The task's checks are the ids in [{@code <org>/<task>/}, {@code <org>/<task>0}) in byte order:
   * a range the index of V29 serves whatever the database's collation, where a {@code LIKE} with a
   * bound pattern read every pending check of every task (as in {@link JdbcSlaClocks}).
   */
  private static final String TASK_CHECKS =
      "task_name = :task and task_instance collate \"C\" >= :from and task_instance collate"
          + " \"C\" < :to and not picked";

  /** Pending checks of the task (any due time); a picked one finishes by itself. */
  static final String CANCEL = "delete from <schema>.scheduled_tasks where " + TASK_CHECKS;

  static final String SCHEDULED =
      "select execution_time from <schema>.scheduled_tasks where "
          + TASK_CHECKS
          + " order by execution_time limit 1";

  private final JdbcContext tx;
  private final UUID org;

  JdbcTasks(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public boolean insert(Task t) {
    tx.requireOrg(t.orgId(), "the task");
    int rows =
        tx.guarded(
            "tasks.insert",
            () ->
                tx.change(INSERT)
                    .bind("id", t.id())
                    .bind("org", org)
                    .bind("lead_id", t.leadId())
                    .bindByType("assignee", t.assigneeUserId(), UUID.class)
                    .bind("kind", t.kind().id())
                    .bind("title", t.title())
                    .bind("due_at", t.dueAt())
                    .bind("status", t.status().wireName())
                    .bindByType("snoozed_until", t.snoozedUntil(), Instant.class)
                    .bindByType("enrollment_id", t.enrollmentId(), UUID.class)
                    .bind("step_key", t.stepKey())
                    .bindByType("overdue_for", t.overdueFor(), Instant.class)
                    .bind("created_at", t.createdAt())
                    .bindByType("completed_at", t.completedAt(), Instant.class)
                    .bind("updated_at", t.updatedAt())
                    .execute());
    if (rows == 0) {
      long leads =
          tx.step(
              "tasks.leadExists",
              () ->
                  tx.select(LEAD_EXISTS)
                      .bind("org", org)
                      .bind("lead_id", t.leadId())
                      .mapTo(Long.class)
                      .one());
      if (leads == 0) {
        throw OmniFlowException.notFound("The lead");
      }
      return false;
    }
    schedule(t);
    return true;
  }

  @Override
  public Optional<Task> find(UUID taskId) {
    return one("tasks.find", FIND, taskId);
  }

  @Override
  public Optional<Task> lock(UUID taskId) {
    return one("tasks.lock", FIND + " for update", taskId);
  }

  private Optional<Task> one(String operation, String sql, UUID id) {
    Objects.requireNonNull(id, "taskId");
    return tx.step(
        operation,
        () ->
            tx.select(sql)
                .bind("org", org)
                .bind("id", id)
                .map((rs, ctx) -> task(rs, ctx))
                .findOne());
  }

  @Override
  public void update(Task t) {
    tx.requireOrg(t.orgId(), "the task");
    int rows =
        tx.guarded(
            "tasks.update",
            () ->
                tx.change(UPDATE)
                    .bind("org", org)
                    .bind("id", t.id())
                    .bindByType("assignee", t.assigneeUserId(), UUID.class)
                    .bind("title", t.title())
                    .bind("due_at", t.dueAt())
                    .bind("status", t.status().wireName())
                    .bindByType("snoozed_until", t.snoozedUntil(), Instant.class)
                    .bindByType("overdue_for", t.overdueFor(), Instant.class)
                    .bindByType("completed_at", t.completedAt(), Instant.class)
                    .bind("updated_at", t.updatedAt())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The task");
    }
    schedule(t);
  }

  private void schedule(Task t) {
    tx.step(
        "tasks.cancelChecks",
        () ->
            tx.change(CANCEL)
                .bind("task", OVERDUE_TASK)
                .bind("from", prefix(t.id()))
                .bind("to", JdbcSlaClocks.upperBound(prefix(t.id())))
                .execute());
    Optional<Instant> at = t.nextCheckAt();
    if (at.isPresent()) {
      tx.step(
          "tasks.scheduleCheck",
          () ->
              tx.change(SCHEDULE)
                  .bind("task", OVERDUE_TASK)
                  .bind("instance", TaskRepository.instanceId(org, t.id(), at.get()))
                  .bindByType("at", at.get(), Instant.class)
                  .execute());
    }
  }

  /** The start of the ids of the task's checks: its org and id, each followed by a slash. */
  private String prefix(UUID taskId) {
    return org + "/" + taskId + "/";
  }

  @Override
  public List<Task> list(TaskQuery q) {
    Objects.requireNonNull(q, "query");
    TaskQuery.Cursor after = q.after();
    return tx.step(
        "tasks.list",
        () ->
            tx.select(LIST)
                .bind("org", org)
                .bindByType("assignee", q.assignee(), UUID.class)
                .bind("status", q.status() == null ? null : q.status().wireName())
                .bindByType("due_before", q.dueBefore(), Instant.class)
                .bindByType("after_due", after == null ? null : after.dueAt(), Instant.class)
                .bindByType("after_id", after == null ? null : after.id(), UUID.class)
                .bind("limit", q.limit())
                .map((rs, ctx) -> task(rs, ctx))
                .list());
  }

  @Override
  public List<Task> ofLead(UUID leadId, int limit) {
    Objects.requireNonNull(leadId, "leadId");
    if (limit < 1 || limit > MAX_OF_LEAD) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_OF_LEAD);
    }
    return tx.step(
        "tasks.ofLead",
        () ->
            tx.select(OF_LEAD)
                .bind("org", org)
                .bind("lead_id", leadId)
                .bind("limit", limit)
                .map((rs, ctx) -> task(rs, ctx))
                .list());
  }

  @Override
  public Optional<Instant> scheduledCheck(UUID taskId) {
    if (find(taskId).isEmpty()) {
      return Optional.empty();
    }
    return tx.step(
        "tasks.scheduled",
        () ->
            tx.select(SCHEDULED)
                .bind("task", OVERDUE_TASK)
                .bind("from", prefix(taskId))
                .bind("to", JdbcSlaClocks.upperBound(prefix(taskId)))
                .map((rs, ctx) -> Columns.instant(rs, "execution_time"))
                .findOne());
  }

  private static Task task(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Task(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "lead_id"),
        Columns.nullableUuid(rs, "assignee_user_id"),
        Objects.requireNonNull(TaskKind.fromId(rs.getString("kind")), "kind"),
        rs.getString("title"),
        Columns.instant(rs, "due_at"),
        Objects.requireNonNull(Task.Status.fromWire(rs.getString("status")), "status"),
        Columns.nullableInstant(rs, "snoozed_until"),
        Columns.nullableUuid(rs, "enrollment_id"),
        rs.getString("step_key"),
        Columns.nullableInstant(rs, "overdue_for"),
        Columns.instant(rs, "created_at"),
        Columns.nullableInstant(rs, "completed_at"),
        Columns.instant(rs, "updated_at"));
  }
}
