package ai.omniflow.scoring;

import ai.omniflow.fields.Condition;
import java.util.Objects;

/**
 * A rule: when {@code when} holds, the lead gets {@code points} in {@code group}.
 *
 * <p>Throws {@link IllegalArgumentException} if the key is malformed or an engagement rule is
 * negative
 *
 * @param points may be negative, except in {@link ScoringGroup#ENGAGEMENT} where decay would make
 *     an old negative score more than a new one
 */
public record ScoringRule(String key, ScoringGroup group, int points, Condition when) {
  public ScoringRule {
    if (key == null || !key.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("rule key must be lower-case snake_case, was " + key);
    }
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(when, "when");
    if (group == ScoringGroup.ENGAGEMENT && points < 0) {
      throw new IllegalArgumentException(
          "an engagement rule's points must not be negative (they decay with age)");
    }
  }
}
