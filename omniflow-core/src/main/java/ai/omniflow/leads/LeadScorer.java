package ai.omniflow.leads;

import ai.omniflow.OmniFlowException;
import ai.omniflow.inbox.Message;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.Contribution;
import ai.omniflow.scoring.LeadFacts;
import ai.omniflow.scoring.RuleScorer;
import ai.omniflow.scoring.Score;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns a lead and its signals into a score with its explanation. Each pack's rules are compiled
 * once per pack version and reused.
 */
final class LeadScorer {
  private static final int MAX_CACHED = 64;

  private final Map<String, CompiledRules> compiled = new ConcurrentHashMap<>();

  LeadScorer() {}

  /** A score, its parts and its explanation lines. */
  record Result(
      int total,
      int rulesTotal,
      @Nullable Double modelProbability,
      @Nullable Integer modelVersion,
      List<Map<String, @Nullable Object>> explanation) {}

  Result score(VerticalPack pack, Lead lead, LeadSignals signals, Instant now) {
    CompiledRules rules = rules(pack);
    LeadFacts facts = facts(rules, pack, lead, signals);
    Score s = RuleScorer.score(facts, rules, now);
    List<Map<String, @Nullable Object>> lines = new ArrayList<>();
    for (Contribution c : s.contributions()) {
      Map<String, @Nullable Object> line = new LinkedHashMap<>();
      line.put("kind", c.ruleKey().startsWith("cap:") ? "cap" : "rule");
      line.put("key", c.ruleKey());
      line.put("group", c.group().key());
      line.put("points", c.points());
      lines.add(line);
    }
    return new Result(s.total(), s.total(), null, null, lines);
  }

  CompiledRules rules(VerticalPack pack) {
    String key = pack.slug() + "@" + pack.version();
    CompiledRules r = compiled.get(key);
    if (r == null) {
      r =
          pack.compiledScoring()
              .orElseThrow(
                  () ->
                      OmniFlowException.conflict(
                          "no_scoring", "Pack " + pack.slug() + " has no scoring rules."));
      if (compiled.size() >= MAX_CACHED) {
        compiled.clear();
      }
      compiled.put(key, r);
    }
    return r;
  }

  static LeadFacts facts(CompiledRules rules, VerticalPack pack, Lead lead, LeadSignals signals) {
    LeadFacts.Builder b = rules.facts();
    for (VerticalPack.LeadField f : pack.leadFields()) {
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
