/**
 * Rule-based lead scoring as a pure engine: a pack's {@link ai.omniflow.scoring.RuleSet} is
 * compiled once into {@link ai.omniflow.scoring.CompiledRules} (plain Java predicates, no
 * interpreter) and {@link ai.omniflow.scoring.RuleScorer} scores {@link
 * ai.omniflow.scoring.LeadFacts} with an explanation that sums to the total. See docs/scoring.md.
 */
@NullMarked
package ai.omniflow.scoring;

import org.jspecify.annotations.NullMarked;
