package ai.omniflow.jdbc.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.StoredEnrollment;
import ai.omniflow.store.spi.EnrollmentRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link EnrollmentRepository} of one JDBC transaction: rows of {@code nurture_enrollments},
 * the append-only {@code nurture_enrollment_history}, and each active enrollment's run as a
 * db-scheduler execution in {@code scheduled_tasks}, written in the caller's transaction (decision
 * 0061). Not thread-safe.
 */
final class JdbcEnrollments implements EnrollmentRepository {
  static final String COLUMNS =
      "id, org_id, lead_id, contact_id, playbook_key, step, status, end_reason, stop_on_reply,"
          + " next_run_at, last_send_at, created_at, updated_at";

  /** Only for a lead of the org and of that contact; nothing if the lead has an active one. */
  static final String INSERT =
      "insert into <schema>.nurture_enrollments ("
          + COLUMNS
          + ") select cast(:id as uuid), cast(:org as uuid), cast(:lead_id as uuid),"
          + " cast(:contact_id as uuid), cast(:playbook_key as text), cast(:step as integer),"
          + " cast(:status as text), cast(:end_reason as text), cast(:stop_on_reply as boolean),"
          + " cast(:next_run_at as timestamptz), cast(:last_send_at as timestamptz),"
          + " cast(:created_at as timestamptz), cast(:updated_at as timestamptz) where exists"
          + " (select 1 from <schema>.leads l where l.org_id = :org and l.id = :lead_id and"
          + " l.contact_id = :contact_id) on conflict (lead_id) where status = 'active' do nothing";

  static final String LEAD_EXISTS =
      "select count(*) from <schema>.leads where org_id = :org and id = :lead_id and contact_id ="
          + " :contact_id";

  static final String FIND =
      "select " + COLUMNS + " from <schema>.nurture_enrollments where org_id = :org and id = :id";

  static final String LATEST_OF_LEAD =
      "select "
          + COLUMNS
          + " from <schema>.nurture_enrollments where org_id = :org and lead_id = :lead_id order"
          + " by created_at desc, seq desc limit 1";

  static final String ANY_ACTIVE_OF_PLAYBOOK =
      "select exists (select 1 from <schema>.nurture_enrollments where org_id = :org and"
          + " playbook_key = :playbook_key and status = 'active')";

  // Served by nurture_enrollments_active_contact_idx (org_id, contact_id) where active.
  static final String ANY_ACTIVE =
      "select exists (select 1 from <schema>.nurture_enrollments where org_id = :org and"
          + " status = 'active')";

  static final String ACTIVE_OF_CONTACT =
      "select "
          + COLUMNS
          + " from <schema>.nurture_enrollments where org_id = :org and contact_id = :contact_id"
          + " and status = 'active' order by created_at, seq limit :limit for update";

  static final String ACTIVE_OF_PLAYBOOK =
      "select "
          + COLUMNS
          + " from <schema>.nurture_enrollments where org_id = :org and playbook_key ="
          + " :playbook_key and status = 'active' order by created_at, seq limit :limit for update";

  static final String UPDATE =
      "update <schema>.nurture_enrollments set step = :step, status = :status, end_reason ="
          + " :end_reason, next_run_at = :next_run_at, last_send_at = :last_send_at, updated_at ="
          + " :updated_at where org_id = :org and id = :id";

  /** A picked execution is left alone: its handler reschedules it when it returns. */
  static final String SCHEDULE =
      "insert into <schema>.scheduled_tasks (task_name, task_instance, task_data,"
          + " execution_time, picked, version) values (:task, :instance, null, :at, false, 1)"
          + " on conflict (task_name, task_instance) do update set execution_time ="
          + " excluded.execution_time where not scheduled_tasks.picked";

  static final String CANCEL =
      "delete from <schema>.scheduled_tasks where task_name = :task and task_instance = :instance"
          + " and not picked";

  static final String SCHEDULED =
      "select execution_time from <schema>.scheduled_tasks where task_name = :task and"
          + " task_instance = :instance and not picked";

  static final String APPEND =
      "insert into <schema>.nurture_enrollment_history (id, org_id, enrollment_id, kind,"
          + " step_key, detail, at) select cast(:id as uuid), cast(:org as uuid),"
          + " cast(:enrollment_id as uuid), cast(:kind as text), cast(:step_key as text),"
          + " cast(:detail as text), cast(:at as timestamptz) where exists (select 1 from"
          + " <schema>.nurture_enrollments e where e.org_id = :org and e.id = :enrollment_id)";

