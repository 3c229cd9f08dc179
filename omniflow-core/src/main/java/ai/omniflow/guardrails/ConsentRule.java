package ai.omniflow.guardrails;

import org.jspecify.annotations.Nullable;

/**
 * Opt-out and consent: nothing to a contact whose consent for the channel is withdrawn ({@code
 * contact_opted_out}); a marketing message only where consent was given ({@code consent_missing}).
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
}
