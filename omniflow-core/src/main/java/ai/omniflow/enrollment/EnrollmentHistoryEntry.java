package ai.omniflow.enrollment;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.nurture.NurtureErrors;
import ai.omniflow.nurture.PlaybookStep;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of an enrollment's history: what happened to it, at which step, and when. The history is
 * append-only; {@code GET /leads/{id}/nurture} shows it oldest first.
 *
 * <pre>{@code
 * new EnrollmentHistoryEntry(UUID.randomUUID(), orgId, enrollmentId,
 *     EnrollmentHistoryEntry.Kind.SENT, "nudge", "sms", now);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the entry's id
 * @param orgId its org
 * @param enrollmentId the enrollment
 * @param kind what happened
 * @param stepKey the step it happened at, or {@code null} (a start, a stop by a person)
 * @param detail a short note (a channel, a guardrail code and until when, who stopped it), at most
 *     {@value #MAX_DETAIL} characters, or {@code null}
 * @param at when
 */
public record EnrollmentHistoryEntry(
    UUID id,
    UUID orgId,
    UUID enrollmentId,
    Kind kind,
    @Nullable String stepKey,
    @Nullable String detail,
    Instant at) {

  /** The longest detail. */
  public static final int MAX_DETAIL = 500;

  /** What happened to an enrollment. */
  public enum Kind {
    /** The lead was enrolled. */
    STARTED,
    /** A send step was claimed and handed to the send path. */
    SENT,
    /** The send path refused or failed a claimed send; the detail has its code. */
    SEND_FAILED,
    /** A task step made a task (or, without a task store, was recorded as an event). */
    TASK_CREATED,
    /**
     * A stage step moved the lead to its stage (or found it there); the detail has the stage it was
     * at and the one it is at now.
     */
    STAGE_CHANGED,
    /** A wait step began; the enrollment is due again at its end. */
    WAITING,
    /** A send was blocked until a time (quiet hours, a cap) and runs again then. */
    DEFERRED,
    /** It ran to its end or to a stop step. */
    COMPLETED,
    /** Something ended it: a reply, an outcome, an opt-out, a guardrail, a person. */
    STOPPED;

    /** The wire name: {@code started}, {@code send_failed}, … */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for an unknown name
     */
    public static Kind fromWire(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * @throws OmniFlowException {@code invalid_playbook} for a malformed step key; {@code
   *     invalid_detail} for a blank detail, one longer than {@value #MAX_DETAIL} or holding NUL;
   *     {@code invalid_at} for an instant outside {@link Limits#EARLIEST} to {@link Limits#LATEST}
   * @throws NullPointerException if a required value is null
   */
  public EnrollmentHistoryEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(enrollmentId, "enrollmentId");
    Objects.requireNonNull(kind, "kind");
    Limits.instant("at", at);
    if (stepKey != null && !PlaybookStep.KEY.matcher(stepKey).matches()) {
      throw OmniFlowException.invalidInput(
          NurtureErrors.INVALID_PLAYBOOK, "An enrollment's history names a malformed step key.");
    }
    Limits.optionalText("detail", detail, MAX_DETAIL);
    if (detail != null && detail.isBlank()) {
      throw OmniFlowException.invalidInput("invalid_detail", "detail must not be blank.");
    }
  }
}