  static final String HISTORY =
      "select id, org_id, enrollment_id, kind, step_key, detail, at from"
          + " <schema>.nurture_enrollment_history where org_id = :org and enrollment_id ="
          + " :enrollment_id order by at, seq limit :limit";

  private final JdbcContext tx;
  private final UUID org;

  JdbcEnrollments(JdbcContext tx) {
    this.tx = tx;
    this.org = tx.org();
  }

  @Override
  public boolean insert(StoredEnrollment s) {
    tx.requireOrg(s.orgId(), "the enrollment");
    Enrollment e = s.enrollment();
    int rows =
        tx.guarded(
            "nurture_enrollments.insert",
            () ->
                tx.change(INSERT)
                    .bind("id", e.id())
                    .bind("org", org)
                    .bind("lead_id", e.leadId())
                    .bind("contact_id", s.contactId())
                    .bind("playbook_key", e.playbookKey())
                    .bind("step", e.step())
                    .bind("status", e.status().name().toLowerCase(Locale.ROOT))
                    .bind("end_reason", e.endReason())
                    .bind("stop_on_reply", s.stopOnReply())
                    .bind("next_run_at", e.nextRunAt())
                    .bind("last_send_at", e.lastSendAt())
                    .bind("created_at", s.createdAt())
                    .bind("updated_at", s.updatedAt())
                    .execute());
    if (rows == 0) {
      long leads =
          tx.step(
              "nurture_enrollments.leadExists",
              () ->
                  tx.select(LEAD_EXISTS)
                      .bind("org", org)
                      .bind("lead_id", e.leadId())
                      .bind("contact_id", s.contactId())
                      .mapTo(Long.class)
                      .one());
      if (leads == 0) {
        throw OmniFlowException.notFound("The lead");
      }
      return false;
    }
    schedule(s);
    return true;
  }

  @Override
  public Optional<StoredEnrollment> find(UUID enrollmentId) {
    return one("nurture_enrollments.find", FIND, enrollmentId);
  }

  @Override
  public Optional<StoredEnrollment> lock(UUID enrollmentId) {
    return one("nurture_enrollments.lock", FIND + " for update", enrollmentId);
  }

  private Optional<StoredEnrollment> one(String operation, String sql, UUID id) {
    Objects.requireNonNull(id, "enrollmentId");
    return tx.step(
        operation,
        () ->
            tx.select(sql)
                .bind("org", org)
                .bind("id", id)
                .map((rs, ctx) -> enrollment(rs, ctx))
                .findOne());
  }

  @Override
  public Optional<StoredEnrollment> latestOfLead(UUID leadId) {
    Objects.requireNonNull(leadId, "leadId");
    return tx.step(
        "nurture_enrollments.latestOfLead",
        () ->
            tx.select(LATEST_OF_LEAD)
                .bind("org", org)
                .bind("lead_id", leadId)
                .map((rs, ctx) -> enrollment(rs, ctx))
                .findOne());
  }

  @Override
  public boolean anyActiveOfPlaybook(String playbookKey) {
    Objects.requireNonNull(playbookKey, "playbookKey");
    return tx.step(
        "nurture_enrollments.anyActiveOfPlaybook",
        () ->
            tx.select(ANY_ACTIVE_OF_PLAYBOOK)
                .bind("org", org)
                .bind("playbook_key", playbookKey)
                .mapTo(Boolean.class)
                .one());
  }

  @Override
  public boolean anyActive() {
    return tx.step(
        "nurture_enrollments.anyActive",
        () -> tx.select(ANY_ACTIVE).bind("org", org).mapTo(Boolean.class).one());
  }

  @Override
  public List<StoredEnrollment> activeOfContact(UUID contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return tx.step(
        "nurture_enrollments.activeOfContact",
        () ->
            tx.select(ACTIVE_OF_CONTACT)
                .bind("org", org)
                .bind("contact_id", contactId)
                .bind("limit", MAX_ACTIVE_OF_CONTACT)
                .map((rs, ctx) -> enrollment(rs, ctx))
                .list());
  }

