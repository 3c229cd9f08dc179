package ai.omniflow.routing;

import ai.omniflow.fields.Condition;
import java.util.Objects;

/**
 * When a lead goes to a group: the first rule whose condition holds names the group. Conditions use
 * the scoring condition language (docs/scoring.md) over the pack's lead fields and the built-ins
 * {@code source_channel}, {@code score} and {@code language}.
 *
 * <pre>{@code
 * RoutingRule sf = new RoutingRule("zip_941", new Condition.Leaf("zip", Operator.STARTS_WITH,
 *     List.of("941")), "sf");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link IllegalArgumentException} if a key is malformed
 *
 * @param key the rule's name in explanations, e.g. {@code zip_941}
 * @param group the key of the group the lead goes to
 */
public record RoutingRule(String key, Condition when, String group) {
  public RoutingRule {
    RoutingGroup.requireKey(key, "rule key");
    Objects.requireNonNull(when, "when");
    RoutingGroup.requireKey(group, "group");
  }
}
