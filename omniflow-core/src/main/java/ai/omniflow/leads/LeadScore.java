package ai.omniflow.leads;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a lead's score history: the score, how it was made and why.
 *
 * @param total the final score (rules, or rules blended with the model)
 * @param rulesTotal the rule score alone
 * @param modelProbability the model's probability that the lead is won, or {@code null} if no model
 *     was used
 * @param modelVersion the version of the org's model that was used, or {@code null}
 * @param explanation each fired rule and cap with its points, then the model's intercept, each
 *     model feature with its contribution and the blend (docs/scoring.md); at most {@value
 *     ExplanationLine#MAX_LINES} lines
 * @param reason why it was scored: {@code requested}, {@code created}, {@code updated}, {@code
 *     pack_changed} or {@code model_changed}
 */
public record LeadScore(
    UUID id,
    UUID orgId,
    UUID leadId,
    int total,
    int rulesTotal,
    @Nullable Double modelProbability,
    @Nullable Integer modelVersion,
    List<ExplanationLine> explanation,
    String reason,
    Instant scoredAt) {
  public LeadScore {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(scoredAt, "scoredAt");
    explanation = List.copyOf(explanation);
    if (explanation.size() > ExplanationLine.MAX_LINES) {
      throw new IllegalArgumentException(
          "explanation must have at most " + ExplanationLine.MAX_LINES + " lines");
    }
  }
}
