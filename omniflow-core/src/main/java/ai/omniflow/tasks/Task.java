package ai.omniflow.tasks;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.nurture.TaskKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Something a person is asked to do about a lead by a due time: call, email, show, visit or follow
 * up. A nurture step makes one for the lead's owner (none: the org's pond) with its enrollment and
 * step as its source; the owner completes it or snoozes it, which moves its due time.
 *
 * <pre>{@code
 * Task t = Task.open(UUID.randomUUID(), orgId, leadId, ownerId, TaskKind.CALL, "Call the lead",
 *     now.plus(Duration.ofHours(4)), enrollmentId, "call", now);
 * Task done = t.complete(later);
 * }</pre>
 *
 * <p>Immutable and thread-safe. A done task has its completion time; a snoozed one the time it was
 * snoozed until, which is its due time; {@code overdueFor} is the due time whose {@code
 * task.overdue} event was emitted, so the event goes out once per task and due time. Its instants
 * are kept to the microsecond, as stores keep them.
 *
 * @param id the task's id
 * @param orgId its org
 * @param leadId the lead it is about
 * @param assigneeUserId who is to do it, or {@code null} for the org's pond
 * @param kind what to do
 * @param title what the task says, 1 to {@value #MAX_TITLE} characters
 * @param dueAt when it is due (a snooze moves it)
 * @param status open, done or snoozed
 * @param snoozedUntil while snoozed, until when (equal to {@code dueAt}); else {@code null}
 * @param enrollmentId the enrollment whose step made it, or {@code null}
 * @param stepKey that step's key, or {@code null} (both or neither)
 * @param overdueFor the due time its overdue event was emitted for, or {@code null}
 * @param createdAt when it was made
 * @param completedAt when it was done, or {@code null} unless done
 * @param updatedAt when it last changed
 */
public record Task(
    UUID id,
    UUID orgId,
    UUID leadId,
    @Nullable UUID assigneeUserId,
    TaskKind kind,
    String title,
    Instant dueAt,
    Status status,
    @Nullable Instant snoozedUntil,
    @Nullable UUID enrollmentId,
    @Nullable String stepKey,
    @Nullable Instant overdueFor,
    Instant createdAt,
    @Nullable Instant completedAt,
    Instant updatedAt) {

  /** The longest title, as a playbook's task step allows. */
  public static final int MAX_TITLE = 200;

  private static final Pattern STEP_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  /** Where a task is. */
  public enum Status {
    /** To do. */
    OPEN,
    /** Done; it stays done. */
    DONE,
    /** Put off until its due time, then open again. */
    SNOOZED;

    /** The lower-case wire name, e.g. {@code snoozed}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status of this wire name, or {@code null} if none has it. */
    public static @Nullable Status fromWire(String wire) {
      for (Status s : values()) {
        if (s.wireName().equals(wire)) {
          return s;
        }
      }
      return null;
    }
  }

  /**
   * @throws OmniFlowException {@code invalid_title} for a blank or too long title or one with NUL;
   *     {@code invalid_<field>} for an instant outside {@link Limits#EARLIEST} to {@link
   *     Limits#LATEST}
   * @throws IllegalArgumentException if the status and its times disagree, or the source is half
   *     given or its step key malformed
   * @throws NullPointerException if a required value is null
   */
  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Limits.text("title", title, MAX_TITLE);
    if (title.isBlank()) {
      throw OmniFlowException.invalidInput("invalid_title", "title must not be blank.");
    }
    Limits.instant("due_at", dueAt);
    Limits.instant("created_at", createdAt);
    Limits.instant("updated_at", updatedAt);
    if ((status == Status.DONE) != (completedAt != null)) {
      throw new IllegalArgumentException("a task has a completion time exactly when it is done");
    }
    if ((status == Status.SNOOZED) != (snoozedUntil != null)) {
      throw new IllegalArgumentException("a task has a snooze end exactly when it is snoozed");
    }
    if (snoozedUntil != null && !snoozedUntil.equals(dueAt)) {
      throw new IllegalArgumentException("a snoozed task is due when its snooze ends");
    }
    if (completedAt != null) {
      Limits.instant("completed_at", completedAt);
    }
    if (overdueFor != null) {
      Limits.instant("overdue_for", overdueFor);
    }
    if ((enrollmentId == null) != (stepKey == null)) {
      throw new IllegalArgumentException(
          "a task's source has an enrollment and a step, or neither");
    }
    if (stepKey != null && !STEP_KEY.matcher(stepKey).matches()) {
      throw new IllegalArgumentException("a step key is 1 to 63 of a-z, 0-9, _ and -");
    }
    // Kept as a store keeps them: a check named after the due time in milliseconds must find the
    // same milliseconds in the stored row, which a store's rounding of nanoseconds could change.
    dueAt = micros(dueAt);
    snoozedUntil = snoozedUntil == null ? null : micros(snoozedUntil);
    overdueFor = overdueFor == null ? null : micros(overdueFor);
    createdAt = micros(createdAt);
    completedAt = completedAt == null ? null : micros(completedAt);
    updatedAt = micros(updatedAt);
  }

  private static Instant micros(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** A new open task; {@code enrollmentId} and {@code stepKey} name its source, or are null. */
  public static Task open(
      UUID id,
      UUID orgId,
      UUID leadId,
      @Nullable UUID assigneeUserId,
      TaskKind kind,
      String title,
      Instant dueAt,
      @Nullable UUID enrollmentId,
      @Nullable String stepKey,
      Instant now) {
    return new Task(
        id,
        orgId,
        leadId,
        assigneeUserId,
        kind,
        title,
        dueAt,
        Status.OPEN,
        null,
        enrollmentId,
        stepKey,
        null,
        now,
        null,
        now);
  }

  /** Whether it is done. */
  public boolean done() {
    return status == Status.DONE;
  }

  /** This task done at {@code at}; a done task as it is. */
  public Task complete(Instant at) {
    if (done()) {
      return this;
    }
    return new Task(
        id,
        orgId,
        leadId,
        assigneeUserId,
        kind,
        title,
        dueAt,
        Status.DONE,
        null,
        enrollmentId,
        stepKey,
        overdueFor,
        createdAt,
        at,
        at);
  }

  /**
   * This task snoozed at {@code at} until {@code until}, its new due time.
   *
   * @throws IllegalStateException if it is done
   */
  public Task snooze(Instant until, Instant at) {
    if (done()) {
      throw new IllegalStateException("a done task is not snoozed");
    }
    return new Task(
        id,
        orgId,
        leadId,
        assigneeUserId,
        kind,
        title,
        until,
        Status.SNOOZED,
        until,
        enrollmentId,
        stepKey,
        overdueFor,
        createdAt,
        null,
        at);
  }

  /**
   * This task at its due time {@code at}: open again if it was snoozed, and its overdue event noted
   * for its due time.
   */
  public Task overdue(Instant at) {
    return new Task(
        id,
        orgId,
        leadId,
        assigneeUserId,
        kind,
        title,
        dueAt,
        Status.OPEN,
        null,
        enrollmentId,
        stepKey,
        dueAt,
        createdAt,
        null,
        at);
  }

  /**
   * When the scheduler should look at it next: its due time, unless it is done or its overdue event
   * for that due time went out.
   */
  public Optional<Instant> nextCheckAt() {
    if (done() || dueAt.equals(overdueFor)) {
      return Optional.empty();
    }
    return Optional.of(dueAt);
  }
}
