package ai.omniflow.nurture;

/**
 * The event types and audit actions of nurture enrollments, as stored in the event log and the
 * audit log (docs/nurture.md). Audit actions carry the {@code AUDIT_} prefix beside the event they
 * go with.
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class NurtureEvents {
  /** {@code nurture.enrolled}: a lead was enrolled in a playbook. */
  public static final String NURTURE_ENROLLED = "nurture.enrolled";

  /** {@code nurture.enroll}. */
  public static final String AUDIT_NURTURE_ENROLL = "nurture.enroll";

  /**
   * {@code nurture.stopped}: an enrollment ended before its end: a person stopped it, the contact
   * replied or opted out, the lead was won or lost, or a guardrail blocked a send for good.
   */
  public static final String NURTURE_STOPPED = "nurture.stopped";

  /** {@code nurture.stop}. */
  public static final String AUDIT_NURTURE_STOP = "nurture.stop";

  /** {@code nurture.completed}: an enrollment ran to its playbook's end or to a stop step. */
  public static final String NURTURE_COMPLETED = "nurture.completed";

  /** {@code nurture.step_sent}: a send step was claimed and handed to the send path. */
  public static final String NURTURE_STEP_SENT = "nurture.step_sent";

  /**
   * {@code nurture.task_due}: a task step ran and stored its task ({@code task_id}; its kind,
   * title, owner and due time), which also records {@code task.created}.
   */
  public static final String NURTURE_TASK_DUE = "nurture.task_due";

  /** {@code nurture.step}: the audit action of a step the scheduler ran. */
  public static final String AUDIT_NURTURE_STEP = "nurture.step";

  /** {@code nurture.playbook_saved}: an org added or changed its own playbook (decision 0067). */
  public static final String NURTURE_PLAYBOOK_SAVED = "nurture.playbook_saved";

  /**
   * {@code nurture.playbook_deleted}: an org deleted its own playbook; the pack's with that key, if
   * any, is in force again.
   */
  public static final String NURTURE_PLAYBOOK_DELETED = "nurture.playbook_deleted";

  /** {@code nurture.playbook}: the audit action of saving or deleting an org's playbook. */
  public static final String AUDIT_NURTURE_PLAYBOOK = "nurture.playbook";

  private NurtureEvents() {}
}
