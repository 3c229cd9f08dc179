package ai.omniflow.sla;

import java.time.Instant;
import java.util.Objects;

/**
 * What running a scheduled step of an SLA clock came to ({@link SlaService#runStep}): done now, due
 * later (its clock paused and resumed, so its time moved), or nothing to do.
 */
public sealed interface SlaStepOutcome {
  /** The step ran now: its event is written and the step marked done. */
  record Done(int index) implements SlaStepOutcome {}

  /** The step's time moved to {@code at}: a scheduler runs it again then. */
  record Later(Instant at) implements SlaStepOutcome {
    public Later {
      Objects.requireNonNull(at, "at");
    }
  }

  /** Nothing to do: the clock stopped, restarted or paused, or the step was done already. */
  record Nothing() implements SlaStepOutcome {}
}
