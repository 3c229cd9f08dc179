package ai.omniflow.enrollment;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.guardrails.GuardrailDecision;
import ai.omniflow.nurture.PlaybookStep;
import java.time.Instant;
import java.util.Objects;

/**
 * What moving an enrollment on ({@link EnrollmentStepper#advance}) asks the caller to do, with the
 * enrollment as it is afterwards. The caller stores {@link #enrollment()} and commits before it
 * calls the outside world (claim, commit, call): a send or a task is then done at most once, even
 * if the step is run again after a crash.
 *
 * <pre>{@code
 * Advance a = stepper.advance(playbook, enrollment, facts, lastChannel, replies, now);
 * store(a.enrollment());  // commit first
 * if (a instanceof Advance.Send send) { connector.send(...); }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Advance
    permits Advance.Send,
        Advance.CreateTask,
        Advance.ChangeStage,
        Advance.Wait,
        Advance.Deferred,
        Advance.Ended {

  /** The enrollment after this move. */
  Enrollment enrollment();

  /**
   * Send the step's template on {@code channel}: the guardrails allowed it at this moment.
   *
   * @param step the send step
   * @param channel where it goes
   */
  record Send(Enrollment enrollment, PlaybookStep.Send step, Channel channel) implements Advance {
    public Send {
      Objects.requireNonNull(enrollment, "enrollment");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(channel, "channel");
    }
  }

  /**
   * Create the step's task, due {@code dueAt}.
   *
   * @param step the task step
   * @param dueAt when the task is due
   */
  record CreateTask(Enrollment enrollment, PlaybookStep.CreateTask step, Instant dueAt)
      implements Advance {
    public CreateTask {
      Objects.requireNonNull(enrollment, "enrollment");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(dueAt, "dueAt");
    }
  }

  /**
   * Move the lead to the step's stage, through the lead engine's own stage change, in the step's
   * transaction.
   *
   * @param step the stage step
   */
  record ChangeStage(Enrollment enrollment, PlaybookStep.ChangeStage step) implements Advance {
    public ChangeStage {
      Objects.requireNonNull(enrollment, "enrollment");
      Objects.requireNonNull(step, "step");
    }
  }

  /** Nothing to do until {@link Enrollment#nextRunAt()}: a wait step runs. */
  record Wait(Enrollment enrollment) implements Advance {
    public Wait {
      Objects.requireNonNull(enrollment, "enrollment");
    }
  }

  /**
   * A send the guardrails blocked until {@link Enrollment#nextRunAt()} (quiet hours, a frequency
   * cap): the same step runs again then; deferred, not dropped.
   *
   * @param decision the guardrails' decision
   */
  record Deferred(Enrollment enrollment, GuardrailDecision decision) implements Advance {
    public Deferred {
      Objects.requireNonNull(enrollment, "enrollment");
      Objects.requireNonNull(decision, "decision");
    }
  }

  /** The enrollment ended (completed or stopped, {@link Enrollment#endReason()} says why). */
  record Ended(Enrollment enrollment) implements Advance {
    public Ended {
      Objects.requireNonNull(enrollment, "enrollment");
    }
  }
}
