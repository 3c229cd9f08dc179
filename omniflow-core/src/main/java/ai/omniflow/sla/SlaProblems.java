package ai.omniflow.sla;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.sla.internal.TimeAxis;
import java.time.Instant;

/** The invalid-input errors of this package, each naming its field and never the value. */
final class SlaProblems {
  private SlaProblems() {}

  static OmniFlowException invalid(String field, String message) {
    return OmniFlowException.invalidInput("invalid_" + field, message);
  }

  /** An instant the arithmetic accepts: from {@link Limits#EARLIEST} to the horizon, 2250. */
  static Instant instant(String field, Instant at) {
    if (at.isBefore(Limits.EARLIEST) || at.isAfter(TimeAxis.HORIZON)) {
      throw invalid(
          field, field + " must be between " + Limits.EARLIEST + " and " + TimeAxis.HORIZON + ".");
    }
    return at;
  }
}