  @Override
  public List<StoredEnrollment> activeOfPlaybook(String playbookKey) {
    Objects.requireNonNull(playbookKey, "playbookKey");
    return tx.step(
        "nurture_enrollments.activeOfPlaybook",
        () ->
            tx.select(ACTIVE_OF_PLAYBOOK)
                .bind("org", org)
                .bind("playbook_key", playbookKey)
                .bind("limit", MAX_ACTIVE_OF_PLAYBOOK)
                .map((rs, ctx) -> enrollment(rs, ctx))
                .list());
  }

  @Override
  public void update(StoredEnrollment s) {
    tx.requireOrg(s.orgId(), "the enrollment");
    Enrollment e = s.enrollment();
    int rows =
        tx.guarded(
            "nurture_enrollments.update",
            () ->
                tx.change(UPDATE)
                    .bind("org", org)
                    .bind("id", e.id())
                    .bind("step", e.step())
                    .bind("status", e.status().name().toLowerCase(Locale.ROOT))
                    .bind("end_reason", e.endReason())
                    .bind("next_run_at", e.nextRunAt())
                    .bind("last_send_at", e.lastSendAt())
                    .bind("updated_at", s.updatedAt())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The enrollment");
    }
    schedule(s);
  }

  private void schedule(StoredEnrollment s) {
    String instance = EnrollmentRepository.instanceId(org, s.id());
    if (s.enrollment().active()) {
      tx.step(
          "nurture_enrollments.schedule",
          () ->
              tx.change(SCHEDULE)
                  .bind("task", STEP_TASK)
                  .bind("instance", instance)
                  .bindByType("at", s.enrollment().nextRunAt(), Instant.class)
                  .execute());
    } else {
      tx.step(
          "nurture_enrollments.cancel",
          () -> tx.change(CANCEL).bind("task", STEP_TASK).bind("instance", instance).execute());
    }
  }

  @Override
  public void append(EnrollmentHistoryEntry h) {
    tx.requireOrg(h.orgId(), "the history entry");
    int rows =
        tx.guarded(
            "nurture_enrollment_history.insert",
            () ->
                tx.change(APPEND)
                    .bind("id", h.id())
                    .bind("org", org)
                    .bind("enrollment_id", h.enrollmentId())
                    .bind("kind", h.kind().wireName())
                    .bind("step_key", h.stepKey())
                    .bind("detail", h.detail())
                    .bind("at", h.at())
                    .execute());
    if (rows == 0) {
      throw OmniFlowException.notFound("The enrollment");
    }
  }

  @Override
  public List<EnrollmentHistoryEntry> history(UUID enrollmentId, int limit) {
    Objects.requireNonNull(enrollmentId, "enrollmentId");
    if (limit < 1 || limit > MAX_HISTORY) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_HISTORY);
    }
    return tx.step(
        "nurture_enrollment_history.list",
        () ->
            tx.select(HISTORY)
                .bind("org", org)
                .bind("enrollment_id", enrollmentId)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new EnrollmentHistoryEntry(
                            Columns.uuid(rs, "id"),
                            Columns.uuid(rs, "org_id"),
                            Columns.uuid(rs, "enrollment_id"),
                            EnrollmentHistoryEntry.Kind.fromWire(rs.getString("kind")),
                            rs.getString("step_key"),
                            rs.getString("detail"),
                            Columns.instant(rs, "at")))
                .list());
  }

  @Override
  public Optional<Instant> scheduledRun(UUID enrollmentId) {
    if (find(enrollmentId).isEmpty()) {
      return Optional.empty();
    }
    return tx.step(
        "nurture_enrollments.scheduled",
        () ->
            tx.select(SCHEDULED)
                .bind("task", STEP_TASK)
                .bind("instance", EnrollmentRepository.instanceId(org, enrollmentId))
                .map((rs, ctx) -> Columns.instant(rs, "execution_time"))
                .findOne());
  }

  private static StoredEnrollment enrollment(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new StoredEnrollment(
        Columns.uuid(rs, "org_id"),
        Columns.uuid(rs, "contact_id"),
        new Enrollment(
            Columns.uuid(rs, "id"),
            Columns.uuid(rs, "lead_id"),
            rs.getString("playbook_key"),
            rs.getInt("step"),
            Enrollment.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
            rs.getString("end_reason"),
            Columns.instant(rs, "next_run_at"),
            Columns.instant(rs, "last_send_at")),
        rs.getBoolean("stop_on_reply"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }
}
