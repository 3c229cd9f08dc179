package ai.omniflow.guardrails;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Opt-out and consent: nothing to a contact whose consent for the channel is withdrawn ({@code
 * contact_opted_out}), save the answer to a HELP just taken in on that channel ({@link
 * #answersHelp}); a marketing message only where consent was given ({@code consent_missing}).
 * Neither clears with time, so neither has an {@code until}. Thread-safe.
 */
final class ConsentRule {
  private static final GuardrailDecision OPTED_OUT =
      GuardrailDecision.blocked(GuardrailRule.CONSENT, GuardrailErrors.CONTACT_OPTED_OUT, null);
  private static final GuardrailDecision MISSING =
      GuardrailDecision.blocked(GuardrailRule.CONSENT, GuardrailErrors.CONSENT_MISSING, null);

  /** The block, or {@code null} if the rule lets the message pass. */
  @Nullable GuardrailDecision check(OutboundMessage message, ContactFacts facts) {
    ConsentState state = facts.consentFor(message.channel());
    if (state == ConsentState.WITHDRAWN) {
      return OPTED_OUT;
    }
    if (message.kind() == MessageKind.MARKETING && state != ConsentState.GIVEN) {
      return MISSING;
    }
    return null;
  }

  /**
   * Whether {@code message} is exempt from an opt-out of its channel ({@link
   * GuardrailExemption#HELP_ANSWER}): a {@link MessageKind#HELP_ANSWER} on the channel a HELP came
   * in on, at most {@link Guardrails#HELP_ANSWER_WINDOW} before {@code now} and not after it.
   */
  boolean answersHelp(OutboundMessage message, ContactFacts facts, Instant now) {
    if (message.kind() != MessageKind.HELP_ANSWER) {
      return false;
    }
    Instant asked = facts.helpAskedOn(message.channel());
    return asked != null
        && !asked.isAfter(now)
        && !now.isAfter(asked.plus(Guardrails.HELP_ANSWER_WINDOW));
  }
}
