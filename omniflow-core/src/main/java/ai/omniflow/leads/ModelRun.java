package ai.omniflow.leads;

import ai.omniflow.store.spi.JsonValues;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One training run of an org's learned lead model, kept whether or not the model was good enough to
 * use.
 *
 * @param version 1 for the org's first run, then one more each run
 * @param status {@code trained}, {@code refused_too_few_outcomes} or {@code refused_low_quality}
 * @param report the training report, JSON-shaped: class counts, held-out AUC, calibration
 * @param model the fitted model, JSON-shaped, present only when {@code status} is {@code trained}
 */
public record ModelRun(
    UUID orgId,
    int version,
    Instant trainedAt,
    String status,
    Map<String, @Nullable Object> report,
    @Nullable Map<String, @Nullable Object> model) {
  public ModelRun {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(trainedAt, "trainedAt");
    Objects.requireNonNull(status, "status");
    if (version < 1) {
      throw new IllegalArgumentException("version must be 1 or more");
    }
    report = JsonValues.copyObject(report);
    model = model == null ? null : JsonValues.copyObject(model);
    if ((model != null) != status.equals("trained")) {
      throw new IllegalArgumentException("a model is kept exactly when the status is trained");
    }
  }

  /** Whether this run's model may score leads. */
  public boolean usable() {
    return model != null;
  }
}
