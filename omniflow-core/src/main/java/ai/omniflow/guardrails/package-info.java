/**
 * The guardrails every outbound message passes, as pure values and functions: {@link
 * ai.omniflow.guardrails.Guardrails} takes what is about to be sent ({@link
 * ai.omniflow.guardrails.OutboundMessage}), what is known of the recipient ({@link
 * ai.omniflow.guardrails.ContactFacts}) and the time, and answers a {@link
 * ai.omniflow.guardrails.GuardrailDecision}: allowed, or blocked by one rule (consent, channel
 * window, frequency cap, quiet hours) with a stable code and the next moment it may be tried again.
 * {@link ai.omniflow.guardrails.ComplianceKeywords} recognizes opt-out, opt-in and help keywords in
 * an inbound message. No store, no clock of its own. See docs/compliance.md.
 */
@NullMarked
package ai.omniflow.guardrails;

import org.jspecify.annotations.NullMarked;
