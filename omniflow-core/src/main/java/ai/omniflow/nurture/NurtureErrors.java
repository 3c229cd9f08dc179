package ai.omniflow.nurture;

/**
 * The stable error codes of nurture, as {@link ai.omniflow.OmniFlowException#code()} carries them
 * on the wire. docs/nurture.md says when each is raised.
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(NurtureErrors.INVALID_PLAYBOOK)) { … } // 422, the message names the step
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class NurtureErrors {
  /**
   * {@code invalid_playbook} (invalid input, 422): a playbook or one of its steps breaks a rule of
   * {@link PlaybookValidator}; the message names the step.
   */
  public static final String INVALID_PLAYBOOK = "invalid_playbook";

  /**
   * {@code enrollment_active} (conflict, 409): the lead is enrolled in a playbook already; stop
   * that enrollment first. At most one enrollment of a lead runs at a time.
   */
  public static final String ENROLLMENT_ACTIVE = "enrollment_active";

  /** {@code enrollment_exists} (conflict, 409): an enrollment with that id exists already. */
  public static final String ENROLLMENT_EXISTS = "enrollment_exists";

  /** {@code unknown_playbook} (not found, 404): the org's pack has no playbook with that key. */
  public static final String UNKNOWN_PLAYBOOK = "unknown_playbook";

  /** {@code not_enrolled} (conflict, 409): the lead has no running enrollment to stop. */
  public static final String NOT_ENROLLED = "not_enrolled";

  /**
   * {@code playbook_in_use} (conflict, 409): an enrollment in the playbook is active, so it is not
   * changed or deleted under it; stop those enrollments first (decision 0067). A playbook that no
   * longer fits the pack is saved fixed nonetheless when the fix keeps each step at its place
   * (decision 0099); a fix that does not lists each step it moves in {@code errors}.
   */
  public static final String PLAYBOOK_IN_USE = "playbook_in_use";

  /**
   * {@code playbook_exists} (conflict, 409): the org has its own playbook with that key; PUT it.
   */
  public static final String PLAYBOOK_EXISTS = "playbook_exists";

  /**
   * {@code pack_playbook} (conflict, 409): the playbook is the pack's and the org has not changed
   * it; a pack's playbook is not deleted, only overridden.
   */
  public static final String PACK_PLAYBOOK = "pack_playbook";

  /** {@code playbook_limit} (conflict, 409): the org has its most playbooks of its own, 50. */
  public static final String PLAYBOOK_LIMIT = "playbook_limit";

  /**
   * {@code playbook_invalid} (conflict, 409): the org's own playbook no longer fits the org's pack
   * as it is now (its pack changed after the playbook was saved: decision 0087); the message names
   * the playbook and the step, {@code errors} lists each problem at its path. Save the playbook
   * again, fixed. Also the end reason of an enrollment that reached such a step.
   */
  public static final String PLAYBOOK_INVALID = "playbook_invalid";

  private NurtureErrors() {}
}
