package ai.omniflow.leads.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.LeadField;
import ai.omniflow.inbox.Message;
import ai.omniflow.leads.ExplanationLine;
import ai.omniflow.leads.Lead;
import ai.omniflow.leads.LeadErrors;
import ai.omniflow.pack.CompiledPack;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.Contribution;
import ai.omniflow.scoring.LeadFacts;
import ai.omniflow.scoring.RuleScorer;
import ai.omniflow.scoring.Score;
import ai.omniflow.scoring.model.FeatureContribution;
import ai.omniflow.scoring.model.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a lead and its signals into a score with its explanation, with the pack's rules as its
 * {@link CompiledPack} holds them (compiled once per pack version).
 */
final class LeadScorer {
  LeadScorer() {}

  /** A score, its parts and its explanation lines. */
  record Result(
      int total,
      int rulesTotal,
      @Nullable Double modelProbability,
      @Nullable Integer modelVersion,
      List<ExplanationLine> explanation) {}

  /**
   * The rule score, blended with {@code model}'s when there is one: {@code round((1 - w) * rules +
   * w * 100 * p)} with w the pack's model weight. The explanation lists the fired rules and caps
   * (their points add up to the rule score), then the model's intercept and feature contributions
   * in log-odds, then one {@code blend} line with the arithmetic.
   */
  Result score(
      VerticalPack pack,
      Lead lead,
      LeadSignals signals,
      Instant now,
      LeadModels.@Nullable Active model) {
    CompiledRules rules = rules(pack);
    LeadFacts facts = facts(rules, pack, lead, signals);
    Score s = RuleScorer.score(facts, rules, now);
    List<ExplanationLine> lines = new ArrayList<>();
    for (Contribution c : s.contributions()) {
      lines.add(new ExplanationLine.RuleLine(c.ruleKey(), c.group().key(), c.points()));
    }
    if (model == null) {
      return new Result(s.total(), s.total(), null, null, lines);
    }
    Prediction p = model.model().predict(LeadModels.input(lead, signals));
    lines.add(new ExplanationLine.ModelInterceptLine(round4(p.intercept())));
    for (FeatureContribution c : p.contributions()) {
      lines.add(
          new ExplanationLine.FeatureLine(
              c.feature(), round4(c.value()), round4(c.contribution())));
    }
    double w = rules.ruleSet().modelWeight();
    int total = (int) Math.round((1 - w) * s.total() + w * 100 * p.probability());
    lines.add(
        new ExplanationLine.BlendLine(
            s.total(), round4(1 - w), round4(p.probability()), round4(w), model.version(), total));
    return new Result(total, s.total(), p.probability(), model.version(), lines);
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  CompiledRules rules(VerticalPack pack) {
    return CompiledPack.of(pack)
        .scoring()
        .orElseThrow(
            () ->
                OmniFlowException.conflict(
                    LeadErrors.NO_SCORING, "Pack " + pack.slug() + " has no scoring rules."));
  }

  static LeadFacts facts(CompiledRules rules, VerticalPack pack, Lead lead, LeadSignals signals) {
    LeadFacts.Builder b = rules.facts();
    for (LeadField f : pack.leadFields()) {
      Object v = lead.fields().get(f.key());
      if (v != null) {
        b.set(f.key(), v);
      }
    }
    if (lead.sourceChannel() != null) {
      b.set("source_channel", lead.sourceChannel().id());
    }
    for (Message m : signals.inbound()) {
      b.engagement(m.sentAt());
    }
    b.lastIntent(signals.lastIntent());
    return b.build();
  }
}
