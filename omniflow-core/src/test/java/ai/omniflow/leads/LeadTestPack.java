package ai.omniflow.leads;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Operator;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.scoring.RuleSet;
import ai.omniflow.scoring.ScoringGroup;
import ai.omniflow.scoring.ScoringRule;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A small real-estate-like pack with scoring rules, for lead tests in core. */
public final class LeadTestPack {
  private LeadTestPack() {}

  public static final String SLUG = "homes";

  private static Condition leaf(String field, Operator op, Object... values) {
    return new Condition.Leaf(field, op, Arrays.asList(values));
  }

  public static VerticalPack pack() {
    return pack("1.0.0", 20);
  }

  /** The pack at {@code version}, with {@code preApprovedPoints} for the pre-approval rule. */
  public static VerticalPack pack(String version, int preApprovedPoints) {
    return new VerticalPack(
        SLUG,
        "Homes",
        version,
        "For lead tests.",
        List.of(
            new LeadField("budget", "Budget", FieldType.MONEY, List.of()),
            new LeadField("zip", "ZIP code", FieldType.TEXT, List.of()),
            new LeadField(
                "timeline",
                "Timeline",
                FieldType.CHOICE,
                List.of("As soon as possible", "Within 3 months", "Just browsing")),
            new LeadField("pre_approved", "Pre-approved", FieldType.BOOLEAN, List.of()),
            new LeadField("move_date", "Move date", FieldType.DATE, List.of())),
        List.of(
            new VerticalPack.Stage("new", "New", null),
            new VerticalPack.Stage("contacted", "Contacted", null),
            new VerticalPack.Stage("won", "Closed", "won"),
            new VerticalPack.Stage("lost", "Lost", "lost")),
        List.of(
            new VerticalPack.Intent(
                "showing_request", "Showing", List.of("showing", "tour"), List.of("see it")),
            new VerticalPack.Intent(
                "general_question", "Question", List.of("question"), List.of())),
        Map.of(),
        VerticalPack.DEFAULT_NEGATION_WORDS,
        Map.of(),
        new RuleSet(
            Map.of(ScoringGroup.FIT, 50, ScoringGroup.ENGAGEMENT, 20),
            Duration.ofDays(7),
            List.of(
                new ScoringRule(
                    "big_budget", ScoringGroup.FIT, 30, leaf("budget", Operator.GTE, 500000)),
                new ScoringRule(
                    "pre_approved",
                    ScoringGroup.FIT,
                    preApprovedPoints,
                    leaf("pre_approved", Operator.EQ, true)),
                new ScoringRule(
                    "soon",
                    ScoringGroup.FIT,
                    10,
                    leaf("timeline", Operator.IN, "As soon as possible", "Within 3 months")),
                new ScoringRule(
                    "engaged", ScoringGroup.ENGAGEMENT, 10, leaf("inbound_count", Operator.GTE, 1)),
                new ScoringRule(
                    "engaged_often",
                    ScoringGroup.ENGAGEMENT,
                    15,
                    leaf("inbound_count", Operator.GTE, 3)),
                new ScoringRule(
                    "wants_showing",
                    ScoringGroup.INTENT,
                    25,
                    leaf("last_intent", Operator.EQ, "showing_request")))));
  }
}
