package ai.omniflow.scoring.model;

import java.util.Objects;

/**
 * A training example: what the model reads about a closed lead and whether it was won.
 *
 * <pre>{@code
 * ClosedLead example = new ClosedLead(input, true);
 * }</pre>
 */
public record ClosedLead(ModelInput input, boolean won) {
  public ClosedLead {
    Objects.requireNonNull(input, "input");
  }
}
