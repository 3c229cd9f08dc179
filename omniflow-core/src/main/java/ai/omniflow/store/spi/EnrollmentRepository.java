package ai.omniflow.store.spi;

import ai.omniflow.enrollment.Enrollment;
import ai.omniflow.enrollment.EnrollmentHistoryEntry;
import ai.omniflow.enrollment.StoredEnrollment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The nurture enrollments of the transaction's org, their append-only history, and the run each
 * active one has scheduled (docs/nurture.md, decision 0061).
 *
 * <p>At most one enrollment of a lead is active at a time. An active enrollment has one scheduled
 * run, at its {@link Enrollment#nextRunAt()}: the JDBC store keeps it as a db-scheduler execution
 * (table {@code scheduled_tasks}, task {@link #STEP_TASK}, instance {@link #instanceId}), written
 * in the caller's transaction, so a run commits or rolls back with the enrollment it moves; the
 * in-memory store keeps it in a map that {@link #scheduledRun} reads. Reads and writes see the
 * transaction's org only; a row of another org reads as absent.
 */
public interface EnrollmentRepository {
  /** The db-scheduler task name of enrollment runs. */
  String STEP_TASK = "omniflow-nurture-step";

  /** The most history entries {@link #history} returns. */
  int MAX_HISTORY = 500;

  /** The most active enrollments {@link #activeOfContact} returns. */
  int MAX_ACTIVE_OF_CONTACT = 100;

  /** The most active enrollments {@link #activeOfPlaybook} returns. */
  int MAX_ACTIVE_OF_PLAYBOOK = 500;

  /** {@code <org>/<enrollment>}: the scheduled run's instance id. */
  static String instanceId(UUID orgId, UUID enrollmentId) {
    return orgId + "/" + enrollmentId;
  }

  /**
   * Inserts a new enrollment and, if it is active, schedules its run at its next run time.
   *
   * @return {@code false}, writing nothing, if the enrollment is active and the lead has an active
   *     one already
   * @throws IllegalArgumentException if the enrollment is of another org
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such lead of that
   *     contact; {@code enrollment_exists} (conflict) if the id is taken
   */
  boolean insert(StoredEnrollment enrollment);

  Optional<StoredEnrollment> find(UUID enrollmentId);

  /** The enrollment, locked until the transaction ends (runs, stops and replies serialize). */
  Optional<StoredEnrollment> lock(UUID enrollmentId);

  /** The lead's newest enrollment (by the time it was made), active or not. */
  Optional<StoredEnrollment> latestOfLead(UUID leadId);

  /** Whether any enrollment of the org in the playbook {@code playbookKey} is active. */
  boolean anyActiveOfPlaybook(String playbookKey);

  /**
   * Whether any enrollment of the org is active: an ingest asks once per transaction, and reads no
   * contact's enrollments when none is (decision 0103). The default answers {@code true}, so a
   * store that does not implement it has them read as before.
   */
  default boolean anyActive() {
    return true;
  }

  /**
   * The org's active enrollments in the playbook {@code playbookKey}, locked until the transaction
   * ends, oldest first; at most {@value #MAX_ACTIVE_OF_PLAYBOOK}, so a caller that ends them all
   * reads again until none is left (deleting a playbook with its enrollments stopped).
   */
  List<StoredEnrollment> activeOfPlaybook(String playbookKey);

  /**
   * The active enrollments of the contact's leads, locked until the transaction ends, oldest first;
   * at most {@value #MAX_ACTIVE_OF_CONTACT}.
   */
  List<StoredEnrollment> activeOfContact(UUID contactId);

  /**
   * Saves the enrollment's new state. An active one's run is scheduled at its next run time
   * (replacing a pending one; a run a scheduler has picked is left to reschedule itself); an ended
   * one's pending run is cancelled.
   *
   * @throws IllegalArgumentException if it is of another org
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such enrollment
   */
  void update(StoredEnrollment enrollment);

  /**
   * Appends one line to an enrollment's history.
   *
   * @throws IllegalArgumentException if it is of another org
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such enrollment
   */
  void append(EnrollmentHistoryEntry entry);

  /**
   * The enrollment's history, oldest first ({@code at}, then the order appended), at most {@code
   * limit} entries; none for another org's enrollment.
   *
   * @throws IllegalArgumentException if {@code limit} is not 1 to {@value #MAX_HISTORY}
   */
  List<EnrollmentHistoryEntry> history(UUID enrollmentId, int limit);

  /** When the enrollment's pending (not picked) run is scheduled, if it has one. */
  Optional<Instant> scheduledRun(UUID enrollmentId);
}
