package ai.omniflow.enrollment;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.nurture.NurtureErrors;
import ai.omniflow.nurture.Playbook;
import ai.omniflow.nurture.PlaybookStep;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One lead going through one playbook: where it is (the index of the next step to run), whether it
 * still runs, and when it should be looked at next. {@link EnrollmentStepper} moves it on.
 *
 * <pre>{@code
 * Enrollment e = Enrollment.start(UUID.randomUUID(), leadId, "gentle-follow-up", now);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the enrollment's id
 * @param leadId the lead enrolled
 * @param playbookKey the playbook's key in the org's pack
 * @param step the index of the next step to run, 0 to {@link Playbook#MAX_STEPS}
 * @param status whether it runs
 * @param endReason why it ended ({@code completed}, {@code replied}, {@code opted_out}, a guardrail
 *     code, …), {@code null} while it runs
 * @param nextRunAt when it should be moved on next
 * @param lastSendAt when its latest send went, or when it started; branches read the replies since
 */
public record Enrollment(
    UUID id,
    UUID leadId,
    String playbookKey,
    int step,
    Status status,
    @Nullable String endReason,
    Instant nextRunAt,
    Instant lastSendAt) {

  /** Whether an enrollment runs. */
  public enum Status {
    /** Steps still run. */
    ACTIVE,
    /** The playbook ran to its end or to a stop step. */
    COMPLETED,
    /** Something outside the playbook ended it: a reply, an opt-out, a guardrail, a person. */
    STOPPED
  }

  /**
   * @throws OmniFlowException {@code invalid_playbook} if the step is out of range, the key is not
   *     a playbook key, or the status and the end reason disagree; {@code invalid_<field>} for an
   *     instant outside {@link Limits#EARLIEST} to {@link Limits#LATEST}
   * @throws NullPointerException if a value other than {@code endReason} is null
   */
  public Enrollment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(playbookKey, "playbookKey");
    Objects.requireNonNull(status, "status");
    Limits.instant("next_run_at", nextRunAt);
    Limits.instant("last_send_at", lastSendAt);
    if (!PlaybookStep.KEY.matcher(playbookKey).matches()) {
      throw OmniFlowException.invalidInput(
          NurtureErrors.INVALID_PLAYBOOK, "An enrollment names a malformed playbook key.");
    }
    if (step < 0 || step > Playbook.MAX_STEPS) {
      throw OmniFlowException.invalidInput(
          NurtureErrors.INVALID_PLAYBOOK,
          "An enrollment's step is 0 to " + Playbook.MAX_STEPS + ".");
    }
    if ((status == Status.ACTIVE) != (endReason == null)
        || (endReason != null && !PlaybookStep.KEY.matcher(endReason).matches())) {
      throw OmniFlowException.invalidInput(
          NurtureErrors.INVALID_PLAYBOOK,
          "An enrollment has an end reason (a key) exactly when it has ended.");
    }
  }

  /** A new enrollment at the playbook's first step, due {@code now}. */
  public static Enrollment start(UUID id, UUID leadId, String playbookKey, Instant now) {
    return new Enrollment(id, leadId, playbookKey, 0, Status.ACTIVE, null, now, now);
  }

  /** Whether steps still run. */
  public boolean active() {
    return status == Status.ACTIVE;
  }

  /**
   * This enrollment stopped at {@code now} for {@code reason} (a key: {@code replied}, {@code won},
   * {@code stopped_by_user}, …), at the step it had reached.
   *
   * @throws IllegalStateException if it has ended already
   * @throws OmniFlowException {@code invalid_playbook} if the reason is not a key
   */
  public Enrollment stop(String reason, Instant now) {
    if (!active()) {
      throw new IllegalStateException("the enrollment has ended already");
    }
    return ended(Status.STOPPED, Objects.requireNonNull(reason, "reason"), now);
  }

  Enrollment at(int nextStep, Instant runAt, Instant sentAt) {
    return new Enrollment(id, leadId, playbookKey, nextStep, status, null, runAt, sentAt);
  }

  Enrollment ended(Status how, String reason, Instant now) {
    return new Enrollment(id, leadId, playbookKey, step, how, reason, now, lastSendAt);
  }
}
