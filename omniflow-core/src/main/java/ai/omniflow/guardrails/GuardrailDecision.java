package ai.omniflow.guardrails;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The guardrails' answer for one message: allowed, or blocked by one rule with a stable code
 * ({@link GuardrailErrors}) and the next moment the message may go ({@code until}), so that a
 * blocked step is deferred, not dropped. An allowed decision names the exemption that let it pass a
 * rule that would have blocked it, when one did ({@link #HELP_ANSWER}).
 *
 * <pre>{@code
 * GuardrailDecision d = guardrails.check(message, facts, now);
 * if (!d.allowed()) {
 *   scheduleAt(d.until()); // null: no time alone makes it allowed (opt-out, closed window)
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param allowed whether the message may be sent now
 * @param rule the rule that blocked it, {@code null} when allowed
 * @param code the block's code, one of {@link GuardrailErrors}; {@code null} when allowed
 * @param until the earliest moment at which the time-bound rules (frequency caps, quiet hours)
 *     allow it, when those blocked it; {@code null} when allowed, when waiting cannot help
 *     (opt-out, missing consent, closed window: a new inbound message or consent is needed), or
 *     when the recipient's zones share no sending hour within 8 days
 * @param exemption for an allowed decision, the exemption that let the message pass a rule that
 *     would have blocked it; {@code null} when no rule needed one, and for a blocked decision
 */
public record GuardrailDecision(
    boolean allowed,
    @Nullable GuardrailRule rule,
    @Nullable String code,
    @Nullable Instant until,
    @Nullable GuardrailExemption exemption) {

  /** The allowed decision: no rule blocked the message. */
  public static final GuardrailDecision ALLOWED =
      new GuardrailDecision(true, null, null, null, null);

  /**
   * Allowed only by {@link GuardrailExemption#HELP_ANSWER}: the answer to an inbound HELP, to a
   * contact who withdrew consent for the channel.
   */
  public static final GuardrailDecision HELP_ANSWER =
      new GuardrailDecision(true, null, null, null, GuardrailExemption.HELP_ANSWER);

  /**
   * @throws IllegalArgumentException if an allowed decision names a rule, code or time, or a
   *     blocked one lacks its rule or code or names an exemption
   */
  public GuardrailDecision {
    if (allowed && (rule != null || code != null || until != null)) {
      throw new IllegalArgumentException("an allowed decision has no rule, code or until");
    }
    if (!allowed && (rule == null || code == null || exemption != null)) {
      throw new IllegalArgumentException(
          "a blocked decision names its rule and code, and no exemption");
    }
  }

  /** A decision blocked by {@code rule} with {@code code}, to retry at {@code until}. */
  public static GuardrailDecision blocked(
      GuardrailRule rule, String code, @Nullable Instant until) {
    return new GuardrailDecision(
        false,
        Objects.requireNonNull(rule, "rule"),
        Objects.requireNonNull(code, "code"),
        until,
        null);
  }
}
