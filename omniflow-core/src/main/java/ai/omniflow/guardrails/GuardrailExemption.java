package ai.omniflow.guardrails;

import java.util.Locale;

/**
 * A narrowly drawn case in which a message passes a rule that would otherwise block it. A decision
 * allowed by one says so ({@link GuardrailDecision#exemption()}), and the send that follows records
 * it in its event, so every such message can be found and explained.
 *
 * <pre>{@code
 * GuardrailDecision d = guardrails.check(message, facts, now);
 * if (d.exemption() != null) {
 *   payload.put("allowed_by", d.exemption().wireName()); // "help_answer"
 * }
 * }</pre>
 */
public enum GuardrailExemption {
  /**
   * The answer to an inbound HELP passes a withdrawn consent: CTIA's Messaging Principles and Best
   * Practices expect HELP to be answered whatever the opt-in state, since it answers the consumer's
   * own request. Only a {@link MessageKind#HELP_ANSWER} on the channel the HELP came in on, at most
   * {@link Guardrails#HELP_ANSWER_WINDOW} after it; every other message to the contact on that
   * channel stays blocked.
   */
  HELP_ANSWER(GuardrailRule.CONSENT);

  private final GuardrailRule exemptFrom;

  GuardrailExemption(GuardrailRule exemptFrom) {
    this.exemptFrom = exemptFrom;
  }

  /** The rule the exemption lets a message pass. */
  public GuardrailRule exemptFrom() {
    return exemptFrom;
  }

  /** The exemption's name on the wire: {@code help_answer}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
