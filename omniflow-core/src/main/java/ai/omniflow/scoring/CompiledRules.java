package ai.omniflow.scoring;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * A pack's rules compiled once into Java predicates over {@link LeadFacts}: each field is resolved
 * to an array index and each operand converted and checked at compile time, so scoring walks no
 * tree and looks nothing up by name.
 *
 * <pre>{@code
 * CompiledRules rules = CompiledRules.compile(pack.leadFields(), ruleSet);
 * Score score = RuleScorer.score(rules.facts().set("budget", 700_000).build(), rules, now);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CompiledRules {
  /** The fields every pack's rules may read besides its lead fields. */
  public static final List<String> BUILT_IN_FIELDS =
      List.of(
          FieldLayout.SOURCE_CHANNEL,
          FieldLayout.LAST_INTENT,
          FieldLayout.INBOUND_COUNT,
          FieldLayout.SCORE,
          FieldLayout.LANGUAGE);

  final FieldLayout layout;
  final RuleSet ruleSet;
  final String[] keys;
  final ScoringGroup[] groups;
  final int[] groupOrdinals;
  final int[] points;
  final Contribution[] contributions; // each rule's line before decay, shared by every score
  final Check[] predicates;
  final String[] capKeys;
  final int[] caps;
  final double halfLifeMillis;

  private CompiledRules(FieldLayout layout, RuleSet ruleSet) {
    this.layout = layout;
    this.ruleSet = ruleSet;
    int n = ruleSet.rules().size();
    keys = new String[n];
    groups = new ScoringGroup[n];
    groupOrdinals = new int[n];
    points = new int[n];
    contributions = new Contribution[n];
    predicates = new Check[n];
    ConditionCompiler compiler = new ConditionCompiler(layout);
    for (int i = 0; i < n; i++) {
      ScoringRule r = ruleSet.rules().get(i);
      keys[i] = r.key();
      groups[i] = r.group();
      groupOrdinals[i] = r.group().ordinal();
      points[i] = r.points();
      contributions[i] = new Contribution(r.key(), r.group(), r.points());
      predicates[i] = compiler.compile(r.when());
    }
    capKeys = new String[ScoringGroup.values().length];
    caps = new int[ScoringGroup.values().length];
    for (ScoringGroup g : ScoringGroup.values()) {
      capKeys[g.ordinal()] = "cap:" + g.key();
      caps[g.ordinal()] = ruleSet.caps().getOrDefault(g, Integer.MAX_VALUE);
    }
    halfLifeMillis = ruleSet.engagementHalfLife().toMillis();
  }

  /**
   * Compiles {@code rules} for leads with {@code fields}.
   *
   * @throws IllegalArgumentException naming the rule and problem if a condition reads an unknown
   *     field, uses an operator the field's type does not have, gives an operand of the wrong type
   *     or an invalid regular expression (see {@link #problems})
   */
  public static CompiledRules compile(List<LeadField> fields, RuleSet rules) {
    List<Problem> problems = problems(fields, rules);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.stream().map(p -> p.path() + " : " + p.message()).toList().toString());
    }
    return new CompiledRules(new FieldLayout(fields), rules);
  }

  /**
   * A builder of facts for leads with {@code fields}, for callers that have no rule set to compile,
   * such as routing. Facts made here and by any {@link CompiledRules} compiled for the same fields
   * are interchangeable.
   */
  public static LeadFacts.Builder facts(List<LeadField> fields) {
    return new LeadFacts.Builder(new FieldLayout(fields));
  }

  /**
   * Compiles one condition over leads with {@code fields} into a predicate, the way scoring rules
   * are compiled; routing rules use it. The predicate reads facts made for the same fields (by
   * {@link #facts(List)} or {@link #facts()}).
   *
   * <pre>{@code
   * Predicate<LeadFacts> sf = CompiledRules.condition(pack.leadFields(),
   *     new Condition.Leaf("zip", Operator.STARTS_WITH, List.of("941")));
   * }</pre>
   *
   * @throws IllegalArgumentException naming the problems if the condition does not compile (see
   *     {@link #problems(List, Condition, String)})
   */
  public static java.util.function.Predicate<LeadFacts> condition(
      List<LeadField> fields, Condition c) {
    List<Problem> problems = problems(fields, c, "");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.stream().map(p -> p.path() + " : " + p.message()).toList().toString());
    }
    Check check = new ConditionCompiler(new FieldLayout(fields)).compile(c);
    return check::test;
  }

  /** The rules this was compiled from. */
  public RuleSet ruleSet() {
    return ruleSet;
  }

  /** A builder of facts laid out for these rules. */
  public LeadFacts.Builder facts() {
    return new LeadFacts.Builder(layout);
  }

  /** Every problem of {@code rules} read against {@code fields}; empty if they compile. */
  public static List<Problem> problems(List<LeadField> fields, RuleSet rules) {
    FieldLayout layout = new FieldLayout(fields);
    List<Problem> out = new ArrayList<>();
    for (int i = 0; i < rules.rules().size(); i++) {
      ConditionProblems.check(layout, rules.rules().get(i).when(), "/rules/" + i + "/when", out);
    }
    return out;
  }

  /**
   * The problems of one condition; {@code path} is where the condition is. Operand paths end in
   * {@code /value}, {@code /values/N}, {@code /min} or {@code /max}.
   */
  public static List<Problem> problems(List<LeadField> fields, Condition c, String path) {
    List<Problem> out = new ArrayList<>();
    ConditionProblems.check(new FieldLayout(fields), c, path, out);
    return out;
  }

  /** One compiled condition; an abstract class so the rule loop dispatches virtually. */
  abstract static class Check {
    abstract boolean test(LeadFacts f);
  }
}
