package ai.omniflow.routing;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.LeadField;
import ai.omniflow.fields.Problem;
import ai.omniflow.scoring.CompiledRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How an org routes leads: attribute rules in order, the default group, whether returning contacts
 * go back to their previous owner, and the last resort. A pack's {@code routing} section gives one;
 * an org may replace it with its own.
 *
 * <pre>{@code
 * RoutingConfig config = new RoutingConfig(List.of(sfRule), "team", true, LastResort.POND, null);
 * RoutingEngine engine = RoutingEngine.compile(config, pack.leadFields());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link IllegalArgumentException} if rule keys repeat or a key is malformed
 *
 * <p>Throws {@link OmniFlowException} {@code invalid_rules} (invalid input) for more than {@link
 * Limits#MAX_LIST} rules
 *
 * @param rules checked in order; the first that holds names the group
 * @param defaultGroup the group of a lead no rule matches, or {@code null} for the last resort
 * @param sticky whether a returning contact goes to its previous owner when that agent is available
 * @param lastResort where a lead goes when nobody is available
 * @param accountOwner the user who receives leads under {@link LastResort#ACCOUNT_OWNER}
 */
public record RoutingConfig(
    List<RoutingRule> rules,
    @Nullable String defaultGroup,
    boolean sticky,
    LastResort lastResort,
    @Nullable UUID accountOwner) {

  /** No rules, no default group, sticky, to the pond. */
  public static final RoutingConfig DEFAULT =
      new RoutingConfig(List.of(), null, true, LastResort.POND, null);

  public RoutingConfig {
    rules = List.copyOf(Limits.list("rules", rules, Limits.MAX_LIST));
    Set<String> keys = new HashSet<>();
    for (RoutingRule r : rules) {
      if (!keys.add(r.key())) {
        throw new IllegalArgumentException("rule key '" + r.key() + "' appears twice");
      }
    }
    if (defaultGroup != null) {
      RoutingGroup.requireKey(defaultGroup, "defaultGroup");
    }
    Objects.requireNonNull(lastResort, "lastResort");
  }

  /**
   * Every problem of the rules' conditions read against {@code fields}, with paths like {@code
   * /rules/0/when/field}; empty if they compile.
   */
  public List<Problem> problems(List<LeadField> fields) {
    List<Problem> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      out.addAll(CompiledRules.problems(fields, rules.get(i).when(), "/rules/" + i + "/when"));
    }
    return out;
  }

  /** A copy with {@code accountOwner}. */
  public RoutingConfig withAccountOwner(@Nullable UUID accountOwner) {
    return new RoutingConfig(rules, defaultGroup, sticky, lastResort, accountOwner);
  }
}
