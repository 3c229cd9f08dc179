package ai.omniflow.routing;

import ai.omniflow.LanguageTags;
import ai.omniflow.fields.LeadField;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.LeadFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Decides where a lead goes: a pure function of a compiled {@link RoutingConfig}, a {@link
 * RoutingRequest}, a {@link RoutingSnapshot} and the time.
 *
 * <p>In order: sticky (the contact's previous owner, if available); the first rule that holds, else
 * the default group; the group's policy among its available members; the group's fallback, and its
 * fallback, …; then the {@link LastResort}. An agent who is inactive, paused, out of office, off
 * shift, full (open ≥ capacity) or excluded is never assigned nor offered a lead.
 *
 * <pre>{@code
 * RoutingEngine engine = RoutingEngine.compile(config, pack.leadFields());
 * RoutingDecision d = engine.decide(
 *     RoutingRequest.of(engine.facts().set("zip", "94110").build()), snapshot, clock.instant());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RoutingEngine {
  private final RoutingConfig config;
  private final List<LeadField> fields;
  private final String[] ruleKeys;
  private final String[] ruleGroups;
  private final Predicate<LeadFacts>[] predicates;

  // An array of a generic type can only be made raw; the array never escapes and holds only
  // Predicate<LeadFacts>, and an array (not a List) keeps the hot decide loop free of bounds checks
  // and casts (decisions/0016).
  @SuppressWarnings({"unchecked", "rawtypes"})
  private RoutingEngine(RoutingConfig config, List<LeadField> fields) {
    this.config = config;
    this.fields = List.copyOf(fields);
    int n = config.rules().size();
    ruleKeys = new String[n];
    ruleGroups = new String[n];
    predicates = new Predicate[n];
    for (int i = 0; i < n; i++) {
      RoutingRule r = config.rules().get(i);
      ruleKeys[i] = r.key();
      ruleGroups[i] = r.group();
      predicates[i] = CompiledRules.condition(fields, r.when());
    }
  }

  /**
   * Compiles {@code config} for leads with {@code fields}.
   *
   * @throws IllegalArgumentException naming the path and problem if a rule's condition does not
   *     compile (see {@link RoutingConfig#problems})
   */
  public static RoutingEngine compile(RoutingConfig config, List<LeadField> fields) {
    var problems = config.problems(fields);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.stream().map(p -> p.path() + " : " + p.message()).toList().toString());
    }
    return new RoutingEngine(config, fields);
  }

  /** The configuration this was compiled from. */
  public RoutingConfig config() {
    return config;
  }

  /** The lead fields this was compiled for. */
  public List<LeadField> fields() {
    return fields;
  }

  /** A builder of a lead's facts for these rules. */
  public LeadFacts.Builder facts() {
    return CompiledRules.facts(fields);
  }

  /** Where the lead of {@code request} goes at {@code now}; the explanation is built on demand. */
  public RoutingDecision decide(RoutingRequest request, RoutingSnapshot state, Instant now) {
    return run(request, state, now, null);
  }

  List<String> explain(RoutingRequest request, RoutingSnapshot state, Instant now) {
    List<String> out = new ArrayList<>();
    run(request, state, now, out);
    return out;
  }

  private RoutingDecision run(
      RoutingRequest req, RoutingSnapshot s, Instant now, @Nullable List<String> ex) {
    RoutingDecision.Replay replay =
        ex == null ? new RoutingDecision.Replay(this, req, s, now) : null;
    int excluded = s.indexOf(req.excludedAgent());

    // 1. sticky
    UUID prev = req.previousOwner();
    if (config.sticky() && prev != null) {
      int p = s.indexOf(prev);
      if (p < 0) {
        if (ex != null) {
          ex.add("sticky: previous owner " + prev + " is no longer an agent");
        }
      } else if (s.eligible(p, now, excluded)) {
        if (ex != null) {
          ex.add("sticky: previous owner " + s.names[p] + " available → assigned");
        }
        return new RoutingDecision(
            RoutingDecision.Outcome.ASSIGNED,
            s.agents[p].id(),
            null,
            null,
            null,
            true,
            List.of(),
            null,
            null,
            null,
            replay,
            ex);
      } else if (ex != null) {
        ex.add(
            "sticky: previous owner "
                + s.names[p]
                + " unavailable ("
                + s.reason(p, now, excluded)
                + ")");
      }
    }

    // 2. the first group
    String rule = null;
    int g;
    String expired = req.expiredOffer();
    if (expired != null) {
      int eg = s.groupOf(expired);
      g = eg < 0 ? -1 : s.fallback[eg];
      if (ex != null) {
        ex.add(
            "offer to group "
                + expired
                + " expired unclaimed"
                + (g >= 0 ? " → next group " + s.groups[g].key() : ", no next group"));
      }
    } else if (req.group() != null) {
      String key = req.group();
      g = s.groupOf(key);
      if (g < 0) {
        String dflt = config.defaultGroup();
        g = s.groupOf(dflt);
        if (ex != null) {
          ex.add(
              "escalated to group "
                  + key
                  + ", which does not exist"
                  + (g >= 0 ? " → default group " + dflt : ""));
        }
      } else if (ex != null) {
        ex.add("escalated to group " + key);
      }
    } else {
      String key = null;
      LeadFacts facts = req.facts();
      for (int r = 0; r < predicates.length; r++) {
        if (predicates[r].test(facts)) {
          rule = ruleKeys[r];
          key = ruleGroups[r];
          if (ex != null) {
            ex.add("rule '" + rule + "' → group " + key);
          }
          break;
        }
      }
      if (key == null) {
        key = config.defaultGroup();
        if (ex != null) {
          ex.add(
              key == null
                  ? "no rule matched and there is no default group"
                  : "no rule matched → default group " + key);
        }
      }
      g = s.groupOf(key);
      if (g < 0 && key != null) {
        String dflt = config.defaultGroup();
        int d = rule != null ? s.groupOf(dflt) : -1;
        if (ex != null) {
          ex.add("group " + key + " does not exist" + (d >= 0 ? " → default group " + dflt : ""));
        }
        g = d;
      }
    }

    // 3. along the fallback chain: agents who speak the lead's language first, then everyone
    String language = req.language();
    if (language != null && g >= 0) {
      String primary = LanguageTags.primary(language);
      if (ex != null) {
        ex.add("language " + language + ": agents who speak it first");
      }
      RoutingDecision d = chain(s, g, primary, language, rule, now, excluded, replay, ex);
      if (d != null) {
        return d;
      }
      if (ex != null) {
        ex.add("language " + language + ": nobody who speaks it is available → everyone");
      }
    }
    RoutingDecision d = chain(s, g, null, null, rule, now, excluded, replay, ex);
    if (d != null) {
      return d;
    }

    // 4. last resort
    UUID owner = config.accountOwner();
    if (config.lastResort() == LastResort.ACCOUNT_OWNER && owner != null) {
      if (ex != null) {
        ex.add("no agent available → account owner");
      }
      return new RoutingDecision(
          RoutingDecision.Outcome.ACCOUNT_OWNER,
          null,
          null,
          null,
          rule,
          false,
          List.of(),
          null,
          owner,
          null,
          replay,
          ex);
    }
    if (ex != null) {
      ex.add(
          config.lastResort() == LastResort.ACCOUNT_OWNER
              ? "no agent available and no account owner set → pond"
              : "no agent available → pond");
    }
    return new RoutingDecision(
        RoutingDecision.Outcome.POND,
        null,
        null,
        null,
        rule,
        false,
        List.of(),
        null,
        null,
        null,
        replay,
        ex);
  }

  /**
   * Walks the fallback chain from group {@code g}: the first group whose policy finds an eligible
   * member assigns or offers the lead. With {@code primary}, only agents who speak that language
   * count as eligible. Null if nobody along the chain can take the lead.
   */
  private @Nullable RoutingDecision chain(
      RoutingSnapshot s,
      int g,
      @Nullable String primary,
      @Nullable String language,
      @Nullable String rule,
      Instant now,
      int excluded,
      RoutingDecision.@Nullable Replay replay,
      @Nullable List<String> ex) {
    int[] picked = null;
    for (int hops = 0; g >= 0 && hops < s.groups.length; hops++) {
      RoutingGroup group = s.groups[g];
      if (group.policy() == RoutingPolicy.FIRST_TO_CLAIM) {
        int[] m = s.members[g];
        if (picked == null) {
          picked = new int[s.agents.length];
        }
        int n = 0;
        for (int pos = 0; pos < m.length; pos++) {
          int i = m[pos];
          if (s.eligible(i, now, excluded, primary)) {
            picked[n++] = i;
          } else if (ex != null) {
            ex.add("skipped " + s.names[i] + ": " + s.reason(i, now, excluded, primary));
          }
        }
        if (n > 0) {
          Instant expires = now.plus(group.offerTimeout());
          if (ex != null) {
            StringBuilder b = new StringBuilder("first-to-claim: offered to ");
            for (int k = 0; k < n; k++) {
              b.append(k == 0 ? "" : ", ").append(s.names[picked[k]]);
            }
            ex.add(
                b.append(" in group ")
                    .append(group.key())
                    .append(" until ")
                    .append(expires)
                    .toString());
          }
          return new RoutingDecision(
              RoutingDecision.Outcome.OFFERED,
              null,
              group.key(),
              group.policy(),
              rule,
              false,
              List.copyOf(s.ids(picked, n)),
              expires,
              null,
              language,
              replay,
              ex);
        }
      } else {
        int pos = pick(s, g, group.policy(), now, excluded, primary, ex);
        if (pos >= 0) {
          int i = s.members[g][pos];
          return new RoutingDecision(
              RoutingDecision.Outcome.ASSIGNED,
              s.agents[i].id(),
              group.key(),
              group.policy(),
              rule,
              false,
              List.of(),
              null,
              null,
              language,
              replay,
              ex);
        }
      }
      int next = s.fallback[g];
      if (ex != null) {
        String f = group.fallback();
        ex.add(
            "group "
                + group.key()
                + (primary == null ? ": nobody available" : ": nobody who speaks it available")
                + (next >= 0
                    ? " → next group " + s.groups[next].key()
                    : f != null ? "; next group " + f + " does not exist" : ", no next group"));
      }
      g = next;
    }

    return null;
  }

  /** The member position the policy picks among eligible members, or -1. */
  private static int pick(
      RoutingSnapshot s,
      int g,
      RoutingPolicy policy,
      Instant now,
      int excluded,
      @Nullable String primary,
      @Nullable List<String> ex) {
    int[] m = s.members[g];
    long[] assigned = s.assigned[g];
    int best = -1;
    for (int pos = 0; pos < m.length; pos++) {
      int i = m[pos];
      if (!s.eligible(i, now, excluded, primary)) {
        if (ex != null) {
          ex.add("skipped " + s.names[i] + ": " + s.reason(i, now, excluded, primary));
        }
        continue;
      }
      if (best < 0 || better(s, policy, m, assigned, pos, best)) {
        best = pos;
      }
    }
    if (best >= 0 && ex != null) {
      int i = m[best];
      String group = s.groups[g].key();
      ex.add(
          switch (policy) {
            case ROUND_ROBIN ->
                "round robin: "
                    + s.names[i]
                    + " has "
                    + assigned[best]
                    + " assigned, the fewest in group "
                    + group;
            case WEIGHTED ->
                "weighted: "
                    + s.names[i]
                    + " has "
                    + assigned[best]
                    + " assigned at weight "
                    + s.weight[i]
                    + ", the smallest share in group "
                    + group;
            case LEAST_LOADED ->
                "least-loaded: " + s.names[i] + " " + s.open[i] + "/" + s.capacity[i] + " open";
            case FIRST_TO_CLAIM -> throw new IllegalStateException("offers are not picked");
          });
    }
    return best;
  }

  /** Whether member position {@code a} beats {@code b}; a comes later in member order. */
  private static boolean better(
      RoutingSnapshot s, RoutingPolicy policy, int[] m, long[] assigned, int a, int b) {
    switch (policy) {
      case ROUND_ROBIN:
        return assigned[a] < assigned[b];
      case WEIGHTED:
        // (assigned_a + 1) / w_a < (assigned_b + 1) / w_b
        return (assigned[a] + 1) * s.weight[m[b]] < (assigned[b] + 1) * s.weight[m[a]];
      case LEAST_LOADED:
        {
          long la = (long) s.open[m[a]] * s.capacity[m[b]];
          long lb = (long) s.open[m[b]] * s.capacity[m[a]];
          return la < lb || (la == lb && assigned[a] < assigned[b]);
        }
      default:
        throw new IllegalStateException("not a picking policy: " + policy);
    }
  }

  @Override
  public String toString() {
    return "RoutingEngine[" + Objects.toString(config) + "]";
  }
}
